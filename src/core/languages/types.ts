import type { Diagnostic } from '../diagnostics/types';
import type { PhaseLimits } from '../sandbox/types';

export type { LanguageId } from './ids';
import type { LanguageId } from './ids';

/** What a diagnostics parser gets: one phase's output and the names to map back to. */
export interface DiagnosticContext {
  phase: 'compile' | 'run';
  stdout: string;
  stderr: string;
  /** File name inside the container's work dir, e.g. `main.py`, `Main.java`. */
  sourceFile: string;
  /** The name the user knows the file by; every diagnostic is reported against it. */
  userFile: string;
  /** Lines added in front of the user's code by the engine (0 unless a wrapper is used). */
  lineOffset: number;
  /**
   * The text of `sourceFile` as it was run, when the caller has it. Some tools print a source line
   * without its indentation and mark columns on that (Python's tracebacks): with the text, parsers can
   * give the true column; without it they report column 1.
   */
  sourceText?: string;
}

export type DiagnosticParser = (ctx: DiagnosticContext) => Diagnostic[];

/**
 * One entry of the declarative language registry. Adding a language is one entry here plus one
 * Dockerfile in `sandbox-images/<image>/`.
 */
export interface LanguageSpec {
  id: LanguageId;
  displayName: string;
  /** Other names users and MPLSandbox requests use (`py`, `python3`, `c++`, `js`, `node`, `cs`, `sh`, …); lower case. */
  aliases: string[];
  /** File extensions with the dot, lower case. */
  extensions: string[];
  /** VS Code languageIds that mean this language; the first is the one the extension contributes, if it does. */
  vscodeLanguageIds: string[];
  /**
   * VS Code has no built-in language of that id: the extension contributes it (extensions, shebang line),
   * so that such files get the run button and menus without another extension installed.
   */
  contributesVscodeLanguage?: boolean;
  /** Interpreter names a shebang line may name (`python3`, `node`, `bash`, …). */
  interpreters: string[];
  /** Folder under `sandbox-images/` and base name of the image tag. */
  image: string;
  /**
   * File name of the user's code inside the work dir. Java derives it from the public class; Kotlin from the
   * user's file name (`*.kts` is a script), when the caller has one.
   */
  sourceFile: (code: string, userFile?: string) => string;
  /** Compile command (argv, run in the work dir), when the language has a compile or type-check phase. */
  compile?: (sourceFile: string) => string[];
  /** Run command (argv, run in the work dir). */
  run: (sourceFile: string) => string[];
  /** Turns compiler/runtime output into diagnostics on the user's file. */
  diagnostics: DiagnosticParser;
  /**
   * The compiler's stderr as a person should read it, when the compile command asks for a machine
   * format (rustc's `--error-format=json`): shown instead of the raw stderr; the parser still gets the raw one.
   */
  compileStderrForDisplay?: (stderr: string) => string;
  /** Extra environment for both phases (e.g. `HOME`, caches inside the writable tmpfs). */
  env?: Record<string, string>;
  /** The MultiPL-E corpus name (`humaneval-<name>.jsonl`), for conformance tests. */
  multiplE?: string;
  /**
   * The compile phase only checks the syntax (py_compile, ruby -wc, bash -n, …): it needs no more than the
   * program itself, so its memory, CPU and pids limits follow the run phase's unless set explicitly.
   */
  checkOnly?: boolean;
  /**
   * One interpreter start that checks the syntax and then runs the program, used by judged runs instead of
   * `compile` + `run` (it saves a whole interpreter start per run). On a syntax error it writes the error as
   * `compile` would, then the line CHECK_FAILED_MARKER on stderr, and exits with CHECK_FAILED_EXIT: the run
   * is then a CompileError with that output as its compile phase.
   */
  checkedRun?: (sourceFile: string) => string[];
  /** Limits above the defaults for toolchains that need them (JVM, GHC, LLVM), and why. */
  limits?: LanguageLimits;
  /** The label of the guesslang model (@vscode/vscode-languagedetection) for this language, when it has one. */
  guesslang?: string;
}

export interface LanguageLimits {
  compile?: Partial<PhaseLimits>;
  run?: Partial<PhaseLimits>;
  /** Why the defaults are not enough (shown nowhere; keeps the numbers honest). */
  why: string;
}

/** The exit status of a `checkedRun` whose syntax check failed (with CHECK_FAILED_MARKER as its last stderr line). */
export const CHECK_FAILED_EXIT = 86;
export const CHECK_FAILED_MARKER = 'MPLSANDBOX_CHECK_FAILED';

/** Registry entries keyed by their ids: an id without an entry, or an entry under another id, is a type error. */
export type LanguageEntries<K extends LanguageId = LanguageId> = { readonly [Id in K]: LanguageSpec & { id: Id } };
