import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, waitFor } from './helpers';

/** The editor of the Output view when it shows our log channel (scheme `output`, e.g. output:mplsandbox.mplsandbox.MPLSandbox Log.log). */
function visibleLogEditor(): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'output' && e.document.uri.path.includes('MPLSandbox Log'));
}

suite('log', () => {
  test('the "MPLSandbox Log" log output channel exists', async () => {
    const api = await activate();
    assert.equal(api.ctx.log.name, 'MPLSandbox Log');
    // A LogOutputChannel (not a plain OutputChannel): it has a level and the leveled methods.
    assert.equal(typeof api.ctx.log.logLevel, 'number');
    assert.equal(typeof api.ctx.log.trace, 'function');
  });

  test('"Show Sandbox Log" opens it in the Output view', async () => {
    const api = await activate();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await waitFor('the Output view to close', () => !visibleLogEditor());

    const marker = `log.test marker ${Date.now()}`;
    api.ctx.log.info(marker);
    await vscode.commands.executeCommand('mplsandbox.showLog');
    const editor = await waitFor('the MPLSandbox Log channel to be visible', visibleLogEditor);
    await waitFor('the marker line in the channel', () => editor.document.getText().includes(marker));
    assert.match(editor.document.getText(), /activated in [\d.]+ ms \(VS Code /, 'the activation line (with its duration) is logged');
  });
});
