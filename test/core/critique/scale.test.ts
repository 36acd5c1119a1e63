import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mapBounded } from '../../../src/core/critique/bounded-map';
import { scaleProblem } from '../../../src/core/critique/pipeline';
import { critiqueWeightedVote, tallyVotes } from '../../../src/core/critique/vote';
import { parseModelRoleConfig } from '../../../src/core/models/config';
import { reply, startModelServer, type ModelServer, type ScriptedReply } from '../../support/model-server';
import { acceptAll, noteProblem, rejectStep, requestKind, solutionInCriticPrompt } from './pipeline-fixtures';

let server: ModelServer;
before(async () => {
  server = await startModelServer();
});
after(() => server.close());

const models = () => {
  const critic = parseModelRoleConfig('critic', { baseURL: server.baseURL, model: 'critic-m' });
  return { critic, actor: critic };
};

const pencils = noteProblem('A store sells pencils in packs of 12. Tom buys 7 packs and gives away 15 pencils. How many pencils does he have left?', [
  'Tom buys 7 * 12 = 84 pencils.',
  'He has 84 - 15 = 79 pencils left.',
  'The answer is 79.',
]);

const good = ['Tom buys 7 * 12 = 84 pencils.', 'He has 84 - 15 = 69 pencils left.', 'The answer is 69.'];
const bad = ['Tom buys 7 * 12 = 84 pencils.', 'He has 84 - 15 = 79 pencils left.', 'The answer is 79.'];

/** Actor samples come from a queue; the critic accepts exactly the solutions whose answer is 69 (when `fair`). */
function script(samples: string[][], fair: boolean): void {
  const queue = samples.map((s) => `Let's break it down step by step:\n\n${s.join('\n')}`);
  server.respondWith((request): ScriptedReply => {
    const kind = requestKind(request.body);
    if (kind !== 'critic') return reply.text(queue.shift() ?? 'The answer is 0.', { delayMs: 2 });
    const shown = solutionInCriticPrompt(request);
    const steps = shown.split('\n\n')[1].split('\n').filter(Boolean);
    return reply.text(fair && shown.includes('The answer is 69.') ? acceptAll(steps) : rejectStep(steps, 1));
  });
}

test('votes pool equal answers and rank by count', () => {
  const votes = tallyVotes([
    { sample: 0, answer: '3/4' },
    { sample: 1, answer: '0.75' },
    { sample: 2, answer: '2' },
    { sample: 3 },
  ]);
  assert.deepEqual(votes.map((v) => [v.answer, v.count, v.samples]), [
    ['3/4', 2, [0, 1]],
    ['2', 1, [2]],
  ]);
});

test('critic-filtered vote: only accepted samples vote; plain majority when none is accepted', () => {
  const ballots = [
    { sample: 0, answer: '69', accepted: true },
    { sample: 1, answer: '79', accepted: false },
    { sample: 2, answer: '79', accepted: false },
  ];
  assert.deepEqual(critiqueWeightedVote(ballots), { votedOver: 'accepted', votes: [{ answer: '69', count: 1, samples: [0] }], answer: '69' });
  const none = critiqueWeightedVote(ballots.map((b) => ({ ...b, accepted: false })));
  assert.equal(none.votedOver, 'all');
  assert.equal(none.answer, '79');
  assert.equal(critiqueWeightedVote([]).answer, undefined);
});

test('scale: N sampled solutions, each critiqued; the accepted minority answer wins', async () => {
  const before = server.chatRequests().length;
  script([bad, good, bad, bad], true);
  const result = await scaleProblem(pencils, { models: models(), samples: 4, concurrency: 2, retry: { baseDelayMs: 1 } });
  assert.equal(result.samples.length, 4);
  assert.equal(result.votedOver, 'accepted');
  assert.equal(result.answer, '69');
  assert.deepEqual(result.votes.map((v) => [v.answer, v.count]), [['69', 1]]);
  assert.equal(result.samples.filter((s) => s.accepted).length, 1);
  const kinds = server.chatRequests().slice(before).map((r) => requestKind(r.body));
  assert.equal(kinds.filter((k) => k === 'solve').length, 4);
  assert.equal(kinds.filter((k) => k === 'critic').length, 4);
  const solveRequest = server.chatRequests().slice(before).find((r) => requestKind(r.body) === 'solve');
  assert.ok((solveRequest?.body?.temperature ?? 0) >= 0.7, 'sampling uses a non-zero temperature');
});

test('scale without accepted samples falls back to the plain majority', async () => {
  script([bad, good, bad, bad], false);
  const result = await scaleProblem(pencils, { models: models(), samples: 4, retry: { baseDelayMs: 1 } });
  assert.equal(result.votedOver, 'all');
  assert.equal(result.answer, '79');
  assert.deepEqual(result.votes.map((v) => [v.answer, v.count]), [['79', 3], ['69', 1]]);
});

test('scale over refinements: the given solution is critiqued once, then N refinements', async () => {
  const before = server.chatRequests().length;
  script([good, good, bad], true);
  const result = await scaleProblem(pencils, { models: models(), samples: 3, source: 'refine', retry: { baseDelayMs: 1 } });
  const kinds = server.chatRequests().slice(before).map((r) => requestKind(r.body));
  assert.equal(kinds.filter((k) => k === 'refine').length, 3);
  assert.equal(kinds.filter((k) => k === 'critic').length, 4);
  assert.equal(result.answer, '69');
  assert.deepEqual(result.votes[0], { answer: '69', count: 2, samples: result.votes[0].samples });
  assert.ok(result.samples.every((s) => s.rounds.length === 1 && s.rounds[0].round === 1));
});

test('scale with no model: symbolic checker only', async () => {
  const result = await scaleProblem(pencils, { models: {}, samples: 5 });
  assert.equal(result.modelUsed, false);
  assert.match(result.message ?? '', /no model was used/);
  assert.equal(result.samples.length, 1);
});

test('bounded concurrency keeps results in order and never exceeds the limit', async () => {
  let inFlight = 0;
  let peak = 0;
  const results = await mapBounded([5, 1, 4, 2, 3, 0], 2, async (ms, i) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, ms * 3));
    inFlight--;
    return i * 10;
  });
  assert.deepEqual(results, [0, 10, 20, 30, 40, 50]);
  assert.equal(peak, 2);
});
