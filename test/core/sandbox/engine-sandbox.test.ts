// engine.openSandbox against a real Docker engine: the one container path that analysis, interactive sessions
// and services share with runCode — its queue slot, its limit layers and CPU clamp, the engine's per-language
// overrides, and close() removing what it handed out.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import { currentOwner, formatOwner, OWNER_LABEL } from '../../../src/core/sandbox/container-labels';
import { getLanguage } from '../../../src/core/languages/registry';
import { needs } from '../../support/tiers';

const MiB = 1024 * 1024;
const owner = formatOwner(currentOwner());

async function until(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SandboxEngine.openSandbox (python, real Docker)', { timeout: 300_000, ...needs('docker') }, () => {
  const python = getLanguage('python');
  let engine: SandboxEngine;
  let engineCpus: number;

  before(async () => {
    engine = new SandboxEngine({
      maxConcurrent: 1,
      poolSize: 0,
      defaultLimits: { run: { timeoutMs: 4_000, memoryBytes: 200 * MiB } },
      userLimits: () => ({ run: { memoryBytes: 300 * MiB } }),
      languages: { python: { env: { ...python.env, MPLSANDBOX_OVERRIDE: 'from-the-engine' } } },
    });
    await engine.ensureImage('python');
    engineCpus = ((await engine.docker.info()) as { NCPU: number }).NCPU;
  });

  after(async () => {
    await engine.close();
  });

  it('layers defaults → language → engine → user → request and clamps the CPU quota to the engine', async () => {
    const sandbox = await engine.openSandbox({ code: 'print(1)\n', language: 'python', limits: { run: { cpus: engineCpus + 7 }, nofile: 99 } });
    try {
      assert.equal(sandbox.limits.run.timeoutMs, 4_000, 'the engine layer');
      assert.equal(sandbox.limits.run.memoryBytes, 300 * MiB, 'the user layer over the engine layer');
      assert.equal(sandbox.limits.nofile, 99, 'the request layer');
      assert.equal(sandbox.limits.run.cpus, engineCpus, 'a quota above the engine is lowered to its CPU count');
      assert.equal(sandbox.limits.compile.timeoutMs, 30_000, 'built-in default where no layer sets it');
    } finally {
      await sandbox.dispose();
    }
  });

  it("applies the engine's per-language overrides and writes the user's code", async () => {
    const sandbox = await engine.openSandbox({ code: 'import os\nprint(os.environ["MPLSANDBOX_OVERRIDE"])\n', language: 'auto', fileName: 'env.py' });
    try {
      assert.equal(sandbox.language.id, 'python');
      assert.equal(sandbox.userFile, 'env.py');
      const run = await sandbox.exec({ argv: sandbox.language.run(sandbox.sourceFile), phase: 'run' });
      assert.equal(run.stdout, 'from-the-engine\n', run.stderr);
    } finally {
      await sandbox.dispose();
    }
  });

  it('holds a run-queue slot until disposed: a judged run waits for it', async () => {
    const sandbox = await engine.openSandbox({ code: 'print(1)\n', language: 'python' });
    let settled = false;
    const run = engine.runCode({ code: 'print(2)\n', language: 'python' }).finally(() => (settled = true));
    await until('the run to queue', () => engine.stats().queued === 1);
    assert.equal(settled, false);
    await sandbox.dispose();
    const result = await run;
    assert.equal(result.status, 'Accepted', result.message);
    assert.equal(result.limits.run.memoryBytes, 300 * MiB, 'runCode resolves limits on the same path');
  });

  it('reports a bad limit as InvalidLimitsError without taking a container', async () => {
    await assert.rejects(engine.openSandbox({ code: 'print(1)\n', language: 'python', limits: { run: { timeoutMs: -1 } } }), { name: 'InvalidLimitsError' });
    assert.equal(engine.stats().running, 0, 'the queue slot was given back');
  });

  it('close() removes the containers of open sandboxes', async () => {
    const other = new SandboxEngine({ poolSize: 0 });
    const sandbox = await other.openSandbox({ code: 'print(1)\n', language: 'python', purpose: 'engine-sandbox-test' });
    const ours = async () =>
      (await other.docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${owner}`, 'io.mplsandbox.purpose=engine-sandbox-test'] } })).length;
    assert.equal(await ours(), 1);
    await other.close();
    assert.equal(await ours(), 0);
    await assert.rejects(sandbox.exec({ argv: ['true'] }));
  });
});
