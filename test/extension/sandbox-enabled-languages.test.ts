// mplsandbox.sandbox.enabledLanguages is one check of the preparation every sandbox job shares: with Python not
// enabled, Run, Analyze, Fix, the interactive terminal and the Test Explorer all refuse a Python program — saying
// which languages are enabled — before anything reaches Docker.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnalyzeOutcome } from '../../src/extension/sandbox/analyze';
import type { FixOutcome } from '../../src/extension/sandbox/fix';
import type { InteractiveNotStarted, InteractiveRun } from '../../src/extension/sandbox/interactive-terminal';
import type { CommandOutcome } from '../../src/extension/sandbox/run-commands';
import { waitFor } from './helpers';
import { example, openEditor, runActive, runTests, sandboxApi } from './sandbox-helpers';

const NOT_ENABLED = /Python is not enabled \(setting mplsandbox\.sandbox\.enabledLanguages\)\. Enabled: c, go\./;

type Outcome = CommandOutcome | AnalyzeOutcome | FixOutcome | InteractiveRun | InteractiveNotStarted | undefined;

function assertRefused(outcome: Outcome, what: string): void {
  assert.ok(outcome && outcome.kind === 'failed', `${what} went ahead with a disabled language: ${JSON.stringify(outcome && { kind: outcome.kind })}`);
  assert.equal(outcome.failure.kind, 'language', `${what}: ${outcome.failure.message}`);
  assert.match(outcome.failure.message, NOT_ENABLED, what);
}

suite('enabled languages: every entry point', function () {
  this.timeout(60_000);
  const cfg = () => vscode.workspace.getConfiguration('mplsandbox');

  suiteSetup(async () => {
    const { services } = await sandboxApi();
    await cfg().update('sandbox.enabledLanguages', ['c', 'go'], vscode.ConfigurationTarget.Global);
    await waitFor('the setting to apply', () => services.config.enabledLanguages?.join(',') === 'c,go');
  });

  suiteTeardown(async () => {
    await cfg().update('sandbox.enabledLanguages', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  setup(() => openEditor(example('fizzbuzz.py')));

  test('Run in Sandbox', async () => {
    assertRefused(await runActive({ noCases: true }), 'Run');
  });

  test('Run in Sandbox with Input', async () => {
    assertRefused((await vscode.commands.executeCommand('mplsandbox.runWithInput', undefined, { stdin: '3\n' })) as CommandOutcome, 'Run with Input');
  });

  test('Analyze in Sandbox', async () => {
    assertRefused((await vscode.commands.executeCommand('mplsandbox.analyze')) as AnalyzeOutcome, 'Analyze');
  });

  test('Fix with Sandbox Feedback', async () => {
    assertRefused((await vscode.commands.executeCommand('mplsandbox.fix', undefined, { rounds: 1 })) as FixOutcome, 'Fix');
  });

  test('Run in Sandbox (Interactive): no terminal opens', async () => {
    const terminals = vscode.window.terminals.length;
    assertRefused((await vscode.commands.executeCommand('mplsandbox.runInteractive')) as InteractiveRun | InteractiveNotStarted, 'Interactive');
    assert.equal(vscode.window.terminals.length, terminals);
  });

  test('Test Explorer: every case errors with the reason', async () => {
    const { tests } = await sandboxApi();
    await tests.discovered;
    const item = await waitFor('the cases file in the test tree', () => tests.controller.items.get(example('fizzbuzz.py.cases.json').toString()));
    await tests.controller.resolveHandler?.(item);
    const recorded = await runTests([item]);
    assert.deepEqual(recorded.passed, [], 'no case ran');
    assert.equal(recorded.errored.length, 3);
    for (const e of recorded.errored) assert.match(String(e.messages[0].message), NOT_ENABLED);
  });
});
