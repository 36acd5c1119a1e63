import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseEarliestWrongStep, buildProcessBenchMessages } from '../../../src/core/critique/processbench-prompt';
import { jsonValues, readStepDataset, StepDatasetError } from '../../../src/core/critique/step-eval/dataset';
import { evaluateSteps } from '../../../src/core/critique/step-eval/evaluate';
import { scorePredictions } from '../../../src/core/critique/step-eval/metrics';
import { corpusPath } from '../../support/corpora';
import { needs } from '../../support/tiers';
import { gsm8kStepBenchmark } from './checker-evaluation';

const solution = (label: number) => ({ id: 'x', problem: 'p', steps: ['a', 'b', 'c'], label, format: 'processbench' as const });

describe('ProcessBench scoring', () => {
  it('counts the exact earliest step on erroneous solutions and −1 on correct ones; F1 is their harmonic mean', () => {
    const solutions = [solution(1), solution(2), solution(0), solution(-1), solution(-1)];
    const scores = scorePredictions(solutions, [1, 1, 0, -1, 2]);
    assert.deepEqual(scores.erroneous, { total: 3, correct: 2, accuracy: 2 / 3 });
    assert.deepEqual(scores.correct, { total: 2, correct: 1, accuracy: 0.5 });
    assert.ok(Math.abs(scores.f1 - (200 * (2 / 3) * 0.5) / (2 / 3 + 0.5)) < 1e-9);
    // An unreadable verdict (NaN) is wrong on both sides.
    assert.equal(scorePredictions([solution(1), solution(-1)], [Number.NaN, Number.NaN]).f1, 0);
  });

  it('reads the last \\boxed{} index, refusing indexes the solution does not have', () => {
    assert.equal(parseEarliestWrongStep('Paragraph 2 is wrong... \\boxed{1} no wait \\boxed{2}', 4), 2);
    assert.equal(parseEarliestWrongStep('All fine. \\boxed{-1}', 4), -1);
    assert.equal(parseEarliestWrongStep('\\boxed{\\text{paragraph_3}}', 4), 3);
    assert.equal(parseEarliestWrongStep('\\boxed{7}', 4), undefined);
    assert.equal(parseEarliestWrongStep('the third one', 4), undefined);
    const [message] = buildProcessBenchMessages('What is 1+1?', ['1+1 = 3', 'So 3.']);
    assert.match(message.content, /<paragraph_0>\n1\+1 = 3\n<\/paragraph_0>\n\n<paragraph_1>\nSo 3\.\n<\/paragraph_1>/);
    assert.match(message.content, /\\boxed\{\}/);
  });
});

describe('labelled data sets', () => {
  it('reads ProcessBench JSONL and rejects a label past the last step, naming the line', () => {
    const jsonl = [JSON.stringify({ id: 'a', problem: 'p', steps: ['s0', 's1'], label: 1 }), JSON.stringify({ problem: 'q', steps: ['t'], label: -1 })].join('\n');
    const { solutions } = readStepDataset(jsonl);
    assert.deepEqual(solutions.map((s) => [s.id, s.label, s.steps.length]), [['a', 1, 2], ['#2', -1, 1]]);
    assert.throws(() => readStepDataset('\n' + JSON.stringify({ problem: 'p', steps: ['s'], label: 3 }), 'f.jsonl'), /f\.jsonl line 2: label 3 but only 1 steps/);
    assert.throws(() => readStepDataset('{"problem": 1}'), (err: unknown) => err instanceof StepDatasetError && /neither a ProcessBench record/.test(err.message));
    assert.throws(() => readStepDataset('{"problem": '), /line 1: not JSON/);
  });

  it('reads concatenated JSON values as well as JSONL', () => {
    assert.deepEqual(jsonValues('{"a": "}"}\n{\n "b": [1, {"c": 2}]\n}\n[3]').map((v) => [v.value, v.line]), [[{ a: '}' }, 1], [{ b: [1, { c: 2 }] }, 2], [[3], 5]]);
  });

  it('labels PRM800K records by their earliest step rated −1 and skips give-ups', needs('corpora'), () => {
    const phase2 = readStepDataset(readFileSync(corpusPath('prm800k/prm800k-phase2-test-example.json'), 'utf8'));
    assert.equal(phase2.solutions.length, 1);
    // The model's own 13 steps; the labeller stopped at the first wrong one (5!/2 for a circle of 5).
    assert.equal(phase2.solutions[0].steps.length, 13);
    assert.equal(phase2.solutions[0].label, 6);
    assert.match(phase2.solutions[0].steps[6], /only half of them are distinct/);
    const phase1 = readStepDataset(readFileSync(corpusPath('prm800k/prm800k-phase1-train-example.json'), 'utf8'));
    assert.equal(phase1.skipped, 1);
    assert.deepEqual(phase1.solutions.map((s) => s.label), [-1, -1]);
  });
});

describe('evaluating the symbolic checker on GSM8K with injected errors', needs('corpora'), () => {
  it('finds the changed step of nearly every erroneous solution and leaves correct ones alone', async () => {
    const records = gsm8kStepBenchmark(200, 7);
    assert.equal(records.length, 200);
    assert.equal(records.filter((r) => r.label === -1).length, 100);
    const { solutions } = readStepDataset(records.map((r) => JSON.stringify(r)).join('\n'));
    const result = await evaluateSteps(solutions);
    const symbolic = result.scores.symbolic!;
    assert.equal(symbolic.correct.accuracy, 1);
    assert.ok(symbolic.erroneous.accuracy >= 0.95, `erroneous accuracy ${symbolic.erroneous.accuracy}`);
    assert.equal(result.scores.model, undefined);
    assert.equal(result.predictions.length, 200);
  });
});
