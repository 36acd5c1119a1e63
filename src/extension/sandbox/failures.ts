// Every way a sandbox command can fail to run code, told to the user with what to do about it: Docker not
// running (how to start it, Retry), an image missing (Build now), an unsupported language (which are
// supported, Choose Language), an untrusted workspace (why, Manage Trust), anything else (Show Log).
// Notifications are never awaited by the command: a command returns as soon as it knows the outcome.
import * as vscode from 'vscode';
import { errorCode } from '../../core/errors';

export type FailureKind = 'untrusted' | 'docker' | 'image-missing' | 'language' | 'cases' | 'project' | 'engine' | 'nothing-to-run';

export interface Failure {
  kind: FailureKind;
  message: string;
  /** The language concerned, when known (Build now builds its image). */
  language?: string;
}

/** Sorts an error thrown by the core into a failure, by its typed code (see core/errors.ts: no core bundle must be loaded to check). */
export function classifyError(err: unknown, language?: string): Failure {
  const message = err instanceof Error ? err.message : String(err);
  switch (errorCode(err)) {
    case 'docker-unavailable':
      return { kind: 'docker', message, language };
    case 'image-missing':
      return { kind: 'image-missing', message, language };
    case 'unknown-language':
    case 'language-unidentified':
      return { kind: 'language', message, language };
    case 'cases-format':
      return { kind: 'cases', message, language };
    case 'project-limit':
    case 'project-path':
      return { kind: 'project', message, language };
    case 'dependency-install':
    case 'dependency-build-refused':
      return { kind: 'engine', message, language };
    default:
      return { kind: 'engine', message: `the sandbox engine failed: ${message}`, language };
  }
}

export const UNTRUSTED_MESSAGE =
  'MPLSandbox does not run code in an untrusted workspace: the code and its settings (Docker host, images) come from a folder you have not trusted. ' +
  'Trust the workspace to run it.';

export interface FailureActions {
  log: vscode.LogOutputChannel;
  /** Runs the same thing again (after Docker was started, an image built, …). */
  retry?: () => unknown;
  /** Runs it again with this language. */
  retryWithLanguage?: (languageId: string) => unknown;
  /** Builds the image of a language, resolving when it is built. */
  buildImage?: (languageId: string) => Thenable<unknown>;
  supportedLanguages?: () => { id: string; displayName: string }[];
}

/** Logs the failure and shows it with its actions. Returns at once (the notification is not awaited). */
export function showFailure(failure: Failure, actions: FailureActions): void {
  actions.log.warn(`${failure.kind}: ${failure.message}`);
  void offer(failure, actions).catch((e) => actions.log.error(`failure notification: ${String(e)}`));
}

async function offer(failure: Failure, a: FailureActions): Promise<void> {
  const text = `MPLSandbox: ${failure.message}`;
  switch (failure.kind) {
    case 'untrusted': {
      const pick = await vscode.window.showWarningMessage(text, 'Manage Workspace Trust');
      if (pick) await vscode.commands.executeCommand('workbench.trust.manage');
      return;
    }
    case 'docker': {
      const pick = await vscode.window.showErrorMessage(text, ...(a.retry ? ['Retry'] : []), 'Docker Host Setting', 'Show Log');
      if (pick === 'Retry') await a.retry?.();
      else if (pick === 'Docker Host Setting') await vscode.commands.executeCommand('workbench.action.openSettings', 'mplsandbox.docker.host');
      else if (pick === 'Show Log') a.log.show(true);
      return;
    }
    case 'image-missing': {
      const pick = await vscode.window.showErrorMessage(text, 'Build now', 'Show Log');
      if (pick === 'Build now' && failure.language && a.buildImage) {
        await a.buildImage(failure.language);
        await a.retry?.();
      } else if (pick === 'Show Log') a.log.show(true);
      return;
    }
    case 'language': {
      const canChoose = a.retryWithLanguage && a.supportedLanguages;
      const pick = await vscode.window.showErrorMessage(text, ...(canChoose ? ['Choose Language…'] : []));
      if (pick && a.retryWithLanguage && a.supportedLanguages) {
        const chosen = await vscode.window.showQuickPick(
          a.supportedLanguages().map((l) => ({ label: l.displayName, description: l.id, id: l.id })),
          { title: 'Run in Sandbox as…', placeHolder: 'The language of the code' },
        );
        if (chosen) await a.retryWithLanguage(chosen.id);
      }
      return;
    }
    case 'project': {
      const pick = await vscode.window.showWarningMessage(text, 'Project Settings');
      if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', 'mplsandbox.sandbox.project');
      return;
    }
    case 'nothing-to-run':
    case 'cases':
      await vscode.window.showWarningMessage(text);
      return;
    case 'engine': {
      const pick = await vscode.window.showErrorMessage(text, 'Show Log');
      if (pick) a.log.show(true);
      return;
    }
  }
}
