// How the CLI shows a RunResult: a report for people; scripts get the stable JSON object of
// core/sandbox/result-json.ts (`--json`), which the HTTP service returns too.
import type { RunResult } from '../core/sandbox/types';

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
  if (r.tests) {
    for (const e of r.tests.loadErrors) out.push(`could not load the tests:\n${indent(e)}`);
    for (const t of r.tests.tests.filter((t) => t.status === 'failed' || t.status === 'errored')) {
      out.push(`${t.status === 'failed' ? 'FAILED' : 'ERROR'} ${t.suite ? `${t.suite} › ` : ''}${t.name}${t.line ? ` (line ${t.line})` : ''}${t.message ? `:\n${indent(t.message)}` : ''}`);
    }
  }
  for (const d of r.diagnostics) out.push(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${d.code ? ` [${d.code}]` : ''} (${d.source})`);
  const p = r.run;
  const stats = p ? ` · ${p.durationMs} ms · ${mib(p.peakMemoryBytes)}${p.truncated ? ' · output truncated' : ''}` : '';
  const t = r.tests;
  const tests = t ? ` · tests: ${t.passed} passed, ${t.failed} failed, ${t.errored} errored, ${t.skipped} skipped` : '';
  const rate = r.cases.length ? ` · ${r.cases.filter((c) => c.passed).length}/${r.cases.length} cases` : tests;
  out.push(`── ${r.status}${rate}${stats}${r.message && r.status !== 'Accepted' ? ` · ${r.message}` : ''}`);
  return `${out.join('\n')}\n`;
}
