// One image build that several callers wait for (a run that needs the image, "Build Sandbox Images", a second
// run of the same language). Each caller keeps its own progress callback and its own cancellation: a caller
// that cancels stops waiting at once and hears nothing more, while the build goes on for the others; only when
// every caller has left is the build itself cancelled.
import { abortError } from '../abort';
import type { BuildProgress } from './images';

export type BuildStarter = (signal: AbortSignal, onProgress: (p: BuildProgress) => void) => Promise<string>;

export class SharedBuild {
  private readonly controller = new AbortController();
  private readonly listeners = new Set<(p: BuildProgress) => void>();
  private waiting = 0;
  /** The latest `Step n/m` line, shown to a caller that joins midway so it sees where the build is. */
  private lastStep?: BuildProgress;
  /** Settles with the tag when the build ends (rejects when it fails or every caller left). */
  readonly done: Promise<string>;

  constructor(start: BuildStarter) {
    this.done = start(this.controller.signal, (p) => {
      if (/^Step \d+\/\d+/.test(p.line)) this.lastStep = p;
      for (const listener of [...this.listeners]) listener(p);
    });
    // Nobody may be waiting when it fails (every caller left): that is not an unhandled rejection.
    this.done.catch(() => undefined);
  }

  /** Whether every caller left and the build was told to stop: a new caller starts a new build instead. */
  get abandoned(): boolean {
    return this.controller.signal.aborted;
  }

  /** Waits for the build with this caller's own progress callback and cancel signal. */
  join(onProgress?: (p: BuildProgress) => void, signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) return Promise.reject(abortError(signal, 'the image build was cancelled'));
    this.waiting++;
    if (onProgress) {
      if (this.lastStep) onProgress(this.lastStep);
      this.listeners.add(onProgress);
    }
    return new Promise<string>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return false;
        left = true;
        if (onProgress) this.listeners.delete(onProgress);
        signal?.removeEventListener('abort', onAbort);
        this.waiting--;
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        if (this.waiting === 0) this.controller.abort();
        reject(abortError(signal, 'the image build was cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.done.then(
        (tag) => leave() && resolve(tag),
        (err) => leave() && reject(err),
      );
    });
  }
}
