// Admission control: at most `maxConcurrency` runs execute (the engine's FIFO queue enforces that) and at
// most `queue` more wait. Past that a request is refused at once with 429 and a Retry-After estimated from
// recent run times, so that a training loop backs off instead of piling up read time-outs.

export class Admission {
  private outstanding = 0;
  /** Recent seconds per run (exponentially weighted), for Retry-After. */
  private secondsPerRun = 1;

  constructor(
    readonly maxConcurrency: number,
    readonly queueLimit: number,
  ) {}

  get capacity(): number {
    return this.maxConcurrency + this.queueLimit;
  }

  /** Runs admitted and not yet finished (running or queued). */
  get inFlight(): number {
    return this.outstanding;
  }

  /** Admits `count` runs, or returns false when they do not fit. Each admitted run must be `leave()`d once. */
  tryEnter(count = 1): boolean {
    if (this.outstanding + count > this.capacity) return false;
    this.outstanding += count;
    return true;
  }

  leave(durationSeconds?: number): void {
    this.outstanding = Math.max(0, this.outstanding - 1);
    if (durationSeconds !== undefined && Number.isFinite(durationSeconds)) this.secondsPerRun = 0.8 * this.secondsPerRun + 0.2 * durationSeconds;
  }

  /** Seconds until the queue has room for `count` more at the recent pace; at least 1. */
  retryAfterSeconds(count = 1): number {
    const excess = Math.max(1, this.outstanding + count - this.capacity);
    return Math.max(1, Math.min(600, Math.ceil((this.secondsPerRun * excess) / this.maxConcurrency)));
  }
}
