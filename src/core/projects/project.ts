// A project request from a file on disk (CLI, editor) or from a files map (HTTP service, MPLSandbox and
// SandboxFusion requests): both end as the same ProjectRequest the engine writes into the sandbox.
import { MplSandboxError } from '../errors';
import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { collectProjectFiles, DEFAULT_PROJECT_LIMITS, formatBytes, ProjectLimitError, type ProjectLimits } from './collect';
import { findProjectRoot } from './root';
import type { ProjectFile, ProjectRequest } from './types';

export class ProjectPathError extends MplSandboxError {
  constructor(message: string) {
    super('project-path', message);
  }
}

export interface LoadedProject extends ProjectRequest {
  entry: string;
  root: string;
  /** What made the folder the root (`pyproject.toml`, `.git`, `folder`, `--project` …). */
  marker: string;
  totalBytes: number;
  /** How long discovery and reading took. */
  elapsedMs: number;
}

/**
 * The project of `file`: `projectDir` when given (it must contain the file), else the nearest root
 * marker above the file within `boundary`. Its files are read with the collection rules and limits.
 */
export function loadProject(file: string, opts: { projectDir?: string; boundary?: string; limits?: Partial<ProjectLimits> } = {}): LoadedProject {
  const t0 = performance.now();
  const abs = resolve(file);
  let root: string;
  let marker: string;
  if (opts.projectDir !== undefined) {
    root = resolve(opts.projectDir);
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new ProjectPathError(`the project folder ${root} does not exist or is not a folder`);
    marker = 'project folder';
  } else {
    ({ root, marker } = findProjectRoot(abs, { boundary: opts.boundary }));
  }
  const entry = relative(root, abs).split(sep).join('/');
  if (entry.startsWith('..') || entry === '') throw new ProjectPathError(`${abs} is not inside the project folder ${root}: choose a folder that contains it`);
  const collected = collectProjectFiles(root, { limits: opts.limits, include: [entry] });
  return { root, marker, entry, files: collected.files, totalBytes: collected.totalBytes, elapsedMs: performance.now() - t0 };
}

/** A relative, normalised path of a files map, or an error naming the bad key. */
export function checkProjectPath(key: string): string {
  const path = key.replace(/\\/g, '/').replace(/^\.\//, '');
  if (path === '' || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').some((s) => s === '..' || s === '' || s === '.') || path.includes('\0')) {
    throw new ProjectPathError(`files: '${key}' is not a relative path inside the project (no leading '/', no '..', no empty parts)`);
  }
  return path;
}

/**
 * A project from a map of relative path → content (text or bytes). `entry` is the file that runs;
 * when the map lacks it, `entryContent` is added under that name (the request's `code`).
 */
export function projectFromFiles(
  files: Record<string, string | Buffer>,
  entry: string,
  opts: { entryContent?: string; limits?: Partial<ProjectLimits> } = {},
): ProjectRequest & { entry: string } {
  const limits = { ...DEFAULT_PROJECT_LIMITS, ...opts.limits };
  const out: ProjectFile[] = [];
  let total = 0;
  const seen = new Set<string>();
  const add = (path: string, content: string | Buffer) => {
    if (seen.has(path)) throw new ProjectPathError(`files: '${path}' is given twice`);
    seen.add(path);
    total += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    if (out.length + 1 > limits.maxFiles) throw new ProjectLimitError(`the request has more than ${limits.maxFiles} files (the file-count limit, maxFiles): send fewer files`, 'maxFiles');
    if (total > limits.maxBytes) throw new ProjectLimitError(`the request's files have more than ${formatBytes(limits.maxBytes)} (the total-size limit, maxBytes): send smaller files`, 'maxBytes');
    out.push({ path, content });
  };
  const entryPath = checkProjectPath(entry);
  for (const [key, content] of Object.entries(files)) add(checkProjectPath(key), content);
  if (!seen.has(entryPath)) {
    if (opts.entryContent === undefined) throw new ProjectPathError(`the file to run (${entryPath}) is not in files`);
    add(entryPath, opts.entryContent);
  }
  return { files: out, entry: entryPath };
}
