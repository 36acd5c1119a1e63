// SandboxFusion compatibility (bytedance/SandboxFusion, sandbox/server/sandbox_api.py and sandbox/runners/types.py):
// its POST /run_code request in, its response out, so that its SDK, verl's sandbox_fusion reward and
// scripts written for it work unchanged against this service.
//
//   request:  code, language, stdin, compile_timeout (10), run_timeout (10), memory_limit_MB (-1 = default),
//             files {path: base64 | null}, fetch_files [path], args (pytest mode only)
//   response: status Success | Failed | SandboxError, message, compile_result, run_result
//             ({status Finished | Error | TimeLimitExceeded, execution_time s, return_code, stdout, stderr}),
//             executor_pod_name, files {path: base64}
//             and ours, for the test-framework modes only: tests (the framework's counts and failing tests)
//
// Its test-framework modes are "languages" too: pytest, jest, junit, go_test (sandbox/runners/major.py). The
// code is a test file; the status follows the framework's exit code as in SandboxFusion, and `tests` has what
// the framework's own report says (src/core/test-reports/).
//
// Its status rules: a sandbox fault is SandboxError; a time-out or any non-zero exit is Failed; else Success.
// A time-out has no return code. compile_result exists only where SandboxFusion's runner has a compile
// step (./sandbox-fusion-languages.ts); a syntax check of an interpreted language (ours runs before the
// program) is reported as the run, as SandboxFusion's interpreter would report it. Its language names
// and what we do with each are in ./sandbox-fusion-languages.ts.
import { constants as osConstants, hostname } from 'node:os';
import { z } from 'zod';
import type { LanguageId } from '../core/languages/types';
import { findTestMode, type TestModeId } from '../core/languages/test-modes';
import type { TestReport } from '../core/test-reports/types';
import type { ProcessResult, RunRequest, RunResult } from '../core/sandbox/types';
import { invalid, parseBody } from './errors';
import { decodeFiles, encodeFetched, fetchPaths, fileMap, memoryMb, pathList, timeoutSeconds } from './request-fields';
import { resolveRunCodeLanguage, SANDBOX_FUSION_DECISIONS } from './sandbox-fusion-languages';


const runCodeShape = z.object({
  code: z.string({ error: 'is required and must be a string' }),
  language: z.string({ error: 'is required and must be a string' }),
  stdin: z.string({ error: 'must be a string' }).nullable().optional(),
  compile_timeout: timeoutSeconds.default(10),
  run_timeout: timeoutSeconds.default(10),
  // -1 (or any value ≤ 0) means the language's default limit, as in SandboxFusion.
  memory_limit_MB: z.union([z.number().int().max(0), memoryMb], { error: `must be -1 (default) or a whole number of MiB from 16 to 16384` }).default(-1),
  files: fileMap.default({}),
  fetch_files: pathList.default([]),
  args: z.array(z.string()).default([]),
});

export interface RunCodeRequest {
  request: RunRequest;
  fetch: { asked: string; path: string }[];
  language: LanguageId;
  /** The test-framework mode, when `language` named one. */
  mode?: TestModeId;
}

export function parseRunCodeRequest(body: unknown): RunCodeRequest {
  const req = parseBody(runCodeShape, body);
  const { language: lang, fileName, mode } = resolveRunCodeLanguage(req.language);
  if (req.args.length > 0 && !mode?.takesArgs) throw invalid('args', 'extra arguments are for the pytest mode (language "pytest") only; leave args empty');
  if (!req.code.trim()) throw invalid('code', 'is empty');
  const fetch = fetchPaths(req.fetch_files, 'fetch_files');
  return {
    language: lang.id,
    fetch,
    ...(mode ? { mode: mode.id } : {}),
    request: {
      code: req.code,
      language: lang.id,
      ...(mode ? { testMode: mode.id, testArgs: req.args } : {}),
      ...(fileName ? { fileName } : {}),
      stdin: req.stdin ?? '',
      files: decodeFiles(req.files, 'files'),
      fetchFiles: fetch.map((f) => f.path),
      limits: {
        compile: { timeoutMs: Math.round(req.compile_timeout * 1000) },
        run: { timeoutMs: Math.round(req.run_timeout * 1000), ...(req.memory_limit_MB > 0 ? { memoryBytes: req.memory_limit_MB * 1024 * 1024 } : {}) },
      },
    },
  };
}

export interface CommandRunResult {
  status: 'Finished' | 'Error' | 'TimeLimitExceeded';
  execution_time: number | null;
  return_code: number | null;
  stdout: string | null;
  stderr: string | null;
}

export interface RunCodeResponse {
  status: 'Success' | 'Failed' | 'SandboxError';
  message: string;
  compile_result: CommandRunResult | null;
  run_result: CommandRunResult | null;
  executor_pod_name: string | null;
  files: Record<string, string>;
  /** Ours, in a test-framework mode only: the framework's report, null when it wrote none. */
  tests?: TestsJson | null;
}

export interface TestsJson {
  passed: number;
  failed: number;
  skipped: number;
  errored: number;
  total: number;
  load_errors: string[];
  tests: { name: string; suite: string | null; status: string; duration_ms: number | null; message: string | null; line: number | null }[];
}

/** A report in the response's snake_case. */
export function testsJson(r: TestReport): TestsJson {
  return {
    passed: r.passed,
    failed: r.failed,
    skipped: r.skipped,
    errored: r.errored,
    total: r.total,
    load_errors: r.loadErrors,
    tests: r.tests.map((t) => ({ name: t.name, suite: t.suite ?? null, status: t.status, duration_ms: t.durationMs ?? null, message: t.message ?? null, line: t.line ?? null })),
  };
}

/** Python's returncode for a signalled process: minus the signal number. */
function returnCode(p: ProcessResult): number | null {
  if (p.timedOut) return null;
  if (p.exitCode !== null) return p.exitCode;
  const n = p.signal ? (osConstants.signals as Record<string, number>)[p.signal] : undefined;
  return n ? -n : null;
}

export function commandResult(p: ProcessResult): CommandRunResult {
  return {
    status: p.timedOut ? 'TimeLimitExceeded' : 'Finished',
    execution_time: p.durationMs / 1000,
    return_code: returnCode(p),
    stdout: p.stdout,
    stderr: p.stderr,
  };
}

/** Kubernetes' downward API sets MY_POD_NAME in SandboxFusion's manifests; elsewhere the host name says where it ran. */
export function executorName(env: NodeJS.ProcessEnv = process.env): string {
  return env.MY_POD_NAME || hostname();
}

export function toRunCodeResponse(result: RunResult, req: RunCodeRequest, podName: string = executorName()): RunCodeResponse {
  const base = { executor_pod_name: podName, files: encodeFetched(req.fetch, result.files), ...(req.mode ? { tests: result.tests ? testsJson(result.tests) : null } : {}) };
  if (result.status === 'SandboxError') {
    return { ...base, status: 'SandboxError', message: result.message ?? 'the sandbox could not run the code', compile_result: null, run_result: null };
  }
  const compiled = req.mode ? findTestMode(req.mode)!.sandboxFusionCompileResult : SANDBOX_FUSION_DECISIONS[req.language].compileResult === true;
  let compileResult: CommandRunResult | null = null;
  let runResult: CommandRunResult | null = null;
  if (result.compile && compiled) compileResult = commandResult(result.compile);
  if (result.run) runResult = commandResult(result.run);
  else if (result.status === 'CompileError' && result.compile && !compiled) runResult = commandResult(result.compile);
  const outcomes = [compileResult, runResult].filter((r): r is CommandRunResult => r !== null);
  // Our verdicts beyond SandboxFusion's rules (memory, output limits) kill the program: Failed as well.
  const failed = result.status !== 'Accepted' || outcomes.some((o) => o.status === 'TimeLimitExceeded' || (o.return_code ?? 0) !== 0);
  return {
    ...base,
    status: failed ? 'Failed' : 'Success',
    message: failed ? (result.message ?? result.status) : '',
    compile_result: compileResult,
    run_result: runResult,
  };
}
