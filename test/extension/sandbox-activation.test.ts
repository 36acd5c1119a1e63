// Activation stays cheap: the sandbox engine's bundle (dockerode, zod, the language model, analysis, openai)
// loads on the first run, not when the extension activates — even in a workspace with cases files, whose
// Test Explorer items are created without reading them. Mocha runs the files in name order: this one comes
// before every file that runs a sandbox command (sandbox-analyze-fix, sandbox-run, …).
import * as assert from 'node:assert/strict';
import { extension } from './helpers';
import { sandboxApi } from './sandbox-helpers';

suite('Run in Sandbox activation', () => {
  test('activation does not load dist/sandbox-core.js; the Test Explorer lists cases files without it', async () => {
    const { tests } = await sandboxApi();
    await tests.discovered;
    assert.ok(tests.controller.items.size > 0, 'the examples/ cases file is listed');
    const loaded = Object.keys(require.cache);
    assert.ok(loaded.some((f) => f.startsWith(extension().extensionPath) && f.endsWith('/dist/extension.js')), 'the extension bundle is loaded');
    assert.deepEqual(loaded.filter((f) => f.endsWith('/dist/sandbox-core.js')), [], 'the engine bundle was loaded before any run');
  });
});
