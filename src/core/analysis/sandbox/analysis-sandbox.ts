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

/** A run of the user's program with its CPU time (user + system of the process tree), when the shell could report it. */
export interface TimedRun {
  result: ProcessResult;
  cpuMs: number | null;
}

// POSIX `times` prints the shell's and then its children's user and system time; the wrapper keeps the program's
// exit status. A program killed by the sandbox (time or memory limit) takes the shell with it: no times then.
const TIMES_WRAPPER = '"$@"; status=$?; times >&2; exit $status';
const TIMES_LINE = /^(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/;

/** Splits the two `times` lines off stderr: the children's line gives the CPU time. */
export function splitTimes(stderr: string): { stderr: string; cpuMs: number | null } {
  const lines = stderr.replace(/\n$/, '').split('\n');
  if (lines.length < 2) return { stderr, cpuMs: null };
  const children = TIMES_LINE.exec(lines[lines.length - 1]);
  const shell = TIMES_LINE.exec(lines[lines.length - 2]);
  if (!children || !shell) return { stderr, cpuMs: null };
  const seconds = (m: string, s: string) => Number(m) * 60 + Number(s);
  const cpuMs = (seconds(children[1], children[2]) + seconds(children[3], children[4])) * 1000;
  const rest = lines.slice(0, -2).join('\n');
  return { stderr: rest ? `${rest}\n` : '', cpuMs: Math.round(cpuMs * 1000) / 1000 };
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
    const result = await this.exec(['sh', '-c', TIMES_WRAPPER, 'sh', ...argv], { stdin, env, phase: 'run' });
    const { stderr, cpuMs } = splitTimes(result.stderr);
    return { result: { ...result, stderr }, cpuMs };
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
