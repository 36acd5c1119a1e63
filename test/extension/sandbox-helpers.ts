// Helpers of the Run in Sandbox tests: fixtures, the run output channel's text, the outcome of a command.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SandboxApi } from '../../src/extension/sandbox';
import type { CommandOutcome } from '../../src/extension/sandbox/run-commands';
import { activate, extension, waitFor } from './helpers';

export async function sandboxApi(): Promise<SandboxApi> {
  const api = await activate();
  if (!api.sandbox) throw new Error('activate() returned no sandbox services');
  return api.sandbox;
}

export function fixture(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(extension().extensionPath, 'test', 'extension', 'fixtures', name));
}

export function example(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(extension().extensionPath, 'examples', name));
}

export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

/** Runs "Run in Sandbox" on the active editor and returns its outcome. */
export async function runActive(extra?: object): Promise<CommandOutcome> {
  return (await vscode.commands.executeCommand('mplsandbox.run', undefined, extra)) as CommandOutcome;
}

/** The text of the "MPLSandbox" run channel (shown in the Output view), once it contains `marker`. */
export async function runChannelText(marker: string | RegExp, timeoutMs = 10_000): Promise<string> {
  await vscode.commands.executeCommand('mplsandbox._showRunOutput');
  const editor = await waitFor(
    `the MPLSandbox channel to show ${String(marker)}`,
    () =>
      vscode.window.visibleTextEditors.find((e) => {
        if (e.document.uri.scheme !== 'output' || e.document.uri.path.includes('Log')) return false;
        const text = e.document.getText();
        return typeof marker === 'string' ? text.includes(marker) : marker.test(text);
      }),
    timeoutMs,
  );
  return editor.document.getText();
}

export interface Recorded {
  passed: string[];
  failed: { id: string; messages: vscode.TestMessage[] }[];
  errored: { id: string; messages: vscode.TestMessage[] }[];
}

/** Runs the controller's run profile on `items` through VS Code's TestRun, recording what it reports. */
export async function runTests(items: vscode.TestItem[]): Promise<Recorded> {
  const { tests } = await sandboxApi();
  const recorded: Recorded = { passed: [], failed: [], errored: [] };
  const controller = tests.controller;
  const create = controller.createTestRun.bind(controller);
  controller.createTestRun = (request, name, persist) => {
    const run = create(request, name, persist);
    const asList = (m: vscode.TestMessage | readonly vscode.TestMessage[]) => (Array.isArray(m) ? [...m] : [m as vscode.TestMessage]);
    return Object.assign(Object.create(run) as vscode.TestRun, {
      passed: (item: vscode.TestItem, duration?: number) => {
        recorded.passed.push(item.id);
        run.passed(item, duration);
      },
      failed: (item: vscode.TestItem, message: vscode.TestMessage | readonly vscode.TestMessage[], duration?: number) => {
        recorded.failed.push({ id: item.id, messages: asList(message) });
        run.failed(item, message, duration);
      },
      errored: (item: vscode.TestItem, message: vscode.TestMessage | readonly vscode.TestMessage[], duration?: number) => {
        recorded.errored.push({ id: item.id, messages: asList(message) });
        run.errored(item, message, duration);
      },
    });
  };
  try {
    const source = new vscode.CancellationTokenSource();
    await tests.runProfile.runHandler(new vscode.TestRunRequest(items), source.token);
  } finally {
    controller.createTestRun = create;
  }
  return recorded;
}

/** The judged result of a command's outcome; anything else fails the test with the outcome. */
export function expectResult(outcome: CommandOutcome) {
  if (outcome.kind !== 'result') throw new Error(`expected a judged run, got ${JSON.stringify(outcome)}`);
  return outcome.result;
}
