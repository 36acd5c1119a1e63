import type { Diagnostic } from '../diagnostics/types';
import type { ProjectRequest } from '../projects/types';
import type { TestModeId } from '../languages/test-modes';
import type { TestReport } from '../test-reports/types';

export type Verdict =
  | 'Accepted'
  | 'WrongAnswer'
  | 'CompileError'
  | 'RuntimeError'
  | 'TimeLimitExceeded'
  | 'MemoryLimitExceeded'
  | 'OutputLimitExceeded'
  | 'SandboxError';

/** Limits of one phase (compile or run). Every field is enforced by the container or the engine. */
export interface PhaseLimits {
  /** Wall-clock limit; the process tree is killed when it passes. */
  timeoutMs: number;
  memoryBytes: number;
  /** CPU quota in cores (e.g. 1 = one core). */
  cpus: number;
  pids: number;
  /** Per-stream cap: more output than this is cut and flagged. */
  outputBytes: number;
}

export interface SandboxLimits {
  compile: PhaseLimits;
  run: PhaseLimits;
  /** Size of the writable tmpfs mounts (/tmp and the work dir). */
  tmpfsBytes: number;
  /** Largest file a program may write (RLIMIT_FSIZE). */
  fileSizeBytes: number;
  nofile: number;
}

export interface TestCase {
  input: string;
  expected?: string;
}

export interface ProcessResult {
  exitCode: number | null;
  /** Name of the signal that ended the process (e.g. `SIGKILL`), or null. */
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** Peak resident memory of the process tree, when the engine could read it. */
  peakMemoryBytes: number | null;
  /** User + system CPU time of the process tree (rusage of everything the run waited for), when known. */
  cpuMs?: number | null;
  /** True when stdout or stderr hit the output cap and was cut. */
  truncated: boolean;
  timedOut: boolean;
  oomKilled: boolean;
}

export interface CaseResult {
  input: string;
  expected?: string;
  actual: string;
  passed: boolean;
  status: Verdict;
  run: ProcessResult;
}

export interface RunRequest {
  code: string;
  /** Language id, alias or `auto`. */
  language: string;
  /** The user's file name (used for diagnostics and language identification); defaults to the language's source file name. */
  fileName?: string;
  /** VS Code languageId of the buffer, a hint for identification. */
  languageIdHint?: string;
  /**
   * Run `code` as the file `project.entry` of this project: every file is written into the work dir
   * (the entry's content is `code`, e.g. an editor's unsaved buffer), the language's project plan compiles
   * and runs it, and a manifest's dependencies come from a cached dependency image (src/core/projects/).
   */
  project?: ProjectRequest;
  /** Libraries to have installed (MPLSandbox's `libraries`): the run uses an image of the language with them. */
  libraries?: string[];
  /**
   * More files for the work dir (relative paths; parent directories are made), e.g. SandboxFusion's `files`:
   * the code runs as the language's source file with them as its project (`project` with no entry).
   */
  files?: { path: string; content: string | Buffer; mode?: number }[];
  stdin?: string;
  cases?: TestCase[];
  /**
   * Run `code` as a test file of this framework (SandboxFusion's modes: pytest, jest, junit, go_test) in the mode's
   * language: the verdict comes from the framework's report (`RunResult.tests`). `files` are written beside it;
   * no project, libraries or cases.
   */
  testMode?: TestModeId;
  /** Extra arguments for the framework (SandboxFusion's `args`; modes with `takesArgs`, i.e. pytest). */
  testArgs?: string[];
  limits?: Partial<{ compile: Partial<PhaseLimits>; run: Partial<PhaseLimits> }> & Partial<Pick<SandboxLimits, 'tmpfsBytes' | 'fileSizeBytes' | 'nofile'>>;
  /** Float tolerance (relative) when comparing outputs; default 1e-6. */
  floatTolerance?: number;
  signal?: AbortSignal;
  /** Live output of the run phase (not of the compile phase), for editors that stream it. */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: string) => void;
  /** Paths (relative to where the program runs) read back after the run after the run into `RunResult.files`; a path that is no regular file is left out. */
  fetchFiles?: string[];
}

export interface RunResult {
  language: string;
  status: Verdict;
  /** Why the engine could not run it (SandboxError) or a one-line summary of the verdict. */
  message?: string;
  compile: ProcessResult | null;
  /** The run without cases (stdin only), or the first failing / last case when cases were given. */
  run: ProcessResult | null;
  cases: CaseResult[];
  correctRate: number;
  /** MPLSandbox's reward: +1 all pass, -0.3 a case fails, -0.6 runtime error, -1 compile error. */
  reward: number;
  diagnostics: Diagnostic[];
  limits: SandboxLimits;
  /** A test mode's report: counts and each test's outcome (message and line of a failure). */
  tests?: TestReport;
  /** The files of `RunRequest.fetchFiles` that existed after the run, by the path asked for. */
  files?: Record<string, Buffer>;
}
