// The sandbox of one analysis: a container from the engine's one path (engine.openSandbox), so the run queue,
// the limit layers (defaults → language → the engine's → the request's), the CPU clamp and the engine's
// per-language overrides are those of a judged run. The analysis drives it directly (linters, coverage,
// profilers need commands of their own), and tool runs that several categories share (one eslint run split
// into smells and bugs) happen once.
import type { LanguageSpec } from '../../languages/types';
import type { EngineSandbox } from '../../sandbox/engine-sandbox';
import type { OpenSandboxRequest, SandboxEngine } from '../../sandbox/engine';
import type { ProcessResult, SandboxLimits } from '../../sandbox/types';

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

  private constructor(private readonly sandbox: EngineSandbox) {}

  /** Opens a container for the request's code (building its image when missing), with the user's code written into it. */
  static async open(engine: SandboxEngine, req: Omit<OpenSandboxRequest, 'purpose'>): Promise<AnalysisSandbox> {
    return new AnalysisSandbox(await engine.openSandbox({ ...req, purpose: 'analysis' }));
  }

  /** The language as the engine runs it (its per-language overrides applied). */
  get lang(): LanguageSpec {
    return this.sandbox.language;
  }

  get limits(): SandboxLimits {
    return this.sandbox.limits;
  }

  /** How the program compiles and runs: a project's plan, or the language's commands on the source file. */
  compileCommand(): string[] | undefined {
    return this.sandbox.compileCommand();
  }

  runCommand(): string[] {
    return this.sandbox.runCommand();
  }

  get sourceFile(): string {
    return this.sandbox.sourceFile;
  }

  writeFiles(files: SandboxFile[]): Promise<void> {
    return this.sandbox.writeFiles(files);
  }

  exec(argv: string[], opts: ExecOptions = {}): Promise<ProcessResult> {
    return this.sandbox.exec({ argv, env: opts.env, stdin: opts.stdin, phase: opts.phase ?? 'compile' });
  }

  /** A compiler's result as people read it (rustc's JSON rendered), for messages built from its output. */
  forDisplay(p: ProcessResult): ProcessResult {
    return this.sandbox.forDisplay(p);
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
    return this.sandbox.dispose();
  }
}
