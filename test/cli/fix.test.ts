// `mplsandbox fix`: without a model it says how to configure one; with the test model server it fixes a program in
// the sandbox and leaves the file as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { reply, startModelServer } from '../support/model-server';
import { needs } from '../support/tiers';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'src', 'cli', 'main.ts');
const dir = mkdtempSync(join(tmpdir(), 'mplsandbox-fix-'));

/** Asynchronous, so that the model server in this process can answer the CLI. */
function mplsandbox(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const withoutModels = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^MPLSANDBOX_(ACTOR|CRITIC)_|^OPENAI_API_KEY$/.test(k)));
const BROKEN = 'n = int(input())\nprint(n + n)\n';
const program = join(dir, 'square.py');
const cases = join(dir, 'cases.json');
writeFileSync(program, BROKEN);
writeFileSync(cases, JSON.stringify([{ input: '3\n', expected: '9\n' }, { input: '2\n', expected: '4\n' }]));

test('without a model endpoint: exit 3 and how to set one', async () => {
  const r = await mplsandbox(['fix', program, '--cases', cases], withoutModels);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /MPLSANDBOX_ACTOR_BASE_URL/);
  assert.match(r.stderr, /MPLSANDBOX_ACTOR_MODEL/);
});

test('usage: --cases is required, --rounds is bounded', async () => {
  assert.equal((await mplsandbox(['fix', program], withoutModels)).code, 2);
  const rounds = await mplsandbox(['fix', program, '--cases', cases, '--rounds', '0'], withoutModels);
  assert.equal(rounds.code, 2);
  assert.match(rounds.stderr, /--rounds/);
});

test('with a model: fixed in round 1, every round shown as JSON, the file unchanged', { timeout: 300_000, ...needs('docker') }, async () => {
  const server = await startModelServer();
  try {
    server.enqueue(reply.text('```python\nn = int(input())\nprint(n * n)\n```'));
    const env = { ...withoutModels, MPLSANDBOX_ACTOR_BASE_URL: server.baseURL, MPLSANDBOX_ACTOR_MODEL: 'test-model' };
    const r = await mplsandbox(['fix', program, '--cases', cases, '--rounds', '2', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.outcome, 'fixed');
    assert.deepEqual(out.rounds.map((x: { round: number; verdict: string }) => [x.round, x.verdict]), [[0, 'WrongAnswer'], [1, 'Accepted']]);
    assert.equal(readFileSync(program, 'utf8'), BROKEN);
  } finally {
    await server.close();
  }
});

test('the limit flags of run: --timeout 2 judges a 5 s program TimeLimitExceeded', { timeout: 300_000, ...needs('docker') }, async () => {
  const server = await startModelServer();
  try {
    const slow = 'import time\ntime.sleep(5)\nprint(int(input()) ** 2)\n';
    const slowProgram = join(dir, 'slow.py');
    writeFileSync(slowProgram, slow);
    server.enqueue(reply.text('```python\n' + slow + '```'));
    const env = { ...withoutModels, MPLSANDBOX_ACTOR_BASE_URL: server.baseURL, MPLSANDBOX_ACTOR_MODEL: 'test-model' };
    const bad = await mplsandbox(['fix', slowProgram, '--cases', cases, '--memory', 'lots'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--memory takes a positive number/);
    const r = await mplsandbox(['fix', slowProgram, '--cases', cases, '--rounds', '1', '--timeout', '2', '--json'], env);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.rounds.map((x: { verdict: string }) => x.verdict), ['TimeLimitExceeded', 'TimeLimitExceeded']);
  } finally {
    await server.close();
  }
});
