// The files of a project that go into the sandbox: everything under the root except what `.gitignore`
// files leave out (every level, as git reads them) and folders that are never sources — dependencies
// (node_modules, virtual environments), build outputs and VCS data. Limits on the number of files and
// their total size stop a run before a mis-chosen root (a home folder) is read into memory.
import { MplSandboxError } from '../errors';
import { lstatSync, readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ProjectFile } from './types';

export interface ProjectLimits {
  /** Most files a project may have. */
  maxFiles: number;
  /** Most bytes all its files may have together. */
  maxBytes: number;
}

export const DEFAULT_PROJECT_LIMITS: ProjectLimits = Object.freeze({ maxFiles: 1000, maxBytes: 16 * 1024 * 1024 });

/** Folder names never copied, wherever they are: dependencies, caches, build outputs, VCS data. */
export const EXCLUDED_FOLDERS: ReadonlySet<string> = new Set([
  // version control
  '.git', '.hg', '.svn', '.bzr',
  // dependencies: the project's image has them
  'node_modules', 'bower_components', '.venv', 'venv', '.bundle',
  // caches and build outputs
  '__pycache__', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox', '.eggs',
  'target', 'build', 'dist', 'out', 'CMakeFiles', '.gradle', '.next', '.nuxt', '.cache', '.mplsandbox',
]);

/** Output folders of .NET builds, left out only beside a project file (elsewhere `bin/` often holds scripts). */
const DOTNET_OUTPUTS = new Set(['bin', 'obj']);

/** Why a project cannot be copied: names the limit and how to narrow the project. */
export class ProjectLimitError extends MplSandboxError {
  constructor(
    message: string,
    readonly limit: keyof ProjectLimits,
  ) {
    super('project-limit', message);
  }
}

export interface CollectedProject {
  root: string;
  files: ProjectFile[];
  totalBytes: number;
  /** Folders and files left out (relative paths, folders with a trailing `/`), for logs and tests; at most 200. */
  skipped: string[];
}

const NARROW_ADVICE =
  'narrow it: add the folders that are not sources to .gitignore, choose a smaller project folder (`--project DIR`, or open a smaller workspace folder), or run only this file (`--single-file`, or the setting mplsandbox.sandbox.runWithProject off)';

function isVirtualEnv(dir: string): boolean {
  return existsSync(join(dir, 'pyvenv.cfg'));
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/**
 * Reads the project under `root`. Paths in the result are relative to the root, with `/`. `include`
 * names files that must be copied even if ignored (the active file).
 */
export function collectProjectFiles(rootDir: string, opts: { limits?: Partial<ProjectLimits>; include?: string[] } = {}): CollectedProject {
  const root = resolve(rootDir);
  const limits = { ...DEFAULT_PROJECT_LIMITS, ...opts.limits };
  const forced = new Set((opts.include ?? []).map((f) => toPosix(relative(root, resolve(root, f)))));
  const files: ProjectFile[] = [];
  const skipped: string[] = [];
  let totalBytes = 0;
  const skip = (rel: string) => {
    if (skipped.length < 200) skipped.push(rel);
  };

  // Each .gitignore applies to paths relative to its own folder: a stack of (folder, rules), outermost first.
  const walk = (dir: string, rules: { base: string; ig: Ignore }[]) => {
    const relDir = toPosix(relative(root, dir));
    let scoped = rules;
    const gitignore = join(dir, '.gitignore');
    if (existsSync(gitignore)) {
      try {
        scoped = [...rules, { base: relDir, ig: ignore().add(readFileSync(gitignore, 'utf8')) }];
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    const ignored = (rel: string, isDir: boolean) =>
      scoped.some(({ base, ig }) => {
        const p = base ? rel.slice(base.length + 1) : rel;
        return p !== '' && ig.ignores(isDir ? `${p}/` : p);
      });
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const dotnet = entries.some((e) => e.isFile() && /\.csproj$/i.test(e.name));
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // A link to a file is copied as that file; links to folders are not followed (no loops, no escapes).
        try {
          const st = statSync(abs);
          isFile = st.isFile();
          isDir = false;
        } catch {
          continue;
        }
        if (!isFile) {
          skip(`${rel}/`);
          continue;
        }
      }
      if (isDir) {
        if (EXCLUDED_FOLDERS.has(entry.name) || (dotnet && DOTNET_OUTPUTS.has(entry.name)) || isVirtualEnv(abs) || ignored(rel, true)) {
          skip(`${rel}/`);
          continue;
        }
        walk(abs, scoped);
        continue;
      }
      if (!isFile) continue;
      if (!forced.has(rel) && ignored(rel, false)) {
        skip(rel);
        continue;
      }
      const st = lstatSync(abs).isSymbolicLink() ? statSync(abs) : lstatSync(abs);
      if (files.length + 1 > limits.maxFiles) {
        throw new ProjectLimitError(
          `the project at ${root} has more than ${limits.maxFiles} files (the file-count limit, maxFiles); ${NARROW_ADVICE}, or raise the limit (setting mplsandbox.sandbox.projectMaxFiles, flag --max-files)`,
          'maxFiles',
        );
      }
      totalBytes += st.size;
      if (totalBytes > limits.maxBytes) {
        throw new ProjectLimitError(
          `the project at ${root} has more than ${formatBytes(limits.maxBytes)} of files (the total-size limit, maxBytes; ${rel} went past it); ${NARROW_ADVICE}, or raise the limit (setting mplsandbox.sandbox.projectMaxMegabytes, flag --max-mb)`,
          'maxBytes',
        );
      }
      files.push({ path: rel, content: readFileSync(abs), mode: st.mode & 0o111 ? 0o755 : 0o644, hostPath: abs });
    }
  };
  walk(root, []);
  // The active file is copied even when a .gitignore rule or an excluded folder would leave it out.
  for (const rel of forced) {
    if (files.some((f) => f.path === rel) || rel.startsWith('..')) continue;
    const abs = join(root, rel);
    if (!existsSync(abs)) continue;
    const content = readFileSync(abs);
    totalBytes += content.length;
    files.push({ path: rel, content, mode: 0o644, hostPath: abs });
  }
  return { root, files, totalBytes, skipped };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
