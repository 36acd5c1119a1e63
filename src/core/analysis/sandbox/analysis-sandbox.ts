// A fresh sandbox container for one analysis, like the engine gives one run: same image, limits and isolation.
// The analysis drives it directly (linters, coverage, profilers need commands of their own), and tool runs that
// several categories share (one eslint run split into smells and bugs) happen once.
import type { LanguageSpec } from '../../languages/types';
import type { SandboxEngine } from '../../sandbox/engine';
import { resolveLimits } from '../../sandbox/limits';
import { createSandboxContainer, type SandboxContainer } from '../../sandbox/sandbox-container';
import type { PhaseLimits, ProcessResult, SandboxLimits } from '../../sandbox/types';

export interface SandboxFile {
  path: string;
  content: string;
  mode?: number;
}

export interface ExecOptions {
  stdin?: string;
  env?: Record<string, string>;
  /** `compile` limits for tools (linters, compilers), `run` limits for the user's program. Default `compile`. */
  phase?: 'compile' | 'run';
}

/** A run of the user's program with its CPU time (user + system of the process tree, from the agent's rusage). */
export interface TimedRun {
  result: ProcessResult;
  cpuMs: number | null;
}

export class AnalysisSandbox {
  private readonly toolRuns = new Map<string, Promise<unknown>>();

  private constructor(
    readonly lang: LanguageSpec,
    readonly limits: SandboxLimits,
    private readonly container: SandboxContainer,
    readonly sourceFile: string,
    private readonly signal?: AbortSignal,
  ) {}

  /** Starts a container for `lang` (building its image when missing) and writes the user's code into it. */
  static async open(engine: SandboxEngine, lang: LanguageSpec, code: string, signal?: AbortSignal): Promise<AnalysisSandbox> {
    const image = await engine.ensureImage(lang, undefined, signal);
    const limits = resolveLimits(lang);
    const container = await createSandboxContainer(engine.docker, {
      image,
      limits,
      env: lang.env,
      labels: { 'io.mplsandbox.language': lang.id, 'io.mplsandbox.purpose': 'analysis' },
    });
    const sourceFile = lang.sourceFile(code);
    try {
      await container.writeFiles([{ path: sourceFile, content: code }]);
    } catch (err) {
      await container.dispose();
      throw err;
    }
    return new AnalysisSandbox(lang, limits, container, sourceFile, signal);
  }

  async writeFiles(files: SandboxFile[]): Promise<void> {
    if (files.length) await this.container.writeFiles(files);
  }

  phaseLimits(phase: 'compile' | 'run'): PhaseLimits {
    return this.limits[phase];
  }

  exec(argv: string[], opts: ExecOptions = {}): Promise<ProcessResult> {
    return this.container.exec({
      argv,
      env: { ...this.lang.env, ...opts.env },
      stdin: opts.stdin,
      limits: this.limits[opts.phase ?? 'compile'],
      signal: this.signal,
    });
  }

  /** Runs the user's program (run limits) and measures its CPU time. */
  async timedRun(argv: string[], stdin: string, env?: Record<string, string>): Promise<TimedRun> {
    const result = await this.exec(argv, { stdin, env, phase: 'run' });
    return { result, cpuMs: result.cpuMs ?? null };
  }

  /** Runs `work` once per key for this sandbox: categories that share a tool run share its result. */
  once<T>(key: string, work: () => Promise<T>): Promise<T> {
    let pending = this.toolRuns.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = work();
      this.toolRuns.set(key, pending);
    }
    return pending;
  }

  dispose(): Promise<void> {
    return this.container.dispose();
  }
}
