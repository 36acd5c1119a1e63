// How the CLI shows a RunResult: a report for people, a stable JSON object for scripts.
import type { ProcessResult, RunResult } from '../core/sandbox/types';

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

/** The `--json` contract (keep it stable: scripts depend on it). */
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
  };
}

const mib = (b: number | null | undefined) => (b == null ? '?' : `${(b / 1024 / 1024).toFixed(1)} MiB`);
const indent = (s: string) => s.replace(/\n$/, '').replace(/^/gm, '  ');

export function formatRunResult(r: RunResult, file: string): string {
  const out: string[] = [];
  out.push(`── ${file} · ${r.language} · run limits ${r.limits.run.timeoutMs / 1000} s, ${mib(r.limits.run.memoryBytes)}`);
  if (r.compile && (r.compile.exitCode !== 0 || r.compile.stderr.trim())) {
    out.push(`compile (exit ${r.compile.exitCode}, ${r.compile.durationMs} ms):`);
    if (r.compile.stderr.trim()) out.push(indent(r.compile.stderr));
    if (r.compile.stdout.trim()) out.push(indent(r.compile.stdout));
  }
  if (r.cases.length) {
    r.cases.forEach((c, i) => {
      out.push(`case ${i + 1}: ${c.passed ? 'passed' : c.status} (${c.run.durationMs} ms, ${mib(c.run.peakMemoryBytes)})`);
      if (!c.passed) {
        out.push(`  input:    ${JSON.stringify(c.input)}`);
        if (c.expected !== undefined) out.push(`  expected: ${JSON.stringify(c.expected)}`);
        out.push(`  actual:   ${JSON.stringify(c.actual)}`);
        if (c.run.stderr.trim()) out.push(indent(c.run.stderr));
      }
    });
  } else if (r.run) {
    if (r.run.stdout) out.push(r.run.stdout.replace(/\n$/, ''));
    if (r.run.stderr) out.push(r.run.stderr.replace(/\n$/, ''));
  }
  for (const d of r.diagnostics) out.push(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${d.code ? ` [${d.code}]` : ''} (${d.source})`);
  const p = r.run;
  const stats = p ? ` · ${p.durationMs} ms · ${mib(p.peakMemoryBytes)}${p.truncated ? ' · output truncated' : ''}` : '';
  const rate = r.cases.length ? ` · ${r.cases.filter((c) => c.passed).length}/${r.cases.length} cases` : '';
  out.push(`── ${r.status}${rate}${stats}${r.message && r.status !== 'Accepted' ? ` · ${r.message}` : ''}`);
  return `${out.join('\n')}\n`;
}
