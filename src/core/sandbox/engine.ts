// The sandbox engine: a request in, a judged result out. It resolves the language, makes sure its
// image exists, takes a warm container from the pool, compiles once, runs the program (plain stdin or
// every test case), judges, and turns compiler and runtime output into diagnostics.
//
// Every container goes through one path (`open` below): judged runs (`runCode`, warm pool) and work that drives
// a container itself (`openSandbox`: analysis, interactive sessions, a service) get the same run queue, limit
// layers, CPU clamp, per-language overrides and compile step (engine-sandbox.ts).
//
// Cancellation: when `req.signal` aborts, the container is removed at once (which kills everything in
// it) and `runCode` rejects with a DOMException named 'AbortError' — a cancelled run has no verdict,
// and callers (VS Code's cancellation, a CLI's Ctrl-C) tell it apart from results by that name.
// Every other failure resolves to a result with status SandboxError and a message saying why.
import { availableParallelism } from 'node:os';
import type Dockerode from 'dockerode';
import type { LanguageId, LanguageSpec } from '../languages/types';
import { LanguageIdentificationError } from '../languages/detect';
import { findLanguage, getLanguage } from '../languages/registry';
import { checkDocker, connectDocker, describeDockerHost, dockerAdvice, DockerUnavailableError } from './docker-connection';
import { type BuildProgress, ImageBuildError, imageExists, ImageManager, ImageMissingError } from './images';
import { mplReward } from './judge';
import { DEFAULT_LIMITS, InvalidLimitsError, type LimitOverrides, resolveLimits } from './limits';
import { WarmPool } from './pool';
import { identifyRequestLanguage, UnknownLanguageError } from './resolve-language';
import { RunQueue } from './run-queue';
import { abortError } from '../abort';
import { EngineSandbox, type SandboxLease } from './engine-sandbox';
import { removeOrphanContainers } from './orphans';
import { runPhases } from './run-phases';
import { fetchFiles } from './fetch-files';
import { type ContainerSpec, createSandboxContainer, type SandboxContainer } from './sandbox-container';
import type { RunRequest, RunResult, SandboxLimits } from './types';
import { DependencyBuildRefusedError, DependencyImages, DependencyInstallError } from '../projects/dependency-images';
import { LibrariesError } from '../projects/dependencies';
import { type PreparedProject, prepareProject } from '../projects/sandbox-project';
import { getTestMode, languageForTestMode, TestModeError } from '../languages/test-modes';
import { withTestReport } from './test-run';

/** A file as it is written into the work dir. */
type SandboxFile = { path: string; content: string | Buffer; mode?: number };

/** What `openSandbox` needs: the code and how to find its language, the request's limits, a cancel signal. */
export interface OpenSandboxRequest extends Pick<RunRequest, 'code' | 'language' | 'fileName' | 'languageIdHint' | 'signal' | 'project' | 'libraries' | 'files' | 'testMode' | 'testArgs'> {
  /** The request's own limits, the last layer over defaults → language → engine (`defaultLimits`). */
  limits?: LimitOverrides;
  /** What the container is for (`analysis`, `interactive`, …), as its `io.mplsandbox.purpose` label. */
  purpose?: string;
}

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
  /** Overrides of the built-in limits for every run (an operator's; the user's and the request's still win). */
  defaultLimits?: LimitOverrides;
  /**
   * The user's limits (an editor's settings), read at every run so that a change needs no new engine: the
   * layer between the engine's `defaultLimits` and a request's own limits.
   */
  userLimits?: () => LimitOverrides | undefined;
  /** Build log of images built on first use (language images and projects' dependency images). */
  onBuildProgress?: (p: BuildProgress) => void;
  /**
   * Whether a project's (or a library set's) dependency image may be built when missing: building runs
   * the project's install scripts, so an editor answers with the workspace's trust. Default true.
   */
  allowDependencyBuilds?: () => boolean;
  /** Failures of background work (warm-up, removal), which never fail a run. */
  onBackgroundError?: (err: unknown) => void;
}

export class SandboxEngine {
  readonly docker: Dockerode;
  private readonly host: string;
  private readonly pool: WarmPool;
  private readonly queue: RunQueue;
  private imageManager?: ImageManager;
  private dependencyImages?: DependencyImages;
  /** Tags known to exist, per language: a run then skips hashing the build context and inspecting the image. */
  private readonly readyImages = new Map<string, string>();
  /** Containers of `openSandbox` callers (not from the pool): `close()` removes them too. */
  private readonly ownContainers = new Set<SandboxContainer>();
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
    return { running: this.queue.running, queued: this.queue.queued, pool: this.pool.stats(), poolCounters: this.pool.counters() };
  }

  /** Version of the engine, or a DockerUnavailableError whose message says what to do. */
  async checkDocker(): Promise<{ version: string; apiVersion: string }> {
    return checkDocker(this.docker, { host: this.opts.dockerHost });
  }

  /**
   * The image tag of a language, building the image when missing (`onProgress` gets its build log). Callers of
   * one image share its build, each with its own progress and cancellation (ImageManager). `build: true` builds
   * even when the engine does not build on first use (an explicit "Build Sandbox Images").
   */
  async ensureImage(language: string | LanguageSpec, onProgress?: (p: BuildProgress) => void, signal?: AbortSignal, opts: { build?: boolean } = {}): Promise<string> {
    const found = typeof language === 'string' ? findLanguage(language) : language;
    if (!found) throw new UnknownLanguageError(`unknown language '${String(language)}'`);
    const lang = { ...found, ...this.opts.languages?.[found.id] };
    return this.images().ensure(lang, {
      autoBuild: opts.build || (this.opts.autoBuildImages ?? true),
      onProgress: onProgress ?? this.opts.onBuildProgress,
      signal,
    });
  }

  /** Whether a language's image is present (never builds it): what a service's readiness probe asks. */
  async isImageReady(language: LanguageId): Promise<boolean> {
    const lang = { ...getLanguage(language), ...this.opts.languages?.[language] };
    return imageExists(this.docker, this.images().tagFor(lang));
  }

  /**
   * Runs one request. Requests take a slot in submission order (FIFO) before anything else happens,
   * so identification, the image check (and a first-use build) count against `maxConcurrent` too.
   */
  async runCode(req: RunRequest): Promise<RunResult> {
    const opened = await this.open(req, { pooled: true });
    if ('error' in opened) {
      if (req.signal?.aborted) throw abortError(req.signal);
      return sandboxErrorResult(opened.language, opened.limits, this.explain(opened.error));
    }
    const { sandbox } = opened;
    try {
      let result = await runPhases(sandbox, req);
      if (req.testMode) result = await withTestReport(sandbox, getTestMode(req.testMode), result);
      if (req.fetchFiles?.length) {
        // A container that broke during the run has no files to give; the verdict still stands.
        result.files = await fetchFiles(sandbox, req.fetchFiles).catch(() => ({}));
      }
      sandbox.throwIfAborted();
      return result;
    } catch (err) {
      this.forgetImageIfGone(sandbox.language.id, err);
      if (req.signal?.aborted) throw abortError(req.signal);
      return sandboxErrorResult(sandbox.language.id, sandbox.limits, this.explain(err));
    } finally {
      void sandbox.dispose();
    }
  }

  /**
   * A container of its own for work that drives it directly (analysis tools, an interactive session, a
   * service's request), on the same path as `runCode`: a run-queue slot (FIFO, held until `dispose()` or
   * `leaveQueue()`), the language identified and the engine's per-language overrides applied, the limit layers
   * resolved (defaults → language → engine → `req.limits`) with the CPU quota clamped to the engine, the image
   * ensured, the user's code written as the language's source file. The container is fresh (never a warm one:
   * such work may last minutes and use other commands), removed on `dispose()`, when `req.signal` aborts, or
   * by `close()`. Throws what went wrong (DockerUnavailableError, ImageMissingError, LanguageIdentificationError,
   * InvalidLimitsError, …; `explain(err)` words it for a person), or an AbortError when cancelled.
   *
   *   const sandbox = await engine.openSandbox({ code, language: 'auto', fileName, limits, signal });
   *   try {
   *     const { compile, failure } = await sandbox.compile();
   *     const run = await sandbox.exec({ argv: sandbox.language.run(sandbox.sourceFile), phase: 'run' });
   *   } finally {
   *     await sandbox.dispose();
   *   }
   */
  async openSandbox(req: OpenSandboxRequest): Promise<EngineSandbox> {
    const opened = await this.open(req, { pooled: false });
    if ('error' in opened) {
      if (req.signal?.aborted) throw abortError(req.signal);
      throw opened.error;
    }
    return opened.sandbox;
  }

  /**
   * The limits a request for `lang` would get before the CPU clamp (defaults → language → engine → user →
   * `request`), e.g. for a header printed before the run starts. Throws InvalidLimitsError.
   */
  limitsFor(lang: LanguageSpec, request?: LimitOverrides): SandboxLimits {
    return resolveLimits({ ...lang, ...this.opts.languages?.[lang.id] }, this.opts.defaultLimits, this.opts.userLimits?.(), request);
  }

  /** What went wrong, in words for a person: the message of a known failure, Docker advice for a refused connection. */
  explain(err: unknown): string {
    if (
      err instanceof DockerUnavailableError ||
      err instanceof ImageMissingError ||
      err instanceof ImageBuildError ||
      err instanceof UnknownLanguageError ||
      err instanceof LanguageIdentificationError ||
      err instanceof InvalidLimitsError ||
      err instanceof DependencyBuildRefusedError ||
      err instanceof DependencyInstallError ||
      err instanceof LibrariesError ||
      err instanceof TestModeError
    ) {
      return err.message;
    }
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' || code === 'ECONNRESET') return dockerAdvice(err, this.host);
    return `sandbox engine error: ${err instanceof Error ? err.message : String(err)}`;
  }

  /** Removes every container of this engine (warm, starting and running) and waits until they are gone. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.pool.close(), ...[...this.ownContainers].map((c) => this.removeOwn(c))]);
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

  /**
   * The one path to a container: queue slot, language, limits, engine start, image, container, source file.
   * A failure comes back with the language and limits known at that point (a SandboxError result echoes them).
   */
  private async open(req: OpenSandboxRequest, how: { pooled: boolean }): Promise<Opened> {
    let leaveQueue: () => void;
    try {
      leaveQueue = await this.queue.slot(req.signal);
    } catch (err) {
      return { error: err, language: req.language, limits: DEFAULT_LIMITS };
    }
    let lang: LanguageSpec | undefined;
    let limits: SandboxLimits = DEFAULT_LIMITS;
    try {
      const mode = req.testMode ? getTestMode(req.testMode) : undefined;
      // A test mode names its language; `auto` needs no identification then.
      const registered = mode && req.language === 'auto' ? getLanguage(mode.language) : await identifyRequestLanguage(req);
      lang = { ...registered, ...this.opts.languages?.[registered.id] };
      if (mode) {
        lang = languageForTestMode(lang, mode, { ...req, files: req.files?.map((f) => f.path), args: req.testArgs, userFile: req.fileName, cases: (req as RunRequest).cases });
      }
      limits = this.limitsFor(lang, req.limits);
      if (this.closed) throw new Error('the sandbox engine is closed');
      await this.start();
      limits = this.enforceable(limits);
      // A test mode writes its files beside the test file and runs the mode's commands, not a project plan.
      const project = mode ? undefined : prepareProject(lang, req);
      const image = await this.dependencyImage(await this.image(lang, req.signal), project, req.signal);
      const spec: ContainerSpec = { image, limits, env: lang.env, labels: { 'io.mplsandbox.language': lang.id, ...(req.purpose ? { 'io.mplsandbox.purpose': req.purpose } : {}) } };
      const sourceFile = project?.entry ?? lang.sourceFile(req.code, req.fileName);
      const files = project?.files ?? [...(mode ? (req.files ?? []) : []), { path: sourceFile, content: req.code }];
      const lease = how.pooled ? await this.pooledLease(spec, files, req) : await this.freshLease(spec, files, req);
      const sandbox = new EngineSandbox({ ...lease, leaveQueue }, lang, limits, req.code, sourceFile, req.fileName ?? sourceFile, req.signal, project);
      return { sandbox };
    } catch (err) {
      leaveQueue();
      if (lang) this.forgetImageIfGone(lang.id, err);
      return { error: err, language: lang?.id ?? req.language, limits };
    }
  }

  /** The language's image tag, built on first use; known tags skip hashing the build context and the inspect. */
  private async image(lang: LanguageSpec, signal?: AbortSignal): Promise<string> {
    let image = this.readyImages.get(lang.id);
    if (!image) {
      image = await this.ensureImage(lang, undefined, signal);
      this.readyImages.set(lang.id, image);
    }
    return image;
  }

  /** The project's dependency image over the language's (built once per manifest + lock), else the language's. */
  private async dependencyImage(languageImage: string, project: PreparedProject | undefined, signal?: AbortSignal): Promise<string> {
    if (!project?.dependencies) return languageImage;
    this.dependencyImages ??= new DependencyImages(this.docker);
    const allowBuild = (this.opts.allowDependencyBuilds?.() ?? true) && (this.opts.autoBuildImages ?? true);
    const { tag } = await this.dependencyImages.ensure(languageImage, project.dependencies, { allowBuild, onProgress: this.opts.onBuildProgress, signal });
    return tag;
  }

  /** The image may have been removed behind our back: check it again next time. */
  private forgetImageIfGone(languageId: string, err: unknown): void {
    if (/no such image/i.test((err as Error)?.message ?? '')) this.readyImages.delete(languageId);
  }

  /** A warm container (or a new one) from the pool, with the source written; the pool removes it on release. */
  private async pooledLease(spec: ContainerSpec, files: SandboxFile[], req: OpenSandboxRequest): Promise<Omit<SandboxLease, 'leaveQueue'>> {
    // A warm container may have died while it waited (engine restart, someone removed it): one retry
    // with a fresh container, only for this first step, which has no effect on the program.
    for (let attempt = 0; ; attempt++) {
      const c = await this.pool.acquire(spec, req.signal);
      try {
        await c.writeFiles(files);
        return { container: c, release: async () => this.pool.release(c) };
      } catch (err) {
        this.pool.release(c);
        if (attempt > 0 || req.signal?.aborted) throw err;
      }
    }
  }

  /** A container of its own, started for this caller, with the source written; removed (and awaited) on release. */
  private async freshLease(spec: ContainerSpec, files: SandboxFile[], req: OpenSandboxRequest): Promise<Omit<SandboxLease, 'leaveQueue'>> {
    if (req.signal?.aborted) throw abortError(req.signal);
    const c = await createSandboxContainer(this.docker, spec);
    this.ownContainers.add(c);
    try {
      if (this.closed) throw new Error('the sandbox engine is closed');
      if (req.signal?.aborted) throw abortError(req.signal);
      await c.writeFiles(files);
    } catch (err) {
      await this.removeOwn(c);
      throw err;
    }
    return { container: c, release: () => this.removeOwn(c) };
  }

  private async removeOwn(c: SandboxContainer): Promise<void> {
    try {
      await c.dispose();
    } catch (err) {
      this.opts.onBackgroundError?.(err);
    } finally {
      this.ownContainers.delete(c);
    }
  }
}

type Opened = { sandbox: EngineSandbox } | { error: unknown; language: string; limits: SandboxLimits };

function sandboxErrorResult(language: string, limits: SandboxLimits, message: string): RunResult {
  return { language, status: 'SandboxError', message, compile: null, run: null, cases: [], correctRate: 0, reward: mplReward('SandboxError'), diagnostics: [], limits };
}
