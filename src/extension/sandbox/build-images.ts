// "Build Sandbox Images": builds (or confirms up to date) the images of chosen languages, with progress and
// Cancel. Images are tagged by a hash of their Dockerfile, so an up-to-date image is not rebuilt.
import * as vscode from 'vscode';
import { LANGUAGES } from '../../core/languages/registry';
import type { Command } from '../ctx';
import { classifyError } from './failures';
import type { SandboxServices } from './services';

export interface BuildOutcome {
  built: string[];
  failed: { language: string; message: string }[];
  cancelled: boolean;
}

export function buildImagesCommand(s: SandboxServices): Command {
  const build = async (arg?: unknown): Promise<BuildOutcome | undefined> => {
    const enabled = s.config.enabledLanguages;
    const candidates = LANGUAGES.filter((l) => !enabled || enabled.includes(l.id));
    let ids: string[] | undefined = Array.isArray(arg) ? arg.filter((x): x is string => typeof x === 'string') : undefined;
    if (!ids) {
      const picked = await vscode.window.showQuickPick(
        candidates.map((l) => ({ label: l.displayName, description: l.id, picked: true, id: l.id })),
        { title: 'Build Sandbox Images', placeHolder: 'Languages whose images to build (up-to-date images are kept)', canPickMany: true },
      );
      if (!picked?.length) return undefined;
      ids = picked.map((p) => p.id);
    }
    const languages = LANGUAGES.filter((l) => ids.includes(l.id));
    const outcome: BuildOutcome = { built: [], failed: [], cancelled: false };
    const engine = await s.engines.get();
    try {
      await engine.checkDocker();
    } catch (err) {
      s.fail(classifyError(err), () => build(ids));
      return { ...outcome, failed: languages.map((l) => ({ language: l.id, message: (err as Error).message })) };
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'MPLSandbox: building sandbox images', cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        for (const [i, lang] of languages.entries()) {
          if (abort.signal.aborted) break;
          progress.report({ message: `${lang.displayName} (${i + 1}/${languages.length})`, increment: 100 / languages.length });
          try {
            const tag = await s.ensureImage(lang, abort.signal, (line) => progress.report({ message: `${lang.displayName} (${i + 1}/${languages.length}): ${line}` }), {
              evenWithoutAutoBuild: true,
            });
            s.log.info(`image of ${lang.id}: ${tag}`);
            outcome.built.push(lang.id);
          } catch (err) {
            if (abort.signal.aborted) break;
            outcome.failed.push({ language: lang.id, message: err instanceof Error ? err.message : String(err) });
            s.log.error(`building the ${lang.id} image failed: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        outcome.cancelled = abort.signal.aborted;
      },
    );
    if (outcome.cancelled) void vscode.window.showWarningMessage(`MPLSandbox: image build cancelled (${outcome.built.length} of ${languages.length} ready).`);
    else if (outcome.failed.length) {
      s.fail({ kind: 'engine', message: `${outcome.failed.length} image(s) failed to build (${outcome.failed.map((f) => f.language).join(', ')}); the log has the build output.` });
    } else void vscode.window.showInformationMessage(`MPLSandbox: ${outcome.built.length} sandbox image(s) ready.`);
    return outcome;
  };
  return { id: 'mplsandbox.buildImages', factory: () => (arg?: unknown) => build(arg) };
}
