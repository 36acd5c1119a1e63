// A RunResult as plain JSON: what `mplsandbox run --json` prints and what the service's /v1/run returns.
import type { ProcessResult, RunResult } from './types';

function processJson(p: ProcessResult | null) {
  if (!p) return null;
  return {
    exitCode: p.exitCode,
    signal: p.signal,
    stdout: p.stdout,
    stderr: p.stderr,
    durationMs: p.durationMs,
    peakMemoryBytes: p.peakMemoryBytes,
    truncated: p.truncated,
    timedOut: p.timedOut,
    oomKilled: p.oomKilled,
  };
}

/** The `run --json` and `POST /v1/run` contract (keep it stable: scripts depend on it). */
export function runResultToJson(r: RunResult) {
  return {
    language: r.language,
    status: r.status,
    message: r.message ?? null,
    compile: r.compile ? { exitCode: r.compile.exitCode, stdout: r.compile.stdout, stderr: r.compile.stderr, durationMs: r.compile.durationMs } : null,
    run: processJson(r.run),
    cases: r.cases.map((c) => ({
      input: c.input,
      expected: c.expected ?? null,
      actual: c.actual,
      passed: c.passed,
      status: c.status,
      durationMs: c.run.durationMs,
      peakMemoryBytes: c.run.peakMemoryBytes,
    })),
    correctRate: r.correctRate,
    reward: r.reward,
    diagnostics: r.diagnostics,
    limits: r.limits,
    ...(r.tests ? { tests: r.tests } : {}),
    ...(r.files ? { files: Object.fromEntries(Object.entries(r.files).map(([path, content]) => [path, content.toString('base64')])) } : {}),
  };
}
