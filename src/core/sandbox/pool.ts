// A warm pool of started sandbox containers, so that a run costs a message to a ready agent instead
// of a container start. Each container serves exactly ONE run and is then disposed; a replacement is
// started in the background. Nothing (files, processes, tmpfs contents) can pass from one run to the
// next because no container is ever used twice.
import type { ContainerSpec, SandboxContainer } from './sandbox-container';
import { abortError } from '../abort';

export interface WarmPoolOptions {
  /** Creates one started, ready container (the engine passes `createSandboxContainer` bound to its Docker client). */
  create: (spec: ContainerSpec) => Promise<SandboxContainer>;
  /** Warm containers kept for each recently used spec (image + limits + env). 0 turns warming off. Default 1. */
  sizePerSpec?: number;
  /** Most warm containers kept across all specs; the least recently used spec gives way. Default 4. */
  maxWarm?: number;
  /** A spec unused for this long loses its warm containers. Default 5 minutes. */
  idleMs?: number;
  /** Failures of background work (refills, disposals), which never fail a run. */
  onBackgroundError?: (err: unknown) => void;
}

export const DEFAULT_POOL_SIZE = 1;
export const DEFAULT_MAX_WARM = 4;
export const DEFAULT_POOL_IDLE_MS = 5 * 60_000;

interface Creation {
  promise: Promise<SandboxContainer>;
  /** Taken by an acquire before it finished; it then goes to that run instead of the warm list. */
  claimed: boolean;
}

interface Entry {
  key: string;
  spec: ContainerSpec;
  ready: SandboxContainer[];
  creating: Set<Creation>;
  lastUsed: number;
  idleTimer?: NodeJS.Timeout;
}

/** Running totals since the pool was made, for metrics: how often a run found a warm container. */
export interface PoolCounters {
  /** Runs that got a started, waiting container. */
  hits: number;
  /** Runs that waited for a container to start (one being warmed or one of their own). */
  misses: number;
  /** Containers started, warm and on demand. */
  started: number;
}

export interface PoolStats {
  /** Started containers waiting for a run. */
  warm: number;
  /** Containers being started (warm ones and on-demand ones). */
  starting: number;
  /** Containers handed to runs and not yet released. */
  inUse: number;
  /** Containers being removed. */
  disposing: number;
}

/** A stable key: same image, limits, env and labels → same key, whatever the property order. */
export function specKey(spec: ContainerSpec): string {
  const sorted = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sorted(x)]))
      : v;
  return JSON.stringify(sorted(spec));
}

export class WarmPool {
  private readonly entries = new Map<string, Entry>();
  /** Containers handed to runs, with the spec entry they were taken for. */
  private readonly inUse = new Map<SandboxContainer, Entry>();
  private readonly disposals = new Set<Promise<void>>();
  /** Containers being started for a waiting acquire, and clean-ups of cancelled ones: `close()` waits for them. */
  private readonly background = new Set<Promise<unknown>>();
  private closed = false;
  private readonly totals: PoolCounters = { hits: 0, misses: 0, started: 0 };
  readonly sizePerSpec: number;
  readonly maxWarm: number;
  readonly idleMs: number;

  constructor(private readonly opts: WarmPoolOptions) {
    this.sizePerSpec = opts.sizePerSpec ?? DEFAULT_POOL_SIZE;
    this.maxWarm = opts.maxWarm ?? DEFAULT_MAX_WARM;
    this.idleMs = opts.idleMs ?? DEFAULT_POOL_IDLE_MS;
  }

  stats(): PoolStats {
    let warm = 0;
    let starting = this.background.size;
    for (const e of this.entries.values()) {
      warm += e.ready.length;
      starting += [...e.creating].filter((c) => !c.claimed).length;
    }
    return { warm, starting, inUse: this.inUse.size, disposing: this.disposals.size };
  }

  counters(): PoolCounters {
    return { ...this.totals };
  }

  /**
   * A ready container for `spec`: a warm one if there is one, else one that is being started for the
   * pool, else a new one. Starts a replacement in the background either way.
   */
  async acquire(spec: ContainerSpec, signal?: AbortSignal): Promise<SandboxContainer> {
    if (this.closed) throw new Error('the sandbox pool is closed');
    if (signal?.aborted) throw abortError(signal);
    const entry = this.touch(spec);
    let warm = entry.ready.shift();
    // A warm container whose engine restarted or that someone removed is of no use: replace it.
    while (warm?.isBroken?.()) {
      this.dispose(warm);
      warm = entry.ready.shift();
    }
    const pending = warm ? undefined : [...entry.creating].find((c) => !c.claimed);
    if (pending) pending.claimed = true;
    if (warm) {
      this.totals.hits++;
      return this.handOut(warm, entry);
    }
    this.totals.misses++;

    let container: Promise<SandboxContainer>;
    if (pending) {
      // A refill that fails must not fail the run: fall back to a container of our own.
      container = pending.promise.catch((err) => {
        this.opts.onBackgroundError?.(err);
        return this.create(spec);
      });
    } else {
      container = this.create(spec);
    }
    const handedOut = this.awaitContainer(container, entry, signal);
    this.track(handedOut);
    return handedOut;
  }

  /** Starts warming containers for `spec` (e.g. right after its image was built), without using one. */
  warm(spec: ContainerSpec): void {
    if (this.closed) return;
    this.refill(this.touch(spec));
  }

  /**
   * Disposes a container that served its run and starts its replacement. Returns at once; `close()`
   * waits for the removal. Replacing on release rather than on acquire keeps the start of a new
   * container (dockerd, containerd and runc work) off the CPU while the run it would slow down runs.
   */
  release(container: SandboxContainer): void {
    const entry = this.inUse.get(container);
    if (!this.inUse.delete(container)) return;
    this.dispose(container);
    if (entry && !this.closed && this.entries.get(entry.key) === entry) this.refill(entry);
  }

  /** Disposes every container (warm, starting and in use) and waits until all are removed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.entries.values()) {
      clearTimeout(entry.idleTimer);
      for (const c of entry.ready.splice(0)) this.dispose(c);
      for (const c of entry.creating) this.track(c.promise);
    }
    this.entries.clear();
    for (const c of [...this.inUse.keys()]) this.release(c);
    // Containers still starting dispose themselves when they arrive (see startCreation / awaitContainer).
    while (this.background.size > 0 || this.disposals.size > 0) {
      await Promise.all([...this.background, ...this.disposals]);
    }
  }

  private async awaitContainer(container: Promise<SandboxContainer>, entry: Entry, signal?: AbortSignal): Promise<SandboxContainer> {
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abortError(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const c = await Promise.race([container, aborted]);
      if (this.closed) {
        this.dispose(c);
        throw new Error('the sandbox pool is closed');
      }
      return this.handOut(c, entry);
    } catch (err) {
      // Cancelled while starting: the container is removed as soon as it exists.
      this.track(
        container.then((c) => {
          if (!this.inUse.has(c)) this.dispose(c);
        }),
      );
      throw err;
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      aborted.catch(() => undefined);
    }
  }

  /** Remembers a promise until it settles (it never rejects to the caller of `close`). */
  private track(p: Promise<unknown>): void {
    const settled: Promise<unknown> = p.then(
      () => this.background.delete(settled),
      () => this.background.delete(settled),
    );
    this.background.add(settled);
  }

  private handOut(c: SandboxContainer, entry: Entry): SandboxContainer {
    this.inUse.set(c, entry);
    return c;
  }

  private touch(spec: ContainerSpec): Entry {
    const key = specKey(spec);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { key, spec, ready: [], creating: new Set(), lastUsed: 0 };
      this.entries.set(key, entry);
    }
    entry.lastUsed = Date.now();
    clearTimeout(entry.idleTimer);
    const e = entry;
    entry.idleTimer = setTimeout(() => this.retire(e), this.idleMs);
    entry.idleTimer.unref();
    return entry;
  }

  /** Drops a spec that has not been used for `idleMs`: its warm containers are removed. */
  private retire(entry: Entry): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.entries.delete(entry.key);
    for (const c of entry.ready.splice(0)) this.dispose(c);
    // Unclaimed creations see that their entry is gone and dispose their container on arrival.
  }

  private warmCount(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.ready.length + [...e.creating].filter((c) => !c.claimed).length;
    return n;
  }

  private refill(entry: Entry): void {
    const wanted = () => entry.ready.length + [...entry.creating].filter((c) => !c.claimed).length < this.sizePerSpec;
    while (!this.closed && wanted()) {
      if (this.warmCount() >= this.maxWarm && !this.evictLeastRecentlyUsed(entry)) return;
      this.startCreation(entry);
    }
  }

  /** Frees one warm slot held by the least recently used other spec; false when there is none to free. */
  private evictLeastRecentlyUsed(except: Entry): boolean {
    let victim: Entry | undefined;
    for (const e of this.entries.values()) {
      const holds = e.ready.length > 0 || [...e.creating].some((c) => !c.claimed);
      if (e !== except && holds && (!victim || e.lastUsed < victim.lastUsed)) victim = e;
    }
    if (!victim) return false;
    const c = victim.ready.shift();
    if (c) {
      this.dispose(c);
      return true;
    }
    // Still starting: claim it for removal on arrival.
    const creation = [...victim.creating].find((x) => !x.claimed)!;
    creation.claimed = true;
    this.track(creation.promise.then((x) => this.dispose(x)));
    return true;
  }

  private startCreation(entry: Entry): void {
    const creation: Creation = { promise: this.create(entry.spec), claimed: false };
    entry.creating.add(creation);
    creation.promise.then(
      (c) => {
        entry.creating.delete(creation);
        if (creation.claimed) return; // the claiming acquire hands it out (or disposes it)
        if (this.closed || this.entries.get(entry.key) !== entry) this.dispose(c);
        else entry.ready.push(c);
      },
      (err) => {
        entry.creating.delete(creation);
        // No retry here: a broken image or engine would otherwise loop. The next acquire tries again.
        if (!creation.claimed) this.opts.onBackgroundError?.(err);
      },
    );
  }

  private create(spec: ContainerSpec): Promise<SandboxContainer> {
    this.totals.started++;
    return this.opts.create(spec);
  }

  private dispose(c: SandboxContainer): void {
    const p = c
      .dispose()
      .catch((err) => this.opts.onBackgroundError?.(err))
      .finally(() => this.disposals.delete(p));
    this.disposals.add(p);
  }
}
