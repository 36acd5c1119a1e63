// The service's own API: POST /v1/run takes what `mplsandbox run` takes (as JSON) and returns its `--json`
// result; POST /v1/batch takes many such programs, each with an id.
import { z } from 'zod';
import { CasesFormatError, parseCases } from '../core/sandbox/judge';
import { runResultToJson } from '../core/sandbox/result-json';
import type { RunRequest, RunResult } from '../core/sandbox/types';
import { ApiError, invalid, parseBody } from './errors';
import { getTestMode, TEST_MODE_IDS } from '../core/languages/test-modes';
import { decodeFiles, encodeFetched, fetchPaths, fileMap, memoryMb, pathList, resolveLanguage, timeoutSeconds } from './request-fields';

const MiB = 1024 * 1024;

/** Per-phase limits in the engine's units, bounded so that one request cannot take the host. */
const phaseLimits = z
  .object({
    timeoutMs: z.number().positive('must be more than 0').max(600_000, 'must be at most 600000 (10 minutes)').optional(),
    memoryBytes: z.number().int().min(16 * MiB, 'must be at least 16 MiB').max(16384 * MiB, 'must be at most 16 GiB').optional(),
    cpus: z.number().positive('must be more than 0').max(64, 'must be at most 64').optional(),
    pids: z.number().int().min(8, 'must be at least 8').max(4096, 'must be at most 4096').optional(),
    outputBytes: z.number().int().positive('must be more than 0').max(64 * MiB, 'must be at most 64 MiB').optional(),
  })
  .strict();

export const programShape = z.object({
  code: z.string({ error: 'is required and must be a string' }),
  language: z.string({ error: 'must be a language name or auto' }).default('auto'),
  fileName: z.string().max(255).optional(),
  stdin: z.string({ error: 'must be a string' }).optional(),
  /** `{"inputs": [...], "outputs": [...]}` or `[{"input": ..., "expected": ...}]`, as `run --cases`. */
  cases: z.unknown().optional(),
  /** Seconds and MiB of the run phase, as `run --timeout/--memory`. */
  timeout: timeoutSeconds.optional(),
  memory: memoryMb.optional(),
  limits: z
    .object({
      compile: phaseLimits.optional(),
      run: phaseLimits.optional(),
      tmpfsBytes: z.number().int().min(MiB).max(1024 * MiB, 'must be at most 1 GiB').optional(),
      fileSizeBytes: z.number().int().min(1024).max(1024 * MiB, 'must be at most 1 GiB').optional(),
      nofile: z.number().int().min(16).max(65536).optional(),
    })
    .strict()
    .optional(),
  floatTolerance: z.number().min(0).max(1).optional(),
  files: fileMap.optional(),
  fetchFiles: pathList.optional(),
  /** A test-framework mode, as `run --mode`: the code is a test file; the result has the framework's `tests`. */
  mode: z.enum(TEST_MODE_IDS, { error: `must be one of ${TEST_MODE_IDS.join(', ')}` }).optional(),
  /** Extra framework arguments (the pytest mode only). */
  args: z.array(z.string({ error: 'must be a string' })).max(64).optional(),
});

export type ProgramInput = z.output<typeof programShape>;

export interface NativeRun {
  request: RunRequest;
  fetch: { asked: string; path: string }[];
}

/** One program as a RunRequest; `prefix` names where it sits in a batch (`programs[3].`). */
export function toNativeRun(p: ProgramInput, prefix = ''): NativeRun {
  if (!p.code.trim()) throw invalid(`${prefix}code`, 'is empty');
  const lang = resolveLanguage(p.language, `${prefix}language`, { allowAuto: true });
  let cases;
  if (p.cases !== undefined && p.cases !== null) {
    try {
      cases = parseCases(p.cases);
    } catch (err) {
      if (err instanceof CasesFormatError) throw new ApiError(400, 'invalid_request', `${prefix}cases: ${err.issues.join('; ')}`, `${prefix}cases`);
      throw err;
    }
  }
  const mode = p.mode ? getTestMode(p.mode) : undefined;
  if (mode && lang !== 'auto' && lang.id !== mode.language) throw invalid(`${prefix}language`, `the ${mode.id} mode runs ${mode.language} test files; leave language out or give ${mode.language}`);
  if (mode && cases) throw invalid(`${prefix}cases`, `the ${mode.id} mode judges by the file's own tests; leave cases out`);
  if (p.args?.length && !mode?.takesArgs) throw invalid(`${prefix}args`, 'extra arguments are for the pytest mode only; leave args out');
  const fetch = fetchPaths(p.fetchFiles, `${prefix}fetchFiles`);
  const run = {
    ...p.limits?.run,
    ...(p.timeout !== undefined ? { timeoutMs: Math.round(p.timeout * 1000) } : {}),
    ...(p.memory !== undefined ? { memoryBytes: p.memory * MiB } : {}),
  };
  return {
    fetch,
    request: {
      code: p.code,
      // A mode names its language (so that the service's enabled languages apply to it).
      language: mode ? mode.language : lang === 'auto' ? 'auto' : lang.id,
      ...(mode ? { testMode: mode.id, testArgs: p.args ?? [] } : {}),
      fileName: p.fileName,
      stdin: p.stdin,
      cases,
      limits: { ...p.limits, run },
      floatTolerance: p.floatTolerance,
      files: decodeFiles(p.files ?? undefined, `${prefix}files`),
      fetchFiles: fetch.map((f) => f.path),
    },
  };
}

export function parseRunRequest(body: unknown): NativeRun {
  return toNativeRun(parseBody(programShape, body));
}

/** The `run --json` object, with fetched files under the names they were asked by. */
export function runResponse(result: RunResult, run: NativeRun) {
  const { files: _files, ...json } = runResultToJson(result);
  return run.fetch.length ? { ...json, files: encodeFetched(run.fetch, result.files) } : json;
}

export const MAX_BATCH = 10_000;

const batchShape = z.object({
  programs: z
    .array(programShape.extend({ id: z.union([z.string(), z.number()], { error: 'must be a string or a number' }).optional() }), { error: 'must be a list of programs' })
    .min(1, 'must hold at least one program')
    .max(MAX_BATCH, `at most ${MAX_BATCH} programs per batch`),
});

export interface BatchItem extends NativeRun {
  id: string | number;
  index: number;
}

/** Every program is checked before any runs, so that a bad one refuses the batch instead of half of it running. */
export function parseBatchRequest(body: unknown): BatchItem[] {
  const { programs } = parseBody(batchShape, body);
  const seen = new Set<string | number>();
  return programs.map((p, index) => {
    const id = p.id ?? index;
    if (seen.has(id)) throw invalid(`programs[${index}].id`, `'${id}' is used twice; ids tell the streamed results apart`);
    seen.add(id);
    return { id, index, ...toNativeRun(p, `programs[${index}].`) };
  });
}
