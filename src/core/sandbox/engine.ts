// The sandbox engine: a request in, a judged result out. It resolves the language, makes sure its
// image exists, takes a warm container from the pool, compiles once, runs the program (plain stdin or
// every test case), judges, and turns compiler and runtime output into diagnostics.
//
// Cancellation: when `req.signal` aborts, the container is removed at once (which kills everything in
// it) and `runCode` rejects with a DOMException named 'AbortError' — a cancelled run has no verdict,
// and callers (VS Code's cancellation, a CLI's Ctrl-C) tell it apart from results by that name.
// Every other failure resolves to a result with status SandboxError and a message saying why.
import { availableParallelism } from 'node:os';
import type Dockerode from 'dockerode';
import type { LanguageId, LanguageSpec } from '../languages/types';
import { LanguageIdentificationError } from '../languages/detect';
import { findLanguage } from '../languages/registry';
import { checkDocker, connectDocker, describeDockerHost, dockerAdvice, DockerUnavailableError } from './docker-connection';
import { type BuildProgress, ImageBuildError, ImageManager, ImageMissingError } from './images';
import { mplReward } from './judge';
import { DEFAULT_LIMITS, InvalidLimitsError, type LimitOverrides, resolveLimits } from './limits';
import { WarmPool } from './pool';
import { identifyRequestLanguage, UnknownLanguageError } from './resolve-language';
import { abortError, RunQueue } from './run-queue';
import { removeOrphanContainers } from './orphans';
import { runPhases } from './run-phases';
import { type ContainerSpec, createSandboxContainer, type SandboxContainer } from './sandbox-container';
import type { RunRequest, RunResult, SandboxLimits } from './types';

export interface SandboxEngineOptions {
  /** A client to use; otherwise one is made for `dockerHost`. */
  docker?: Dockerode;
  /** `unix://…`, `tcp://…`, `ssh://…` or a socket path; default DOCKER_HOST, then the local socket. */
  dockerHost?: string;
  /** Where the Dockerfiles are; default `sandbox-images/` found above this module. */
  imagesDir?: string;
  /** Language id → an image of the user's own, used as is and never built. */
  imageOverrides?: Record<string, string>;
  /** Build a missing image on first use (default true); when false a missing image is a SandboxError. */
  autoBuildImages?: boolean;
  /** Warm containers per recently used language (and limits); 0 starts a container per run. Default 1. */
  poolSize?: number;
  /** Most warm containers across languages. Default 4. */
  poolMaxWarm?: number;
  /** A language unused for this long loses its warm containers. Default 5 minutes. */
  poolIdleMs?: number;
  /** Runs at once; the rest wait in FIFO order. Default: the number of CPU cores. */
  maxConcurrent?: number;
  /**
   * Per-language changes to the registry's entry (compile or run command, env, …), e.g. other compiler
   * flags. The image stays the language's unless `image` is changed too.
   */
  languages?: Partial<Record<LanguageId, Partial<Omit<LanguageSpec, 'id'>>>>;
  /** Overrides of the built-in limits for every run (a request's own limits still win). */
  defaultLimits?: LimitOverrides;
  /** Build log of images built on first use. */
  onBuildProgress?: (p: BuildProgress) => void;
  /** Failures of background work (warm-up, removal), which never fail a run. */
  onBackgroundError?: (err: unknown) => void;
}

export class SandboxEngine {
  readonly docker: Dockerode;
  private readonly host: string;
  private readonly pool: WarmPool;
  private readonly queue: RunQueue;
  private imageManager?: ImageManager;
  /** Tags known to exist, per language: a run then skips hashing the build context and inspecting the image. */
  private readonly readyImages = new Map<string, string>();
  private started?: Promise<void>;
  private engineCpus?: number;
  private closed = false;

  constructor(private readonly opts: SandboxEngineOptions = {}) {
    this.host = describeDockerHost({ host: opts.dockerHost });
    this.docker = opts.docker ?? connectDocker({ host: opts.dockerHost });
    this.queue = new RunQueue(opts.maxConcurrent ?? availableParallelism());
    this.pool = new WarmPool({
      create: (spec) => createSandboxContainer(this.docker, spec),
      sizePerSpec: opts.poolSize,
      maxWarm: opts.poolMaxWarm,
      idleMs: opts.poolIdleMs,
      onBackgroundError: opts.onBackgroundError,
    });
  }

  /** Runs, queued runs and warm containers, for status displays and tests. */
  stats() {
    return { running: this.queue.running, queued: this.queue.queued, pool: this.pool.stats() };
  }

  /** Version of the engine, or a DockerUnavailableError whose message says what to do. */
  async checkDocker(): Promise<{ version: string; apiVersion: string }> {
    return checkDocker(this.docker, { host: this.opts.dockerHost });
  }

  /** The image tag of a language, building the image when missing (`onProgress` gets its build log). */
  async ensureImage(language: string | LanguageSpec, onProgress?: (p: BuildProgress) => void, signal?: AbortSignal): Promise<string> {
    const found = typeof language === 'string' ? findLanguage(language) : language;
    if (!found) throw new UnknownLanguageError(`unknown language '${String(language)}'`);
    const lang = { ...found, ...this.opts.languages?.[found.id] };
    return this.images().ensure(lang, {
      autoBuild: this.opts.autoBuildImages ?? true,
      onProgress: onProgress ?? this.opts.onBuildProgress,
      signal,
    });
  }

  /**
   * Runs one request. Requests take a slot in submission order (FIFO) before anything else happens,
   * so identification, the image check (and a first-use build) count against `maxConcurrent` too.
   */
  async runCode(req: RunRequest): Promise<RunResult> {
    try {
      return await this.queue.run(() => this.prepareAndExecute(req), req.signal);
    } catch (err) {
      if (req.signal?.aborted) throw abortError(req.signal);
      return sandboxErrorResult(req.language, DEFAULT_LIMITS, this.describe(err));
    }
  }

  /** Removes every container of this engine (warm, starting and running) and waits until they are gone. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool.close();
  }

  private images(): ImageManager {
    this.imageManager ??= new ImageManager(this.docker, this.opts.imagesDir, this.opts.imageOverrides);
    return this.imageManager;
  }

  /**
   * Once per engine, on first use: remove containers left by crashed processes, and learn how many
   * CPUs the Docker engine has (Docker refuses a CPU quota above it). Retried after a failure
   * (Docker may come up later).
   */
  private start(): Promise<void> {
    this.started ??= Promise.all([removeOrphanContainers(this.docker), this.docker.info() as Promise<{ NCPU?: number }>]).then(
      ([, info]) => {
        this.engineCpus = info.NCPU && info.NCPU > 0 ? info.NCPU : undefined;
      },
      (err) => {
        this.started = undefined;
        throw err;
      },
    );
    return this.started;
  }

  /** The limits as enforced: a CPU quota above the engine's CPU count is lowered to it (and echoed so). */
  private enforceable(limits: SandboxLimits): SandboxLimits {
    const max = this.engineCpus;
    if (!max || (limits.compile.cpus <= max && limits.run.cpus <= max)) return limits;
    return { ...limits, compile: { ...limits.compile, cpus: Math.min(limits.compile.cpus, max) }, run: { ...limits.run, cpus: Math.min(limits.run.cpus, max) } };
  }

  private async prepareAndExecute(req: RunRequest): Promise<RunResult> {
    let lang: LanguageSpec;
    let limits: SandboxLimits;
    try {
      const registered = await identifyRequestLanguage(req);
      lang = { ...registered, ...this.opts.languages?.[registered.id] };
      limits = resolveLimits(lang, this.opts.defaultLimits, req.limits);
    } catch (err) {
      return sandboxErrorResult(req.language, DEFAULT_LIMITS, this.describe(err));
    }
    try {
      if (this.closed) throw new Error('the sandbox engine is closed');
      await this.start();
      limits = this.enforceable(limits);
      let image = this.readyImages.get(lang.id);
      if (!image) {
        image = await this.ensureImage(lang, undefined, req.signal);
        this.readyImages.set(lang.id, image);
      }
      return await this.execute(lang, image, limits, req);
    } catch (err) {
      // The image may have been removed behind our back: check it again next time.
      if (/no such image/i.test((err as Error)?.message ?? '')) this.readyImages.delete(lang.id);
      if (req.signal?.aborted) throw abortError(req.signal);
      return sandboxErrorResult(lang.id, limits, this.describe(err));
    }
  }

  private containerSpec(lang: LanguageSpec, image: string, limits: SandboxLimits): ContainerSpec {
    return { image, limits, env: lang.env, labels: { 'io.mplsandbox.language': lang.id } };
  }

  private async execute(lang: LanguageSpec, image: string, limits: SandboxLimits, req: RunRequest): Promise<RunResult> {
    const spec = this.containerSpec(lang, image, limits);
    const sourceFile = lang.sourceFile(req.code);
    // A warm container may have died while it waited (engine restart, someone removed it): one retry
    // with a fresh container, only for this first step, which has no effect on the program.
    let container: SandboxContainer | undefined;
    for (let attempt = 0; !container; attempt++) {
      const c = await this.pool.acquire(spec, req.signal);
      try {
        await c.writeFiles([{ path: sourceFile, content: req.code }]);
        container = c;
      } catch (err) {
        this.pool.release(c);
        if (attempt > 0 || req.signal?.aborted) throw err;
      }
    }
    const acquired = container;
    const kill = () => this.pool.release(acquired);
    req.signal?.addEventListener('abort', kill, { once: true });
    try {
      const result = await runPhases(acquired, lang, limits, req, sourceFile);
      if (req.signal?.aborted) throw abortError(req.signal);
      return result;
    } finally {
      req.signal?.removeEventListener('abort', kill);
      this.pool.release(acquired);
    }
  }

  private describe(err: unknown): string {
    if (
      err instanceof DockerUnavailableError ||
      err instanceof ImageMissingError ||
      err instanceof ImageBuildError ||
      err instanceof UnknownLanguageError ||
      err instanceof LanguageIdentificationError ||
      err instanceof InvalidLimitsError
    ) {
      return err.message;
    }
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' || code === 'ECONNRESET') return dockerAdvice(err, this.host);
    return `sandbox engine error: ${err instanceof Error ? err.message : String(err)}`;
  }
}

function sandboxErrorResult(language: string, limits: SandboxLimits, message: string): RunResult {
  return { language, status: 'SandboxError', message, compile: null, run: null, cases: [], correctRate: 0, reward: mplReward('SandboxError'), diagnostics: [], limits };
}
