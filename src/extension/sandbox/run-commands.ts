// The run commands: Run in Sandbox (with the sidecar cases when the file has them), Run with Input…,
// Stop Sandbox Run, Check Docker. Each returns its outcome, which the extension-host tests read.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Command } from '../ctx';
import { classifyError, type Failure } from './failures';
import type { RunOptions, RunOutcome } from './run-controller';
import { resolveRunTarget, type RunTarget } from './run-target';
import { sidecarCases } from './cases-file';
import type { SandboxServices } from './services';

export type CommandOutcome = RunOutcome | { kind: 'dismissed' };

/** Options a caller (a test, another command) can pass instead of being asked. */
export interface RunCommandArgs {
  stdin?: string;
  language?: string;
  /** Ignore the sidecar cases file. */
  noCases?: boolean;
}

export function runCommands(s: SandboxServices): Command[] {
  const failed = (failure: Failure, retry: () => unknown, retryWithLanguage?: (id: string) => unknown): CommandOutcome => {
    s.fail(failure, retry, retryWithLanguage);
    return { kind: 'failed', failure };
  };

  const runTarget = async (target: RunTarget, opts: RunOptions, retry: (language?: string) => unknown): Promise<CommandOutcome> => {
    const outcome = await s.runs.run(target, opts);
    if (outcome.kind === 'failed') return failed(outcome.failure, () => retry(opts.language), (id) => retry(id));
    return outcome;
  };

  const run = async (arg?: unknown, extra?: RunCommandArgs): Promise<CommandOutcome> => {
    const target = await resolveRunTarget(arg);
    if (!target) return failed({ kind: 'nothing-to-run', message: 'open a file (or select code) to run it in the sandbox.' }, () => undefined);
    const opts: RunOptions = { language: extra?.language, stdin: extra?.stdin };
    if (!target.isSelection && extra?.stdin === undefined && !extra?.noCases) {
      try {
        const sidecar = await sidecarCases(target.uri);
        if (sidecar) {
          opts.cases = sidecar.cases;
          opts.casesLabel = `${sidecar.cases.length} test case${sidecar.cases.length === 1 ? '' : 's'} from ${path.basename(sidecar.uri.fsPath)}`;
        }
      } catch (err) {
        return failed(classifyError(err), () => run(arg, extra));
      }
    }
    return runTarget(target, opts, (language) => run(arg, { ...extra, language }));
  };

  const runWithInput = async (arg?: unknown, extra?: RunCommandArgs): Promise<CommandOutcome> => {
    const target = await resolveRunTarget(arg);
    if (!target) return failed({ kind: 'nothing-to-run', message: 'open a file (or select code) to run it in the sandbox.' }, () => undefined);
    const input = extra?.stdin !== undefined ? { stdin: extra.stdin, label: 'stdin given' } : await askForInput();
    if (!input) return { kind: 'dismissed' };
    const opts: RunOptions = { language: extra?.language, stdin: input.stdin, stdinLabel: input.label };
    return runTarget(target, opts, (language) => runWithInput(arg, { ...extra, stdin: input.stdin, language }));
  };

  const checkDocker = async (): Promise<{ ok: boolean; message: string }> => {
    const engine = await s.engines.get();
    try {
      const v = await engine.checkDocker();
      s.statusBar.setDocker({ kind: 'connected', version: v.version });
      const message = `Docker ${v.version} is running (API ${v.apiVersion}): the sandbox is ready.`;
      void vscode.window.showInformationMessage(`MPLSandbox: ${message}`);
      return { ok: true, message };
    } catch (err) {
      const failure = classifyError(err);
      if (failure.kind === 'docker') s.statusBar.setDocker({ kind: 'not-running', advice: failure.message });
      s.fail(failure, () => vscode.commands.executeCommand('mplsandbox.checkDocker'));
      return { ok: false, message: failure.message };
    }
  };

  return [
    { id: 'mplsandbox.run', factory: () => (arg?: unknown, extra?: unknown) => run(arg, extra as RunCommandArgs | undefined) },
    { id: 'mplsandbox.runWithInput', factory: () => (arg?: unknown, extra?: unknown) => runWithInput(arg, extra as RunCommandArgs | undefined) },
    {
      id: 'mplsandbox.stop',
      factory: () => () => {
        const stopped = s.runs.stop() || s.stopInteractive();
        if (!stopped) void vscode.window.showInformationMessage('MPLSandbox: nothing is running.');
        return stopped;
      },
    },
    { id: 'mplsandbox.checkDocker', factory: () => () => checkDocker() },
    { id: 'mplsandbox._showRunOutput', factory: () => () => s.output.show() },
  ];
}

/** Asks for the program's stdin: typed (with `\n` for line breaks) or read from a file. */
async function askForInput(): Promise<{ stdin: string; label: string } | undefined> {
  const typed = { label: '$(edit) Type the input…', id: 'type' };
  const file = { label: '$(file) Read the input from a file…', id: 'file' };
  const choice = await vscode.window.showQuickPick([typed, file], { title: 'Run in Sandbox with Input', placeHolder: 'Where does the program’s stdin come from?' });
  if (!choice) return undefined;
  if (choice.id === 'type') {
    const text = await vscode.window.showInputBox({
      title: 'Run in Sandbox with Input',
      prompt: 'The program’s stdin. Write \\n for a line break; a final line break is added.',
      placeHolder: 'e.g. 15 or Ada\\n36',
    });
    if (text === undefined) return undefined;
    const stdin = text.replace(/\\n/g, '\n').replace(/\n?$/, '\n');
    return { stdin, label: 'stdin typed' };
  }
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, title: 'Input file for the program’s stdin', openLabel: 'Use as stdin' });
  if (!picked?.[0]) return undefined;
  const stdin = new TextDecoder().decode(await vscode.workspace.fs.readFile(picked[0]));
  return { stdin, label: `stdin from ${path.basename(picked[0].fsPath)}` };
}
