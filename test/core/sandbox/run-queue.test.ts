import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RunQueue } from '../../../src/core/sandbox/run-queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('RunQueue', () => {
  it('runs at most `limit` tasks and starts the rest in arrival order', async () => {
    const q = new RunQueue(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      q.run(async () => {
        started.push(i);
        await g.promise;
      }),
    );
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, [0, 1]);
    assert.equal(q.running, 2);
    assert.equal(q.queued, 2);
    gates[1].resolve();
    await runs[1];
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, [0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    gates[3].resolve();
    await Promise.all(runs);
    assert.deepEqual(started, [0, 1, 2, 3]);
    assert.equal(q.running, 0);
  });

  it('lets a waiting task leave the queue when its signal aborts, and frees the slot of a failed task', async () => {
    const q = new RunQueue(1);
    const gate = deferred();
    const first = q.run(() => gate.promise);
    const controller = new AbortController();
    let ran = false;
    const second = q.run(async () => {
      ran = true;
    }, controller.signal);
    assert.equal(q.queued, 1);
    controller.abort();
    await assert.rejects(second, { name: 'AbortError' });
    assert.equal(q.queued, 0);
    gate.resolve();
    await first;
    assert.equal(ran, false);
    await assert.rejects(q.run(async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(await q.run(async () => 42), 42);
    assert.throws(() => new RunQueue(0), RangeError);
  });
});
