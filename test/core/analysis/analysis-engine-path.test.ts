// Analysis takes its container from the engine's one path (real Docker): a 2 s time limit — the request's or the
// engine's — stops a program the built-in 10 s would let finish, and the CPU quota is clamped as a run's is.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCode } from '../../../src/core/analysis/analyze-code';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import { needs } from '../../support/tiers';

// Finishes in 5 s: Accepted under the default 10 s run limit, TimeLimitExceeded under 2 s.
const SLOW = 'import time\ntime.sleep(5)\nprint("done")\n';

describe('analysis on the engine path (python, real Docker)', { timeout: 300_000, ...needs('docker') }, () => {
  let engine: SandboxEngine;
  let engineCpus: number;
  before(async () => {
    engine = new SandboxEngine({ poolSize: 0 });
    await engine.ensureImage('python');
    engineCpus = ((await engine.docker.info()) as { NCPU: number }).NCPU;
  });
  after(() => engine.close());

  it("honours the request's 2 s time limit in the efficiency run, and echoes the limits", async () => {
    const r = await analyzeCode({ code: SLOW, language: 'python', only: ['efficiency'], limits: { run: { timeoutMs: 2_000, cpus: engineCpus + 3 } } }, engine);
    const eff = r.sections.efficiency;
    assert.equal(eff?.status, 'ok', eff?.reason);
    assert.equal(eff.cases[0].status, 'TimeLimitExceeded');
    assert.equal(r.limits?.run.timeoutMs, 2_000);
    assert.equal(r.limits?.run.cpus, engineCpus, 'the CPU quota is clamped to the engine');
  });

  it("honours the engine's 2 s time limit", async () => {
    const limited = new SandboxEngine({ poolSize: 0, defaultLimits: { run: { timeoutMs: 2_000 } } });
    try {
      const r = await analyzeCode({ code: SLOW, language: 'python', only: ['efficiency'] }, limited);
      assert.equal(r.sections.efficiency?.cases[0]?.status, 'TimeLimitExceeded');
    } finally {
      await limited.close();
    }
  });
});
