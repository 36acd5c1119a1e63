// The pool's bookkeeping with an in-memory container factory (the Docker side is covered by engine.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { specKey, WarmPool } from '../../../src/core/sandbox/pool';
import { DEFAULT_LIMITS } from '../../../src/core/sandbox/limits';
import type { ContainerSpec, SandboxContainer } from '../../../src/core/sandbox/sandbox-container';

interface FakeContainer extends SandboxContainer {
  image: string;
  disposed: boolean;
}

/** A factory whose containers start after `delayMs`, or fail for images listed in `failing`. */
function factory(delayMs = 5, failing = new Set<string>()) {
  const made: FakeContainer[] = [];
  let n = 0;
  const create = async (spec: ContainerSpec): Promise<SandboxContainer> => {
    await new Promise((r) => setTimeout(r, delayMs));
    if (failing.has(spec.image)) throw new Error(`cannot start ${spec.image}`);
    const c: FakeContainer = {
      id: `c${++n}`,
      image: spec.image,
      disposed: false,
      writeFiles: async () => {},
      exec: async () => {
        throw new Error('not used');
      },
      startInteractive: () => {
        throw new Error('not used');
      },
      dispose: async () => {
        c.disposed = true;
      },
    };
    made.push(c);
    return c;
  };
  return { create, made };
}

const spec = (image: string): ContainerSpec => ({ image, limits: DEFAULT_LIMITS });
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

describe('WarmPool', () => {
  it('keys specs independently of property order', () => {
    assert.equal(specKey({ image: 'a', limits: DEFAULT_LIMITS, env: { X: '1', Y: '2' } }), specKey({ env: { Y: '2', X: '1' }, limits: DEFAULT_LIMITS, image: 'a' }));
    assert.notEqual(specKey(spec('a')), specKey(spec('b')));
  });

  it('hands out each container once and starts its replacement when it is released', async () => {
    const f = factory();
    const pool = new WarmPool({ create: f.create });
    const first = await pool.acquire(spec('py'));
    await tick();
    assert.deepEqual(pool.stats(), { warm: 0, starting: 0, inUse: 1, disposing: 0 }, 'nothing starts while the run runs');
    pool.release(first);
    pool.release(first); // releasing twice is harmless
    await tick();
    assert.equal((first as FakeContainer).disposed, true);
    assert.deepEqual(pool.stats(), { warm: 1, starting: 0, inUse: 0, disposing: 0 });
    const second = await pool.acquire(spec('py'));
    assert.notEqual(first, second);
    assert.equal(pool.stats().warm, 0, 'the warm container was handed out');
    await pool.close();
    assert.ok(f.made.every((c) => c.disposed), 'close() disposes warm and in-use containers');
  });

  it('falls back to an on-demand container when the refill failed', async () => {
    const failing = new Set<string>();
    const errors: unknown[] = [];
    const f = factory(5, failing);
    const pool = new WarmPool({ create: f.create, onBackgroundError: (e) => errors.push(e) });
    const first = await pool.acquire(spec('py'));
    failing.add('py');
    pool.release(first);
    await tick();
    assert.equal(errors.length, 1, 'the failed refill is reported, not thrown');
    await assert.rejects(pool.acquire(spec('py')), /cannot start py/, 'an on-demand start that fails is the run\'s error');
    failing.delete('py');
    const c = await pool.acquire(spec('py'));
    assert.equal((c as FakeContainer).image, 'py');
    await pool.close();
  });

  it('gives a run a container that is still starting for the pool', async () => {
    const f = factory(40);
    const pool = new WarmPool({ create: f.create });
    pool.warm(spec('py'));
    assert.equal(pool.stats().starting, 1);
    const c = await pool.acquire(spec('py'));
    assert.equal(f.made.length, 1, 'no second container was started');
    pool.release(c);
    await pool.close();
  });

  it('gives warm slots to recently used specs and retires idle ones', async () => {
    const f = factory();
    const pool = new WarmPool({ create: f.create, maxWarm: 2, idleMs: 150 });
    for (const image of ['a', 'b', 'c']) pool.release(await pool.acquire(spec(image)));
    await tick();
    const warm = f.made.filter((c) => !c.disposed).map((c) => c.image);
    assert.equal(pool.stats().warm, 2);
    assert.deepEqual(warm.sort(), ['b', 'c'], 'the least recently used spec gave way');
    await tick(250);
    assert.equal(pool.stats().warm, 0, 'idle specs lose their warm containers');
    assert.ok(f.made.every((c) => c.disposed));
    await pool.close();
  });

  it('does not warm with poolSize 0', async () => {
    const f = factory();
    const pool = new WarmPool({ create: f.create, sizePerSpec: 0 });
    pool.release(await pool.acquire(spec('py')));
    await tick();
    assert.equal(f.made.length, 1);
    await pool.close();
  });

  it('disposes a container whose acquire was cancelled while it started, and those starting at close()', async () => {
    const f = factory(50);
    const pool = new WarmPool({ create: f.create });
    const controller = new AbortController();
    const pending = pool.acquire(spec('py'), controller.signal);
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
    await pool.close();
    assert.equal(f.made.length, 1);
    assert.ok(f.made[0].disposed, 'the container was removed when it arrived');
    await assert.rejects(pool.acquire(spec('py')), /closed/);
  });
});
