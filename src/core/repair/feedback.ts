// Sandbox results as text for a model: the verdict, each failing case, and the diagnostics, cut to a size a prompt can hold.
import type { Diagnostic } from '../diagnostics/types';
import type { CaseResult, RunResult } from '../sandbox/types';

const MAX_FIELD = 1500;
const MAX_FAILING_CASES = 3;
const MAX_DIAGNOSTICS = 20;

export function clip(text: string, max = MAX_FIELD): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n… (${text.length - max} more characters)`;
}

export function describeCase(c: CaseResult, index: number): string {
  const lines = [`Case ${index + 1}: ${c.status}`, `input:\n${clip(c.input)}`];
  if (c.expected !== undefined) lines.push(`expected output:\n${clip(c.expected)}`);
  lines.push(`actual output:\n${clip(c.actual) || '(nothing)'}`);
  if (c.run.stderr.trim()) lines.push(`stderr:\n${clip(c.run.stderr.trim())}`);
  return lines.join('\n');
}

export function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .slice(0, MAX_DIAGNOSTICS)
    .map((d) => `line ${d.line}:${d.column} ${d.severity}${d.code ? ` ${d.code}` : ''}: ${d.message} (${d.source})`)
    .join('\n');
}

/** What the sandbox said about one version of the program. */
export function describeRun(result: RunResult): string {
  const passed = result.cases.filter((c) => c.passed).length;
  const out = [`Verdict: ${result.status}${result.cases.length ? ` (${passed}/${result.cases.length} cases passed)` : ''}${result.message ? ` — ${result.message}` : ''}`];
  if (result.status === 'CompileError' && result.compile) out.push(`Compiler output:\n${clip((result.compile.stderr || result.compile.stdout).trim())}`);
  const failing = result.cases.map((c, i) => [c, i] as const).filter(([c]) => !c.passed);
  for (const [c, i] of failing.slice(0, MAX_FAILING_CASES)) out.push(describeCase(c, i));
  if (failing.length > MAX_FAILING_CASES) out.push(`(${failing.length - MAX_FAILING_CASES} more failing cases not shown)`);
  if (!result.cases.length && result.run && result.status !== 'Accepted' && result.run.stderr.trim()) out.push(`stderr:\n${clip(result.run.stderr.trim())}`);
  if (result.diagnostics.length) out.push(`Diagnostics:\n${describeDiagnostics(result.diagnostics)}`);
  return out.join('\n\n');
}
