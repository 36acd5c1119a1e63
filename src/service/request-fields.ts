// Fields that several endpoints share: languages, files in and out, limits in seconds and MiB. Each is
// checked here once so that every endpoint refuses the same mistakes with the same words.
import { z } from 'zod';
import { LANGUAGES, findLanguage } from '../core/languages/registry';
import type { LanguageSpec } from '../core/languages/types';
import { invalid } from './errors';

/** Longest time limit a request may ask for, in seconds (a SIGTERM drain waits at most this long for a run). */
export const MAX_TIMEOUT_SECONDS = 600;
export const MIN_MEMORY_MB = 16;
export const MAX_MEMORY_MB = 16384;
const MAX_PATH_LENGTH = 1024;

/** Our ids and aliases, sorted, for error messages. */
export function languageNames(extra: readonly string[] = []): string[] {
  return [...new Set([...LANGUAGES.map((l) => l.id), ...extra])].sort();
}

/** A language by one of our names, or a 400 listing them. `auto` is allowed only where identification makes sense. */
export function resolveLanguage(name: string, field: string, opts: { allowAuto?: boolean; extraNames?: Record<string, string> } = {}): LanguageSpec | 'auto' {
  if (opts.allowAuto && name.trim().toLowerCase() === 'auto') return 'auto';
  const mapped = opts.extraNames?.[name] ?? name;
  const lang = findLanguage(mapped);
  if (!lang) {
    const allowed = languageNames(Object.keys(opts.extraNames ?? {}));
    throw invalid(field, `unknown language '${name}'; supported: ${allowed.join(', ')}${opts.allowAuto ? ' (or auto)' : ''}`, opts.allowAuto ? [...allowed, 'auto'] : allowed);
  }
  return lang;
}

export const timeoutSeconds = z
  .number({ error: 'must be a number of seconds' })
  .positive('must be more than 0 seconds')
  .max(MAX_TIMEOUT_SECONDS, `must be at most ${MAX_TIMEOUT_SECONDS} seconds`);

export const memoryMb = z
  .number({ error: 'must be a number of MiB' })
  .int('must be a whole number of MiB')
  .min(MIN_MEMORY_MB, `must be at least ${MIN_MEMORY_MB} MiB`)
  .max(MAX_MEMORY_MB, `must be at most ${MAX_MEMORY_MB} MiB`);

/**
 * A path inside the sandbox's work dir: relative (or absolute under /sandbox/), no `..`, not a directory.
 * Returns the work-dir-relative form the engine writes and reads.
 */
export function sandboxPath(path: string, field: string): string {
  let p = path.startsWith('/sandbox/') ? path.slice('/sandbox/'.length) : path;
  p = p.replace(/^(\.\/)+/, '');
  const segments = p.split('/');
  if (!p || p.length > MAX_PATH_LENGTH || p.startsWith('/') || p.endsWith('/') || segments.some((s) => s === '..' || s === '') || p.includes('\0')) {
    throw invalid(field, `'${path}' is not a file path inside the sandbox: give a relative path (or one under /sandbox/) without '..'`);
  }
  return p;
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** `{path: base64 | null}` as files to write; null entries are skipped, as SandboxFusion does. */
export function decodeFiles(files: Record<string, string | null> | undefined, field: string): { path: string; content: Buffer }[] {
  const out: { path: string; content: Buffer }[] = [];
  for (const [path, content] of Object.entries(files ?? {})) {
    const where = `${field}.${path}`;
    const rel = sandboxPath(path, where);
    if (content === null) continue;
    if (!BASE64.test(content)) throw invalid(where, 'is not base64-encoded content');
    out.push({ path: rel, content: Buffer.from(content, 'base64') });
  }
  return out;
}

export const fileMap = z.record(z.string(), z.string({ error: 'must be base64-encoded content or null' }).nullable());
export const pathList = z.array(z.string({ error: 'must be a file path' })).max(256, 'at most 256 files');

/** Paths to fetch, as the engine reads them, remembering the name each was asked by. */
export function fetchPaths(paths: readonly string[] | undefined, field: string): { asked: string; path: string }[] {
  return (paths ?? []).map((p, i) => ({ asked: p, path: sandboxPath(p, `${field}[${i}]`) }));
}

/** The fetched files under the names they were asked by, base64-encoded. */
export function encodeFetched(asked: { asked: string; path: string }[], files: Record<string, Buffer> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { asked: name, path } of asked) {
    const content = files?.[path];
    if (content) out[name] = content.toString('base64');
  }
  return out;
}
