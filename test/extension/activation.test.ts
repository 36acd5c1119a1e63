import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, extension, manifest } from './helpers';

suite('activation', () => {
  test('is lazy: no activation on startup', () => {
    const events = manifest().activationEvents ?? [];
    for (const e of events) {
      assert.ok(e !== '*' && e !== 'onStartupFinished', `activation event ${e} activates on every window`);
    }
  });

  test('the extension activates', async () => {
    const api = await activate();
    assert.equal(extension().isActive, true);
    assert.ok(api.ctx, 'activate() returns the context');
  });

  test('every command in contributes.commands is registered', async () => {
    await activate();
    const declared = (manifest().contributes?.commands ?? []).map((c) => c.command);
    assert.ok(declared.length > 0, 'package.json declares no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `declared in package.json but not registered: ${missing.join(', ')}`);
  });

  test('every registered mplsandbox.* command is declared (and so shows in the palette)', async () => {
    await activate();
    const declared = new Set((manifest().contributes?.commands ?? []).map((c) => c.command));
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('mplsandbox.') && !c.startsWith('mplsandbox._'));
    const undeclared = registered.filter((c) => !declared.has(c));
    assert.deepEqual(undeclared, [], `registered but not in package.json: ${undeclared.join(', ')}`);
  });

  test('commands carry the MPLSandbox category', () => {
    for (const c of manifest().contributes?.commands ?? []) {
      assert.equal(c.category, 'MPLSandbox', `${c.command} has category ${c.category}`);
    }
  });
});
