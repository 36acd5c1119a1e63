import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, manifest } from './helpers';

suite('configuration', () => {
  const properties = () => manifest().contributes?.configuration?.properties ?? {};

  test('every setting is mplsandbox.* and has a markdownDescription', () => {
    const keys = Object.keys(properties());
    assert.ok(keys.length > 0, 'package.json declares no settings');
    for (const [key, p] of Object.entries(properties())) {
      assert.ok(key.startsWith('mplsandbox.'), `${key} is outside the mplsandbox section`);
      assert.ok(p.markdownDescription && p.markdownDescription.length > 10, `${key} has no markdownDescription`);
    }
  });

  test('typed getters return the manifest defaults', async () => {
    const { ctx } = await activate();
    const p = properties();
    assert.equal(ctx.config.dockerHost, (p['mplsandbox.docker.host'].default as string) || undefined);
    assert.equal(ctx.config.runTimeoutSeconds, p['mplsandbox.sandbox.timeoutSeconds'].default);
    assert.equal(ctx.config.runMemoryLimitMb, p['mplsandbox.sandbox.memoryLimitMb'].default);
  });

  test('getters follow changes and onDidChange fires', async () => {
    const { ctx } = await activate();
    const target = vscode.ConfigurationTarget.Global;
    const cfg = () => vscode.workspace.getConfiguration('mplsandbox');
    const fired = new Promise<boolean>((resolve) => {
      const d = ctx.config.onDidChange((e) => {
        if (e.affectsConfiguration('mplsandbox.sandbox.timeoutSeconds')) {
          d.dispose();
          resolve(true);
        }
      });
      setTimeout(() => resolve(false), 10_000);
    });
    await cfg().update('sandbox.timeoutSeconds', 42, target);
    try {
      assert.equal(await fired, true, 'onDidChange did not fire');
      assert.equal(ctx.config.runTimeoutSeconds, 42);
      await cfg().update('sandbox.timeoutSeconds', -3, target);
      assert.equal(ctx.config.runTimeoutSeconds, 10, 'invalid values fall back to the default');
    } finally {
      await cfg().update('sandbox.timeoutSeconds', undefined, target);
    }
  });
});
