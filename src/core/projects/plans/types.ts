import type { LanguageSpec } from '../../languages/types';

/** What a plan knows of the project: its file paths (relative, `/`) and their text on demand. */
export interface PlanInput {
  lang: LanguageSpec;
  paths: readonly string[];
  /** The file being run, one of `paths`. */
  entry: string;
  read(path: string): string;
}

/** How one project is compiled and run inside the sandbox, in the project root (the work dir). */
export interface ProjectPlan {
  compile?: string[];
  run: string[];
  /** Folder (relative to the root) both phases run in; default the root. Tools print paths relative to it. */
  cwd?: string;
  /** Added to the language's environment. */
  env?: Record<string, string>;
  /**
   * How the compile output becomes diagnostics and display text, when the tool's machine format is not
   * the language's (cargo's JSON on stdout wraps rustc's messages).
   */
  compileOutput?: (out: { stdout: string; stderr: string }) => { forDiagnostics: string; forDisplay: string };
  /** One line for the run's header: what is run and how. */
  description: string;
}

/** Build outputs of project runs go here, inside the work dir (executable tmpfs), away from the user's files. */
export const PROJECT_OUT_DIR = '.mplsandbox';

/** Where dependency images put what they install (see ../dependencies.ts). */
export const DEPENDENCY_PATHS = {
  python: '/opt/mplsandbox/deps/python',
  /** At the file system's root, so Node's module resolution finds it from every folder under /sandbox (require and import alike). */
  node: '/node_modules',
  goModCache: '/opt/mplsandbox/deps/go/mod',
  cargoVendor: '/opt/mplsandbox/deps/cargo/vendor',
} as const;

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The nearest folder at or above `dir` (relative, '' = root) for which `test` holds. */
export function nearestUp(dir: string, test: (dir: string) => boolean): string | undefined {
  for (let d = dir; ; d = dirOf(d)) {
    if (test(d)) return d;
    if (d === '') return undefined;
  }
}

export function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** `path` relative to `dir` (which contains it). */
export function relativeTo(dir: string, path: string): string {
  return dir ? path.slice(dir.length + 1) : path;
}
