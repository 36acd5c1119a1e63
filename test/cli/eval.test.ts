import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evalCommand } from '../../src/cli/commands/eval';
import { EnvironmentError, UsageError } from '../../src/cli/cli-types';
import { runCliCommand } from '../support/cli-run';
import { readStepDataset } from '../../src/core/critique/step-eval/dataset';
import { scorePredictions } from '../../src/core/critique/step-eval/metrics';
import { reply, startModelServer, type ModelServer } from '../support/model-server';
import { needs } from '../support/tiers';
import { gsm8kStepBenchmark, type ProcessBenchRecord } from '../core/critique/checker-evaluation';

const dir = mkdtempSync(join(tmpdir(), 'mplsandbox-eval-cli-'));

let server: ModelServer;
before(async () => {
  server = await startModelServer();
});
after(() => server.close());

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCliCommand(evalCommand, args, env);
}

function writeRecords(name: string, records: unknown[]): string {
  const file = join(dir, name);
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

describe('eval steps on GSM8K with injected errors', needs('corpora'), () => {
  let records: ProcessBenchRecord[];
  let file: string;
  before(() => {
    records = gsm8kStepBenchmark(60, 11);
    file = writeRecords('gsm8k-steps.jsonl', records);
  });

  test('without a model: the symbolic checker\'s accuracies and F1, the published figures beside them', async () => {
    const { code, stdout } = await run(['steps', file, '--no-model']);
    assert.equal(code, 0);
    assert.match(stdout, /60 solutions \(30 with an error, 30 correct; processbench\)/);
    assert.match(stdout, /no critic model configured/);
    assert.match(stdout, /symbolic\s+\d+\.\d% \(\d+\/30\)\s+100\.0% \(30\/30\)\s+\d+\.\d/);
    assert.match(stdout, /o1-mini 87\.9, QwQ-32B-Preview 71\.5, GPT-4o 61\.9, Qwen2\.5-Math-7B-PRM800K 56\.5, Math-Shepherd-PRM-7B 31\.5/);
  });

  test('with the replay critic (ProcessBench prompt): model and combined scores follow its answers exactly', async () => {
    // The critic answers the true label for a third of the problems, "no error" for a third, and nonsense for the rest.
    const byProblem = new Map(records.map((r, i) => [r.problem.trim(), { label: r.label, kind: i % 3 }]));
    server.respondWith((request) => {
      const content = request.body?.messages?.at(-1)?.content ?? '';
      const problem = /\[Math Problem\]\n\n([\s\S]*?)\n\n\[Solution\]/.exec(content)?.[1] ?? '';
      const known = byProblem.get(problem.trim());
      if (!known) return reply.status(400, { message: 'unknown problem' });
      if (known.kind === 0) return reply.text(`Checking each paragraph... \\boxed{${known.label}}`);
      if (known.kind === 1) return reply.text('Everything is right. \\boxed{-1}');
      return reply.text('I am not sure which paragraph.');
    });
    const out = join(dir, 'predictions.jsonl');
    try {
      const { code, stdout } = await run(['steps', file, '--json', '--out', out, '--critic-base-url', server.baseURL, '--critic-model', 'replay-critic', '--concurrency', '3']);
      assert.equal(code, 0);
      const report = JSON.parse(stdout);
      assert.equal(report.model, 'replay-critic');
      assert.equal(report.prompt, 'processbench');
      const predictions = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(predictions.length, 60);
      const expectedModel = records.map((r, i) => (i % 3 === 0 ? r.label : i % 3 === 1 ? -1 : null));
      assert.deepEqual(predictions.map((p) => p.model), expectedModel);
      const { solutions } = readStepDataset(readFileSync(file, 'utf8'));
      assert.deepEqual(report.scores.model, scorePredictions(solutions, expectedModel.map((m) => m ?? Number.NaN)));
      // Combined: the earliest step either names; the checker's answer where the critic's is unreadable.
      const expectedCombined = predictions.map((p) => (p.model === null || p.model === -1 ? p.symbolic : p.symbolic === -1 ? p.model : Math.min(p.symbolic, p.model)));
      assert.deepEqual(predictions.map((p) => p.combined), expectedCombined);
      assert.deepEqual(report.scores.combined, scorePredictions(solutions, expectedCombined));
      assert.deepEqual(report.scores.symbolic, scorePredictions(solutions, predictions.map((p) => p.symbolic)));
    } finally {
      server.respondWith(undefined);
    }
  });
});

test('the AutoMathCritique prompt: the first step the critic calls Wrong is the prediction', async () => {
  const file = writeRecords('two.jsonl', [
    { id: 'wrong-second', problem: 'Tom buys 7 packs of 12 pencils and gives away 15. How many are left?', steps: ['Tom buys 7 * 12 = 84 pencils.', 'He has 84 - 15 = 79 pencils left.'], label: 1 },
  ]);
  server.enqueue(
    reply.text(
      'Step sentence: Tom buys 7 * 12 = 84 pencils.\nCorrectness of the step: Correct\nExplanation: fine.\n\nStep sentence: He has 84 - 15 = 79 pencils left.\nCorrectness of the step: Wrong\nExplanation: 69.\n\nCorrectness of the final answer: Wrong\nExplanation: 69.',
    ),
  );
  const { code, stdout } = await run(['steps', file, '--json', '--prompt', 'automathcritique', '--critic-base-url', server.baseURL, '--critic-model', 'm']);
  assert.equal(code, 0);
  const report = JSON.parse(stdout);
  assert.equal(report.scores.model.erroneous.correct, 1);
  assert.equal(report.scores.symbolic.erroneous.correct, 1);
  const request = server.chatRequests().at(-1)?.body?.messages?.at(-1)?.content ?? '';
  // The critic judges alone: no symbolic evidence in its prompt.
  assert.doesNotMatch(request, /symbolic checker/);
});

test('bad usage and bad data say what is wrong (exit 2); an unreachable critic is an environment error', async () => {
  await assert.rejects(run([]), (err: unknown) => err instanceof UsageError && /eval steps FILE\.jsonl/.test(err.message));
  await assert.rejects(run(['steps', join(dir, 'missing.jsonl')]), (err: unknown) => err instanceof UsageError && /cannot read .*ENOENT/.test(err.message));
  const bad = writeRecords('bad.jsonl', [{ problem: 'p', steps: ['a'], label: 0 }, { problem: 'p', steps: ['a'], label: 5 }]);
  await assert.rejects(run(['steps', bad]), (err: unknown) => err instanceof UsageError && /bad\.jsonl line 2: label 5 but only 1 steps/.test(err.message));
  await assert.rejects(run(['steps', bad, '--prompt', 'fancy']), (err: unknown) => err instanceof UsageError && /--prompt is automathcritique or processbench/.test(err.message));
  const one = writeRecords('one.jsonl', [{ problem: 'p', steps: ['1 + 1 = 2'], label: -1 }]);
  await assert.rejects(
    run(['steps', one, '--critic-base-url', 'http://127.0.0.1:9/v1', '--critic-model', 'm'], { MPLSANDBOX_CRITIC_TIMEOUT_MS: '2000' }),
    (err: unknown) => err instanceof EnvironmentError && /cannot reach the critic endpoint/.test(err.message),
  );
});
