import * as vscode from 'vscode';
import { commands } from './commands';
import { Ctx, showErrorWithLog } from './ctx';
import { registerCritique, type CritiqueFeature } from './critique';
import { describeError, LOG_CHANNEL_NAME } from './log';
import { registerSandbox, type SandboxApi } from './sandbox';

let ctx: Ctx | undefined;

/** What activate() returns (`vscode.extensions.getExtension('mplsandbox.mplsandbox').exports`), used by tests. */
export interface MplSandboxApi {
  readonly ctx: Ctx;
  /** The Run in Sandbox services (undefined only when activation failed before them). */
  readonly sandbox?: SandboxApi;
  /** `markdown.markdownItPlugins`: VS Code's Markdown preview calls it to add the critique's ✓/✗ marks. */
  readonly extendMarkdownIt?: CritiqueFeature['extendMarkdownIt'];
  /** The Math Critique panel's provider. */
  readonly critiqueView?: CritiqueFeature['view'];
}

export async function activate(context: vscode.ExtensionContext): Promise<MplSandboxApi | undefined> {
  const t0 = performance.now();
  ctx = new Ctx(context);
  context.subscriptions.push(ctx);
  try {
    for (const command of commands) ctx.registerCommand(command);
    const sandbox = registerSandbox(ctx);
    const critique = registerCritique(ctx, sandbox.services.engines);
    ctx.log.info(`MPLSandbox ${ctx.version} activated in ${(performance.now() - t0).toFixed(1)} ms (VS Code ${vscode.version}, ${vscode.env.appHost})`);
    return { ctx, sandbox, extendMarkdownIt: critique.extendMarkdownIt, critiqueView: critique.view };
  } catch (e) {
    ctx.log.error(`activation failed: ${describeError(e)}`);
    void showErrorWithLog(ctx.log, `MPLSandbox failed to start: ${e instanceof Error ? e.message : String(e)}. See the ${LOG_CHANNEL_NAME} log.`);
    // Keep the log command alive so that the user can read what happened.
    return { ctx };
  }
}

export function deactivate(): void {
  ctx?.dispose();
  ctx = undefined;
}
