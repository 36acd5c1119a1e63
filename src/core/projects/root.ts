// The project of a file: the nearest folder above it that holds a root marker (a build manifest or a
// `.git` folder), else the file's own folder. A boundary (the VS Code workspace folder, the folder a
// CLI user named) stops the search, so a file is never run with files from outside what the user opened.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/** File names that mark a project root, in the order they are reported when a folder has several. */
export const ROOT_MARKER_FILES = [
  'pyproject.toml',
  'setup.py',
  'requirements.txt',
  'package.json',
  'go.mod',
  'Cargo.toml',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'CMakeLists.txt',
  'Makefile',
  'Gemfile',
  'composer.json',
] as const;

/** Marker patterns beyond fixed names: a C# project file. */
const ROOT_MARKER_PATTERNS: readonly RegExp[] = [/\.csproj$/i];

export interface ProjectRoot {
  /** Absolute path of the project's root folder. */
  root: string;
  /** What made it the root: a marker's file name, `.git`, or `folder` when none was found (the file's folder). */
  marker: string;
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The marker that makes `dir` a project root, if any. */
export function rootMarkerIn(dir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  const present = new Set(names);
  for (const m of ROOT_MARKER_FILES) if (present.has(m)) return m;
  const patterned = names.filter((n) => ROOT_MARKER_PATTERNS.some((p) => p.test(n))).sort()[0];
  if (patterned) return patterned;
  // A `.git` folder (or the `.git` file of a worktree / submodule).
  if (present.has('.git')) return '.git';
  return undefined;
}

/**
 * The project root of `file`. The search goes up from the file's folder and stops at `boundary`
 * (included) when given, else at the file system's root. A file outside the boundary is its own project.
 */
export function findProjectRoot(file: string, opts: { boundary?: string } = {}): ProjectRoot {
  const abs = resolve(file);
  const start = existsSync(abs) && statSync(abs).isDirectory() ? abs : dirname(abs);
  const boundary = opts.boundary ? resolve(opts.boundary) : undefined;
  if (boundary && !isInside(boundary, start)) return { root: start, marker: 'folder' };
  for (let dir = start; ; ) {
    const marker = rootMarkerIn(dir);
    if (marker) return { root: dir, marker };
    if (boundary && dir === boundary) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { root: start, marker: 'folder' };
}
