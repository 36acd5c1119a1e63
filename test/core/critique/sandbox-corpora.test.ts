/**
 * The sandbox checks on public gold solutions: no false alarm on GSM8K, at most 0.5% on MATH-500 (the first
 * notes, to stay within minutes), and a changed result never comes out verified. bench/symbolic.ts measures
 * the same on more notes, with times.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mapBounded } from '../../../src/core/critique/bounded-map';
import { verifyInSandbox } from '../../../src/core/critique/sandbox/verifier';
import { checkProblem } from '../../../src/core/critique/symbolic';
import type { SymbolicFinding } from '../../../src/core/critique/types';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import { needs } from '../../support/tiers';
import { gsm8kSolutions, injectErrors, math500Solutions, type GoldSolution } from './checker-evaluation';

const MATH500_NOTES = 80;
const NO_RANGE = { startOffset: 0, endOffset: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

describe('sandbox checks on public corpora', { timeout: 900_000, ...needs('docker', 'corpora') }, () => {
  let engine: SandboxEngine;
  before(async () => {
    engine = new SandboxEngine({ maxConcurrent: 2, poolSize: 0 });
    await engine.ensureImage('python');
  });
  after(() => engine.close());

  async function check(solution: GoldSolution): Promise<SymbolicFinding[]> {
    const problem = { index: 0, question: solution.question ?? '', questionRange: NO_RANGE, solutionRange: NO_RANGE, steps: solution.steps };
    const { findings, summary } = await verifyInSandbox(engine, problem, checkProblem(problem));
    // A note whose checks ran out of time keeps its unfinished steps as they were: no verdict, no false alarm.
    assert.doesNotMatch(summary.skipped ?? '', /skipped/, `${solution.id}: ${summary.skipped}`);
    return findings;
  }

  it('contradicts no GSM8K gold step and at most 0.5% of MATH-500 gold steps, and verifies more of them', async () => {
    const gsm8k = (await mapBounded(gsm8kSolutions(), 2, check)).flat();
    assert.deepEqual(gsm8k.filter((f) => f.source === 'sandbox' && f.status === 'contradicted'), []);
    const math500 = await mapBounded(math500Solutions().slice(0, MATH500_NOTES), 2, check);
    const steps = math500.flat();
    const alarms = steps.filter((f) => f.source === 'sandbox' && f.status === 'contradicted');
    const bySandbox = steps.filter((f) => f.source === 'sandbox' && f.status === 'verified').length;
    console.log(`MATH-500, first ${MATH500_NOTES} notes: ${steps.length} steps, ${bySandbox} verified by the sandbox, ${alarms.length} contradicted by it`);
    assert.ok(alarms.length / steps.length <= 0.005, JSON.stringify(alarms));
    assert.ok(bySandbox > 0);
  });

  it('never verifies a MATH-500 step whose result was changed (the sandbox\'s own verdicts)', async () => {
    const notes = math500Solutions().slice(0, MATH500_NOTES);
    const byId = new Map(notes.map((n) => [n.id, n]));
    const injections = injectErrors(notes, 40, 20240611);
    const verified = (await mapBounded(injections, 2, async (injection) => {
      const [, id, index] = /^(.*) step (\d+)$/.exec(injection.id)!;
      const note = byId.get(id)!;
      const steps = note.steps.map((s) => (s.index === Number(index) ? { ...s, text: injection.mutated, source: injection.mutated } : s));
      const findings = await check({ ...note, steps });
      const finding = findings[Number(index)];
      return finding.status === 'verified' && finding.source === 'sandbox' ? [injection.mutated] : [];
    })).flat();
    assert.deepEqual(verified, []);
  });
});
