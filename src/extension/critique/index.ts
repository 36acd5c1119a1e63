// Math critique in the editor: wires the store, the runner and every view of the verdicts (diagnostics, ✓/✗
// decorations, hovers, CodeLens, quick fixes, the Markdown preview, the side panel) and the commands.
import type { MarkdownIt } from 'markdown-it';
import type { EngineHost } from '../sandbox/engine-host';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { setActorApiKey, setCriticApiKey } from './api-keys';
import { CritiqueCodeLensProvider } from './codelens';
import { critiqueCommands } from './critique-commands';
import { CritiqueRunner } from './critique-runner';
import { CritiqueStore } from './critique-store';
import { VerdictDecorations } from './decorations';
import { CritiqueDiagnostics } from './diagnostics';
import { VerdictHoverProvider } from './hover';
import { refreshPreviewsOnChange, verdictMarkdownItPlugin } from './markdown-preview';
import { CRITIQUE_VIEW_ID, CritiqueView } from './panel/critique-view';
import { CritiqueQuickFixes } from './quick-fixes';
import { CritiqueOnSave } from './save-trigger';

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];

export interface CritiqueFeature {
  /** For `markdown.markdownItPlugins`: activate() returns it as `extendMarkdownIt`. */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  /** The side panel's provider (tests check its lifecycle). */
  view: CritiqueView;
}

export function registerCritique(ctx: Ctx, engines?: EngineHost): CritiqueFeature {
  const store = ctx.pushCleanup(new CritiqueStore());
  const runner = new CritiqueRunner(ctx, store, engines);
  const view = ctx.pushCleanup(new CritiqueView(ctx, store, runner));
  ctx.pushCleanup(new CritiqueDiagnostics(store));
  ctx.pushCleanup(new VerdictDecorations(store));
  const codeLens = ctx.pushCleanup(new CritiqueCodeLensProvider(store));
  ctx.pushCleanup(vscode.languages.registerCodeLensProvider(MARKDOWN, codeLens));
  ctx.pushCleanup(vscode.languages.registerHoverProvider(MARKDOWN, new VerdictHoverProvider(store)));
  ctx.pushCleanup(
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new CritiqueQuickFixes(store), { providedCodeActionKinds: CritiqueQuickFixes.kinds }),
  );
  ctx.pushCleanup(new CritiqueOnSave(ctx, runner));
  ctx.pushCleanup(refreshPreviewsOnChange(store));
  // Not retained when hidden: the page restores itself from setState/getState (cheaper than a live hidden page).
  ctx.pushCleanup(vscode.window.registerWebviewViewProvider(CRITIQUE_VIEW_ID, view, { webviewOptions: { retainContextWhenHidden: false } }));
  for (const command of [...critiqueCommands({ store, runner, view }), setCriticApiKey, setActorApiKey]) ctx.registerCommand(command);
  const plugin = verdictMarkdownItPlugin(store);
  return { extendMarkdownIt: (md) => plugin(md), view };
}
