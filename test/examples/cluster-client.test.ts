// examples/python/mplsandbox_cluster.py: batching and retries against a scripted server on 127.0.0.1
// (test/examples/cluster-client-retry.py). The same client against a real cluster: test/cluster.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');
const probe = spawnSync('python3', ['-c', 'import requests'], { encoding: 'utf8' });
const skip = probe.status === 0 ? undefined : 'needs python3 with requests (apt-get install python3-requests)';

test('the Python cluster client retries what another attempt can fix, and nothing else', { skip }, () => {
  const r = spawnSync('python3', [join(import.meta.dirname, 'cluster-client-retry.py'), join(root, 'examples', 'python')], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { codes: string[]; results: { status: string; run_result?: { stdout?: string } }[]; attempts: Record<string, number>; retried: number; bad: number; bad_attempts: number; gave_up: string };
  out.codes.forEach((code, i) => {
    if (code === 'program-fails') assert.equal(out.results[i].status, 'Failed', "a program's own failure is an answer");
    else assert.deepEqual([out.results[i].status, out.results[i].run_result?.stdout], ['Success', code], `results in batch order: ${code}`);
  });
  assert.deepEqual(
    { draining: out.attempts.draining, full: out.attempts.full, died: out.attempts.died, engine: out.attempts.engine, all: out.attempts.all, 'program-fails': out.attempts['program-fails'] },
    { draining: 2, full: 2, died: 2, engine: 2, all: 5, 'program-fails': 1 },
  );
  assert.equal(out.retried, 1 + 1 + 1 + 1 + 4);
  assert.deepEqual([out.bad, out.bad_attempts], [400, 1], 'a 4xx is the caller’s mistake: raised at once, not retried');
  assert.equal(out.gave_up, 'SandboxUnavailableError');
});
