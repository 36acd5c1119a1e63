// A FIFO concurrency limit: at most `limit` tasks hold a slot; the others wait in arrival order.
// A waiter whose signal aborts leaves the queue at once without taking a slot.
import { abortError } from '../abort';

interface Waiter {
  grant: () => void;
}

export class RunQueue {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`maxConcurrent must be a positive integer, got ${limit}`);
  }

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `task` once a slot is free; rejects with an AbortError if `signal` aborts while waiting. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.slot(signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  /**
   * Waits for a slot and returns the function that gives it back (calling it again does nothing), for
   * holders whose work does not fit one callback (an open sandbox holds its slot until disposed).
   */
  async slot(signal?: AbortSignal): Promise<() => void> {
    await this.acquire(signal);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.release();
    };
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(abortError(signal));
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.waiting.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter, so `active` stays as it is.
    if (next) next.grant();
    else this.active--;
  }
}
