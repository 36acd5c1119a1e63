// One sandbox container handed out by the engine (`SandboxEngine.openSandbox`, and `runCode` inside): the
// language as the engine is configured for it (per-language overrides applied), the limits as enforced (layers
// resolved, CPU quota clamped to the engine), the user's code already written, and one run-queue slot held until
// `dispose()`. Judged runs, analysis and interactive sessions all drive their container through this class, so
// the compile step — its limits, its diagnostics and the compiler output people read (rustc's JSON rendered) —
// is written once, here.
import { abortError } from '../abort';
import type { Diagnostic } from '../diagnostics/types';
import { type PreparedProject, projectDiagnostics } from '../projects/sandbox-project';
import type { LanguageSpec } from '../languages/types';
import type { ExecRequest, InteractiveProcess, SandboxContainer } from './sandbox-container';
import type { ProcessResult, SandboxLimits } from './types';
import { describeCompileFailure } from './verdict-messages';

export interface SandboxExec {
  argv: string[];
  /** Whose limits apply: `compile` for compilers and tools (the default), `run` for the user's program. */
  phase?: 'compile' | 'run';
  /** Added to the language's own environment. */
  env?: Record<string, string>;
  stdin?: string | Buffer;
  /** Replaces the phase's limits (an interactive session's long time limit). */
  limits?: ExecRequest['limits'];
  onOutput?: ExecRequest['onOutput'];
}

export interface CompileOutcome {
  /** null for a language without a compile phase. */
  compile: ProcessResult | null;
  /** The compiler's findings on the user's file (from its machine-readable output). */
  diagnostics: Diagnostic[];
  /** Set when compiling failed: why, in one line (exit code, time or memory limit, first error). */
  failure?: string;
}

/** How the engine lent the container: give it back (pool release or removal) and free the queue slot. */
export interface SandboxLease {
  container: SandboxContainer;
  /** Removes the container (or returns it to the pool's disposal); called once. */
  release: () => Promise<void>;
  /** Frees the run-queue slot; idempotent. */
  leaveQueue: () => void;
}

export class EngineSandbox {
  private disposed?: Promise<void>;
  private readonly onAbort = () => void this.dispose();

  constructor(
    private readonly lease: SandboxLease,
    /** The registry entry with the engine's per-language overrides applied. */
    readonly language: LanguageSpec,
    /** The limits every exec gets by phase, as enforced. */
    readonly limits: SandboxLimits,
    /** The user's code as written into the work dir, and its file name there. */
    readonly code: string,
    readonly sourceFile: string,
    /** The name the user knows the file by (diagnostics are reported against it). */
    readonly userFile: string,
    /** Aborting removes the container at once; every exec then rejects with an AbortError. */
    readonly signal?: AbortSignal,
    /** A project run: its files are in the work dir, its plan compiles and runs the entry (`sourceFile`). */
    readonly project?: PreparedProject,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  writeFiles(files: { path: string; content: string | Buffer; mode?: number }[]): Promise<void> {
    return files.length ? this.lease.container.writeFiles(files) : Promise.resolve();
  }

  exec(req: SandboxExec): Promise<ProcessResult> {
    return this.lease.container.exec(this.execRequest(req));
  }

  /** Starts a process whose stdin stays open (an editor's terminal); its `result` settles when it ends. */
  startInteractive(req: SandboxExec): InteractiveProcess {
    return this.lease.container.startInteractive(this.execRequest({ phase: 'run', ...req }));
  }

  /** The command that compiles the program (none for a language without a compile phase): the project plan's, else the language's. */
  compileCommand(): string[] | undefined {
    return this.project ? this.project.plan.compile : this.language.compile?.(this.sourceFile);
  }

  /** The command that runs the program: the project plan's, else the language's on the source file. */
  runCommand(): string[] {
    return this.project?.plan.run ?? this.language.run(this.sourceFile);
  }

  /** The language's findings in one phase's output; a parser that chokes costs the diagnostics, never the caller. */
  diagnosticsOf(phase: 'compile' | 'run', p: ProcessResult): Diagnostic[] {
    if (!p.stderr && !p.stdout) return [];
    if (this.project) {
      const entry = this.sourceFile;
      return projectDiagnostics(this.language, this.project, phase, p, (f) => (f.path === entry ? this.userFile : (f.hostPath ?? f.path)));
    }
    try {
      return this.language.diagnostics({ phase, stdout: p.stdout, stderr: p.stderr, sourceFile: this.sourceFile, userFile: this.userFile, lineOffset: 0, sourceText: this.code });
    } catch {
      return [];
    }
  }

  /**
   * Compiles the user's code with the language's compile command and compile limits. Diagnostics come from the
   * machine-readable form; the returned stderr is what people read (rustc's JSON rendered as rustc prints it).
   */
  async compile(): Promise<CompileOutcome> {
    const command = this.compileCommand();
    if (!command) return { compile: null, diagnostics: [] };
    let compile = await this.exec({ argv: command, phase: 'compile' });
    const converted = this.project?.plan.compileOutput?.(compile);
    const diagnostics = this.diagnosticsOf('compile', converted ? { ...compile, stdout: '', stderr: converted.forDiagnostics } : compile);
    compile = converted ? { ...compile, stdout: '', stderr: converted.forDisplay } : this.forDisplay(compile);
    const failed = compile.exitCode !== 0 || !!compile.signal || compile.timedOut || compile.oomKilled;
    return { compile, diagnostics, ...(failed ? { failure: describeCompileFailure(compile, this.limits, diagnostics) } : {}) };
  }

  /** A compiler's result as people should read it (see LanguageSpec.compileStderrForDisplay). */
  forDisplay(p: ProcessResult): ProcessResult {
    const render = this.language.compileStderrForDisplay;
    return render && p.stderr ? { ...p, stderr: render(p.stderr) } : p;
  }

  /** Throws the AbortError when the caller has cancelled. */
  throwIfAborted(): void {
    if (this.signal?.aborted) throw abortError(this.signal);
  }

  /**
   * Gives the run-queue slot back while keeping the container: for a session that waits on a person (an
   * interactive program) rather than a CPU, so that it does not hold up judged runs for minutes.
   */
  leaveQueue(): void {
    this.lease.leaveQueue();
  }

  /** Removes the container and frees the queue slot; safe to call more than once. */
  dispose(): Promise<void> {
    this.disposed ??= (async () => {
      this.signal?.removeEventListener('abort', this.onAbort);
      this.lease.leaveQueue();
      await this.lease.release();
    })();
    return this.disposed;
  }

  private execRequest(req: SandboxExec): ExecRequest {
    return {
      argv: req.argv,
      env: { ...this.language.env, ...this.project?.plan.env, ...req.env },
      cwd: this.project?.plan.cwd,
      stdin: req.stdin,
      limits: req.limits ?? this.limits[req.phase ?? 'compile'],
      onOutput: req.onOutput,
      signal: this.signal,
    };
  }
}
