// "Build Sandbox Images" and the walkthrough's sample commands in the real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BuildOutcome } from '../../src/extension/sandbox/build-images';
import { sandboxApi } from './sandbox-helpers';

suite('Build Sandbox Images and the walkthrough', function () {
  this.timeout(120_000);

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('Build Sandbox Images for a language whose image is up to date: ready, nothing rebuilt', async () => {
    const { services } = await sandboxApi();
    const t0 = Date.now();
    const outcome = (await vscode.commands.executeCommand('mplsandbox.buildImages', ['python'])) as BuildOutcome;
    assert.deepEqual(outcome, { built: ['python'], failed: [], cancelled: false });
    // An up-to-date image is found by its content-hash tag, not built again.
    assert.ok(Date.now() - t0 < 15_000, `took ${Date.now() - t0} ms`);
    assert.notEqual(services.statusBar.dockerState.kind, 'building');
    assert.ok(services.engines.imagesReady.has('python'));
  });

  test('the walkthrough opens the sample program and the math note as new editors', async () => {
    await vscode.commands.executeCommand('mplsandbox._openSample', 'python');
    let editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.languageId, 'python');
    assert.equal(editor?.document.isUntitled, true, 'a new buffer: the workspace is left alone');
    assert.match(editor?.document.getText() ?? '', /print\(/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    await vscode.commands.executeCommand('mplsandbox._openSample', 'math');
    editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.languageId, 'markdown');
    assert.match(editor?.document.getText() ?? '', /84 - 15 = 79/, 'the note with the wrong step');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
