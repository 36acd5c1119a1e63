import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { critiqueCommand } from '../../src/cli/commands/critique';
import { EnvironmentError, UsageError } from '../../src/cli/cli-types';
import { runCliCommand } from '../support/cli-run';
import { reply, startModelServer, type ModelServer } from '../support/model-server';

const note = `# Notes

## Problem 1

A store sells pencils in packs of 12. Tom buys 7 packs and gives away 15 pencils. How many pencils does he have left?

**Solution**

1. Tom buys 7 * 12 = 84 pencils.
2. He has 84 - 15 = 79 pencils left.

The answer is 79.
`;

const dir = mkdtempSync(join(tmpdir(), 'mplsandbox-critique-cli-'));
const notePath = join(dir, 'note.md');
writeFileSync(notePath, note);

let server: ModelServer;
before(async () => {
  server = await startModelServer();
});
after(() => server.close());

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCliCommand(critiqueCommand, args, env);
}

const critique = `Step sentence: Tom buys 7 * 12 = 84 pencils.
Correctness of the step: Correct
Explanation: 7 packs of 12.

Step sentence: He has 84 - 15 = 79 pencils left.
Correctness of the step: Wrong
Explanation: 84 - 15 = 69.

Correctness of the final answer: Wrong
Explanation: It is 69.`;

test('without a model: symbolic checker only, and it says that no model was used', async () => {
  const { code, stdout } = await run([notePath]);
  assert.equal(code, 0);
  assert.match(stdout, /✗ 2\. He has 84 - 15 = 79 pencils left\./);
  assert.match(stdout, /✗ symbolic: .*69/);
  assert.match(stdout, /No model was used/);
});

test('--json without a model: one object, modelUsed false, steps with ranges', async () => {
  const { code, stdout } = await run([notePath, '--json']);
  assert.equal(code, 0);
  const report = JSON.parse(stdout);
  assert.equal(report.modelUsed, false);
  assert.match(report.message, /no model was used/);
  const steps = report.problems[0].rounds[0].steps;
  assert.equal(steps[1].verdict, 'wrong');
  assert.equal(steps[1].verdicts[0].source, 'symbolic');
  assert.equal(note.slice(steps[1].range.startOffset, steps[1].range.endOffset), '2. He has 84 - 15 = 79 pencils left.');
});

test('with a critic from flags: model verdicts next to symbolic ones, final-answer verdict', async () => {
  server.enqueue(reply.text(critique));
  const { code, stdout } = await run([notePath, '--json', '--critic-base-url', server.baseURL, '--critic-model', 'critic-m']);
  assert.equal(code, 0);
  const report = JSON.parse(stdout);
  assert.deepEqual(report.modelUsed, { critic: 'critic-m' });
  const round = report.problems[0].rounds[0];
  assert.equal(round.finalAnswerVerdict, 'wrong');
  const sources = round.steps[1].verdicts.map((v: { source: string; verdict: string }) => `${v.source}:${v.verdict}`);
  assert.deepEqual(sources, ['symbolic:wrong', 'model:wrong']);
  assert.equal(round.steps[0].verdicts.find((v: { source: string }) => v.source === 'model').verdict, 'correct');
});

test('--refine with the endpoint from the environment, streamed: rounds in the text output', async () => {
  const fixed = `Let's break it down step by step:\n\nTom buys 7 * 12 = 84 pencils.\nHe has 84 - 15 = 69 pencils left.\nThe answer is 69.`;
  const accept = `Step sentence: Tom buys 7 * 12 = 84 pencils.\nCorrectness of the step: Correct\nExplanation: ok\n\nStep sentence: He has 84 - 15 = 69 pencils left.\nCorrectness of the step: Correct\nExplanation: ok\n\nCorrectness of the final answer: Correct\nExplanation: ok`;
  server.enqueue(reply.text(critique), reply.text(fixed), reply.text(accept));
  const env = { MPLSANDBOX_CRITIC_BASE_URL: server.baseURL, MPLSANDBOX_CRITIC_MODEL: 'critic-m' };
  const { code, stdout, stderr } = await run([notePath, '--refine', '--rounds', '2', '--stream'], env);
  assert.equal(code, 0);
  assert.match(stdout, /refinement 1:/);
  assert.match(stdout, /Final answer 69: ✓ correct/);
  assert.match(stdout, /Accepted after 1 refinement\./);
  assert.match(stderr, /--- critic, round 0/);
  assert.match(stderr, /Correctness of the step: Wrong/);
});

test('--samples: votes are reported', async () => {
  const answer = (n: number) => `Tom buys 7 * 12 = 84 pencils.\nHe has 84 - 15 = ${n} pencils left.\nThe answer is ${n}.`;
  server.respondWith((request) => {
    const isSolve = request.body?.messages?.[0]?.content.startsWith('Solve math problems');
    return isSolve ? reply.text(answer(69)) : reply.text(critique);
  });
  const { code, stdout } = await run([notePath, '--samples', '3', '--critic-base-url', server.baseURL, '--critic-model', 'm']);
  server.respondWith(undefined);
  assert.equal(code, 0);
  assert.match(stdout, /Votes \(all samples: the critic accepted none\): 69 ×3 → 69/);
});

test('bad usage is a UsageError (exit 2)', async () => {
  await assert.rejects(run([]), UsageError);
  await assert.rejects(run([notePath, '--rounds', 'many']), /positive whole number/);
  await assert.rejects(run([notePath, '--bogus']), UsageError);
  await assert.rejects(run([join(dir, 'missing.md')]), /cannot read .*ENOENT/);
  await assert.rejects(run([notePath, '--problem', '4']), /out of range/);
  await assert.rejects(run([notePath, '--critic-base-url', 'http://127.0.0.1:9/v1']), /MPLSANDBOX_CRITIC_MODEL/);
});

test('an unreachable endpoint is an EnvironmentError (exit 3) that asks whether the server runs', async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const env = { MPLSANDBOX_CRITIC_BASE_URL: `http://127.0.0.1:${port}/v1`, MPLSANDBOX_CRITIC_MODEL: 'm' };
  await assert.rejects(run([notePath], env), (err: unknown) => {
    assert.ok(err instanceof EnvironmentError);
    assert.match(err.message, /is the server running at http:\/\/127\.0\.0\.1:\d+\/v1\?/);
    return true;
  });
});

test('end to end through the real entry point: exit 0 without a model, 2 on bad usage, 3 when the endpoint is down', async () => {
  const { spawnSync } = await import('node:child_process');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'critique', ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...env },
      timeout: 60_000,
    });
  const ok = cli([notePath]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /No model was used/);
  assert.equal(cli([notePath, '--samples', '0']).status, 2);
  const down = cli([notePath], { MPLSANDBOX_CRITIC_BASE_URL: `http://127.0.0.1:${port}/v1`, MPLSANDBOX_CRITIC_MODEL: 'm' });
  assert.equal(down.status, 3, down.stderr);
  assert.match(down.stderr, /is the server running at/);
});

test('--prompt processbench: the critic names the earliest wrong step; steps before it are correct', async () => {
  server.enqueue(reply.text('Paragraph 1 subtracts wrongly. \\boxed{1}'));
  const { code, stdout } = await run([notePath, '--json', '--prompt', 'processbench', '--critic-base-url', server.baseURL, '--critic-model', 'pb']);
  assert.equal(code, 0);
  const steps = JSON.parse(stdout).problems[0].rounds[0].steps;
  assert.deepEqual(steps.map((s: { verdicts: { source: string; verdict: string }[] }) => s.verdicts.find((v) => v.source === 'model')?.verdict), ['correct', 'wrong', 'unknown']);
  assert.match(server.chatRequests().at(-1)?.body?.messages?.at(-1)?.content ?? '', /<paragraph_1>\nHe has 84 - 15 = 79 pencils left\.\n<\/paragraph_1>/);
});

test('--sandbox without a Docker engine: the critique still runs and says what was skipped', async () => {
  const limitNote = join(dir, 'limit.md');
  writeFileSync(limitNote, `${note}\n## Problem 2\n\nFind the limit of sin(x)/x at 0.\n\n**Solution**\n\n1. It is $\\lim_{x \\to 0} \\frac{\\sin x}{x} = 1$.\n`);
  const { code, stdout } = await run([limitNote, '--sandbox'], { DOCKER_HOST: `unix://${join(dir, 'no-docker.sock')}` });
  assert.equal(code, 0);
  assert.match(stdout, /✗ 2\. He has 84 - 15 = 79 pencils left\./);
  assert.match(stdout, /Sandbox: .*sandbox checks skipped: .*Docker/i);
});
