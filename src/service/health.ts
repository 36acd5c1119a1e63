// GET /healthz: ready when the Docker engine answers and every enabled language's image is present.
// Kubernetes' readiness probe reads the status code (200 / 503), people read the body. The answer is
// cached briefly so that frequent probes cost the engine nothing.
import type { LanguageId } from '../core/languages/types';
import type { SandboxEngine } from '../core/sandbox/engine';

export interface HealthReport {
  status: 'ok' | 'unavailable' | 'draining';
  docker: { ok: true; version: string } | { ok: false; error: string };
  images: Partial<Record<LanguageId, 'ready' | 'missing'>>;
  message?: string;
}

const CACHE_MS = 1_000;
const CHECK_TIMEOUT_MS = 5_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export class HealthCheck {
  private cached?: { at: number; report: Promise<HealthReport> };

  constructor(
    private readonly engine: SandboxEngine,
    private readonly languages: readonly LanguageId[],
  ) {}

  /** Forgets the cached answer (after a run ended with a sandbox fault, say). */
  invalidate(): void {
    this.cached = undefined;
  }

  check(): Promise<HealthReport> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > CACHE_MS) this.cached = { at: now, report: this.probe() };
    return this.cached.report;
  }

  private async probe(): Promise<HealthReport> {
    let docker: HealthReport['docker'];
    try {
      const v = await withTimeout(this.engine.checkDocker(), CHECK_TIMEOUT_MS, 'the Docker engine');
      docker = { ok: true, version: v.version };
    } catch (err) {
      return { status: 'unavailable', docker: { ok: false, error: err instanceof Error ? err.message : String(err) }, images: {}, message: 'the Docker engine is not reachable' };
    }
    const images: HealthReport['images'] = {};
    try {
      await withTimeout(
        Promise.all(
          this.languages.map(async (id) => {
            images[id] = (await this.engine.isImageReady(id)) ? 'ready' : 'missing';
          }),
        ),
        CHECK_TIMEOUT_MS,
        'the image check',
      );
    } catch (err) {
      return { status: 'unavailable', docker, images, message: err instanceof Error ? err.message : String(err) };
    }
    const missing = Object.entries(images).filter(([, s]) => s !== 'ready').map(([id]) => id);
    if (missing.length) {
      return { status: 'unavailable', docker, images, message: `images not built yet: ${missing.join(', ')} (mplsandbox images build ${missing.join(' ')})` };
    }
    return { status: 'ok', docker, images };
  }
}
