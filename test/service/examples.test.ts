// The Python clients in examples/python, run with the host's python3 against a real service: MPLSandbox's
// batch reward (only `requests`) and the same with SandboxFusion's request shape.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { needs } from '../support/tiers';
import { startService, type TestService } from './service-helpers';

const examples = resolve(__dirname, '..', '..', 'examples', 'python');
const python = spawnSync('python3', ['-c', 'import requests'], { encoding: 'utf8' });
const pythonReady = python.status === 0 ? {} : { skip: `needs python3 with requests (apt-get install python3-requests): ${python.stderr || python.error?.message}` };

/** Runs a client asynchronously: the service answers from this same process. */
function runExample(script: string, url: string, batch: unknown, args: string[] = []): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('python3', [join(examples, script), '--url', url, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${script} exited ${code}: ${err}`));
      else resolvePromise(JSON.parse(out));
    });
    child.stdin.end(JSON.stringify(batch));
  });
}

const completions = [
  'def add(a, b):\n    return a + b',
  'def add(a, b):\n    return a - b',
  'def add(a, b)\n    return a + b',
  'def add(a, b):\n    while True:\n        pass',
];
const check = 'assert add(2, 3) == 5\nassert add(-1, 1) == 0';

describe('examples/python against a real service', { timeout: 600_000, ...needs('docker'), ...pythonReady }, () => {
  let svc: TestService;
  before(async () => {
    svc = await startService({ service: { maxConcurrency: 2, queue: 64 } });
  });
  after(() => svc.close());

  test('reward.py: a batch of completions and their tests in, rewards out (appended tests and stdin cases)', async () => {
    assert.deepEqual(await runExample('reward.py', svc.url, { language: 'python', completions, tests: completions.map(() => check) }), [1, 0, 0, 0]);
    const io = {
      language: 'python',
      completions: ['print(int(input()) * 2)', 'print(int(input()) + 2)', 'print(1/0)'],
      tests: Array(3).fill({ inputs: ['2', '5'], outputs: ['4', '10'] }),
    };
    assert.deepEqual(await runExample('reward.py', svc.url, io), [1, 0.5, 0]);
    assert.deepEqual(await runExample('reward.py', svc.url, io, ['--reward', 'mplsandbox']), [1, -0.3, -0.6]);
  });

  test('sandbox_fusion_reward.py: SandboxFusion\'s /run_code, one request per program', async () => {
    assert.deepEqual(await runExample('sandbox_fusion_reward.py', svc.url, { language: 'python', completions, tests: completions.map(() => check) }), [1, 0, 0, 0]);
  });
});
