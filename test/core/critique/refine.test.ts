import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { critiqueProblem, NO_MODEL_MESSAGE, refineProblem } from '../../../src/core/critique/pipeline';
import type { PipelineEvent } from '../../../src/core/critique/pipeline-types';
import { extractFinalAnswer } from '../../../src/core/critique/answers';
import { parseModelRoleConfig } from '../../../src/core/models/config';
import { reply, startModelServer, type ModelServer, type ScriptedReply } from '../../support/model-server';
import { loadMathCritiqueCorpus } from '../../support/mathcritique-corpus';
import { acceptAll, noteProblem, rejectStep, requestKind } from './pipeline-fixtures';
import { needs } from '../../support/tiers';

let server: ModelServer;
before(async () => {
  server = await startModelServer();
});
after(() => server.close());

const models = () => {
  const critic = parseModelRoleConfig('critic', { baseURL: server.baseURL, model: 'critic-m' });
  return { critic, actor: { ...critic, model: 'actor-m' } };
};
const retry = { baseDelayMs: 1, maxDelayMs: 2 };

const pencils = noteProblem('A store sells pencils in packs of 12. Tom buys 7 packs and gives away 15 pencils. How many pencils does he have left?', [
  'Tom buys 7 * 12 = 84 pencils.',
  'He has 84 - 15 = 79 pencils left.',
  'The answer is 79.',
]);

function script(critic: string[], actor: string[]): void {
  const queues = { critic: [...critic], refine: [...actor], solve: [] as string[] };
  server.respondWith((request): ScriptedReply => {
    const kind = requestKind(request.body);
    const next = queues[kind].shift();
    return next === undefined ? reply.status(500, { message: `no ${kind} reply scripted` }) : reply.text(next, { chunkChars: 16 });
  });
}

test('no model configured: symbolic checker only, and the result says so', async () => {
  const result = await critiqueProblem(pencils, { models: {} });
  assert.equal(result.modelUsed, false);
  assert.equal(result.message, NO_MODEL_MESSAGE);
  const [round] = result.rounds;
  assert.ok(round.critique.steps.length > 0);
  assert.ok(round.critique.steps.every((v) => v.source === 'symbolic'));
  const wrong = round.critique.steps.find((v) => v.verdict === 'wrong');
  assert.equal(wrong?.stepIndex, 1, '84 - 15 = 79 is contradicted');
  assert.equal(round.accepted, false);
});

test('critique: model and symbolic verdicts kept apart; symbolic findings are evidence in the prompt', async () => {
  const before = server.chatRequests().length;
  script([rejectStep(['Tom buys 7 * 12 = 84 pencils.', 'He has 84 - 15 = 79 pencils left.', 'The answer is 79.'], 1)], []);
  const events: PipelineEvent[] = [];
  const result = await critiqueProblem(pencils, { models: models(), retry, onEvent: (e) => events.push(e) });
  assert.deepEqual(result.modelUsed, { critic: 'critic-m' });
  const [round] = result.rounds;
  const step1 = round.critique.steps.filter((v) => v.stepIndex === 1);
  assert.deepEqual(step1.map((v) => [v.source, v.verdict]), [
    ['symbolic', 'wrong'],
    ['model', 'wrong'],
  ]);
  assert.equal(round.critique.finalAnswerCorrect, false);
  const prompt = server.chatRequests()[before].body?.messages?.[1].content ?? '';
  assert.match(prompt, /Step 2, "84 - 15 = 79": contradicted \(the checker computed 69\)/);
  assert.match(prompt, /Tom buys 7 \* 12 = 84 pencils\.\nHe has 84 - 15 = 79 pencils left\./);
  assert.ok(events.some((e) => e.type === 'critique-progress'), 'streamed progress');
  assert.ok(events.some((e) => e.type === 'round-done'));
});

test('refinement accepted in round 2: history of every round, corpus-style refinement prompt', async () => {
  const before = server.chatRequests().length;
  const first = ['Tom buys 7 * 12 = 84 pencils.', 'He has 84 - 15 = 79 pencils left.', 'The answer is 79.'];
  const second = ['Tom buys 7 * 12 = 84 pencils.', 'He gives away 15, so he has 84 - 15 = 69 pencils.', 'The answer is 70.'];
  const third = ['Tom buys 7 * 12 = 84 pencils.', 'He gives away 15, so he has 84 - 15 = 69 pencils.', 'The answer is 69.'];
  script(
    [rejectStep(first, 1), rejectStep(second, 2), acceptAll(third)],
    [`Let's break it down step by step:\n\n${second.join('\n')}`, `Let's break it down step by step:\n\n${third.join('\n')}`],
  );
  const result = await refineProblem(pencils, { models: models(), retry, maxRounds: 3 });
  assert.equal(result.accepted, true);
  assert.equal(result.rounds.length, 3);
  assert.deepEqual(result.rounds.map((r) => r.accepted), [false, false, true]);
  assert.deepEqual(result.rounds.map((r) => r.finalAnswer?.normalized), ['79', '70', '69']);
  assert.equal(result.rounds[2].solution, third.join('\n'));
  assert.equal(result.rounds[2].steps.length, 3);
  assert.deepEqual(result.modelUsed, { critic: 'critic-m', actor: 'actor-m' });
  const refineRequest = server.chatRequests().slice(before).find((r) => requestKind(r.body) === 'refine');
  const messages = refineRequest?.body?.messages ?? [];
  assert.deepEqual(messages.map((m) => m.role), ['user', 'assistant', 'user']);
  assert.match(messages[0].content, /How many pencils does he have left\? Please also give your final number in the format of 'The answer is \[your answer\]\.'/);
  assert.match(messages[1].content, /^Let's break it down step by step:\n\nTom buys 7 \* 12 = 84 pencils\./);
  assert.match(messages[2].content, /^I have made a step-by-step critic for your solution\. Please read the following critic/);
  assert.match(messages[2].content, /Step sentence: He has 84 - 15 = 79 pencils left\.\nCorrectness of the step: Wrong\nExplanation: /);
  assert.match(messages[2].content, /Correctness of the final answer: Wrong/);
  assert.equal(refineRequest?.body?.model, 'actor-m');
});

test('a refinement the critic never accepts stops after the round limit', async () => {
  const before = server.chatRequests().length;
  const wrong = ['Tom buys 7 * 12 = 84 pencils.', 'He has 84 - 15 = 79 pencils left.', 'The answer is 79.'];
  const solution = `Let's break it down step by step:\n\n${wrong.join('\n')}`;
  script([rejectStep(wrong, 1), rejectStep(wrong, 1), rejectStep(wrong, 1)], [solution, solution]);
  const result = await refineProblem(pencils, { models: models(), retry, maxRounds: 2 });
  assert.equal(result.accepted, false);
  assert.equal(result.rounds.length, 3);
  const kinds = server.chatRequests().slice(before).map((r) => requestKind(r.body));
  assert.deepEqual(kinds, ['critic', 'refine', 'critic', 'refine', 'critic']);
});

test('a real corpus exchange: corpus critique, corpus refinement, then acceptance', needs('corpora'), async () => {
  const exchange = loadMathCritiqueCorpus().find((e) => e.id === 'gsm8k-0')!;
  const problem = noteProblem(exchange.question, exchange.solution.split('\n'));
  const refinedAnswer = extractFinalAnswer(exchange.refined)!;
  const refinedSteps = exchange.refined.split('\n').filter((l) => l.trim() && !l.startsWith("Let's break"));
  script([exchange.critique, acceptAll(refinedSteps)], [exchange.refined]);
  const result = await refineProblem(problem, { models: models(), retry, maxRounds: 3 });
  assert.equal(result.rounds.length, 2);
  const modelVerdicts = result.rounds[0].critique.steps.filter((v) => v.source === 'model');
  assert.equal(modelVerdicts.filter((v) => v.verdict === 'wrong').length, 3);
  assert.equal(result.rounds[1].finalAnswer?.normalized, refinedAnswer.normalized);
  assert.equal(result.accepted, true);
});

test('a critique cut off mid-stream is partial and not accepted', async () => {
  const accept = acceptAll(['Tom buys 7 * 12 = 84 pencils.', 'He has 84 - 15 = 79 pencils left.', 'The answer is 79.']);
  server.respondWith(() => reply.truncated(accept, accept.indexOf('Explanation') + 5, 'drop'));
  const result = await critiqueProblem(pencils, { models: models(), retry });
  const [round] = result.rounds;
  assert.equal(round.critique.partial, true);
  assert.equal(round.accepted, false);
  assert.equal(round.reply?.finishReason, 'interrupted');
  assert.deepEqual(round.critique.steps.filter((v) => v.source === 'model').map((v) => v.stepIndex), [0]);
});

test('cancellation stops the pipeline', async () => {
  server.respondWith(() => reply.slow(acceptAll(['Tom buys 7 * 12 = 84 pencils.']), 30));
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 60);
  await assert.rejects(refineProblem(pencils, { models: models(), retry, signal: controller.signal }), { name: 'ModelCancelledError' });
});
