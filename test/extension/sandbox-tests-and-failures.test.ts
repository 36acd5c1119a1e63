// Test Explorer for `<file>.cases.json`, and what the user is told when nothing can run (Docker unreachable,
// unsupported language), in the real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CommandOutcome } from '../../src/extension/sandbox/run-commands';
import { waitFor } from './helpers';
import { example, fixture, openEditor, runActive, runChannelText, runTests, sandboxApi } from './sandbox-helpers';

suite('Test Explorer: sidecar cases', function () {
  this.timeout(120_000);

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('fizzbuzz.py.cases.json is a test item with its three cases, which pass', async () => {
    const { tests } = await sandboxApi();
    await tests.discovered;
    const casesUri = example('fizzbuzz.py.cases.json');
    const item = await waitFor('the cases file in the test tree', () => tests.controller.items.get(casesUri.toString()));
    assert.equal(item.label, 'fizzbuzz.py');
    // Cases are read when the tree is expanded (VS Code calls the resolve handler).
    await tests.controller.resolveHandler?.(item);
    assert.equal(item.children.size, 3);
    // Each case sits on its line of the JSON (one case per line in this file).
    assert.deepEqual([...item.children].map(([, c]) => c.range?.start.line), [1, 2, 3]);
    const recorded = await runTests([item]);
    assert.deepEqual(recorded.failed, []);
    assert.deepEqual(recorded.errored, []);
    assert.equal(recorded.passed.length, 3);
  });

  test('a failing case reports expected vs actual; passing ones still pass', async () => {
    const { tests } = await sandboxApi();
    // A cases file outside the workspace joins the tree when it is opened.
    const casesUri = fixture('wrong.py.cases.json');
    await openEditor(casesUri);
    const item = await waitFor('the opened cases file in the test tree', () => tests.controller.items.get(casesUri.toString()));
    const recorded = await runTests([item]);
    // wrong.py drops the last number: only the one-number case passes.
    assert.deepEqual(recorded.passed, [`${item.id}#0`]);
    assert.deepEqual(recorded.failed.map((f) => f.id), [`${item.id}#1`, `${item.id}#2`]);
    const [message] = recorded.failed[0].messages;
    assert.equal(message.expectedOutput, '6\n');
    assert.equal(message.actualOutput, '3\n');
    assert.match(String(message.message), /Wrong answer on input "1 2 3\\n"/);
    tests.controller.items.delete(item.id);
  });
});

suite('failures say what to do', function () {
  this.timeout(60_000);

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('Docker unreachable (the docker host setting points at no socket): how to start it, and Retry', async () => {
    const cfg = () => vscode.workspace.getConfiguration('mplsandbox');
    const { services } = await sandboxApi();
    const host = 'unix:///nonexistent/mplsandbox-test/docker.sock';
    await cfg().update('docker.host', host, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the setting to apply', () => services.config.dockerHost === host);
      await openEditor(fixture('hello.py'));
      const outcome = (await runActive()) as CommandOutcome;
      assert.equal(outcome.kind, 'failed', JSON.stringify(outcome));
      if (outcome.kind !== 'failed') return;
      assert.equal(outcome.failure.kind, 'docker');
      assert.match(outcome.failure.message, /Docker is not running \(nothing answers at unix:\/\/\/nonexistent\/mplsandbox-test\/docker\.sock\)/);
      assert.match(outcome.failure.message, /systemctl start docker|Docker Desktop/, 'says how to start Docker');
      assert.match(outcome.failure.message, /mplsandbox\.docker\.host/, 'names the setting');
      assert.equal(services.statusBar.dockerState.kind, 'not-running');
      await runChannelText(/■ Not run: Docker is not running/);
    } finally {
      await cfg().update('docker.host', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('the setting to be reset', () => services.config.dockerHost === undefined);
  });

  test('an unsupported language lists the supported ones', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'Dear diary, today nothing happened.\n' });
    await vscode.window.showTextDocument(document);
    const outcome = await runActive();
    assert.equal(outcome.kind, 'failed');
    if (outcome.kind !== 'failed') return;
    assert.equal(outcome.failure.kind, 'language');
    assert.match(outcome.failure.message, /Supported languages: python, javascript, typescript, c, cpp/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
