// Mono's C# compiler (`main.cs(6,8): error CS1525: Unexpected symbol `string'`) and, at run time, Mono's
// uncaught exceptions and failed assertions, whose frames (with `-debug`/`--debug`) end in
// `in /sandbox/main.cs:10`.
import type { Diagnostic, Severity } from './types';
import type { DiagnosticContext } from '../languages/types';
import { collect, isSourcePath, toDiagnostic } from './source-file';

const COMPILER = /^(.+?)\((\d+),(\d+)\): (error|warning) (CS\d+): (.*)$/gm;

function parseCompile(ctx: DiagnosticContext): Diagnostic[] {
  const text = `${ctx.stdout}\n${ctx.stderr}`;
  const found = [...text.matchAll(COMPILER)]
    .filter((m) => isSourcePath(ctx, m[1]))
    .map((m) => toDiagnostic(ctx, 'mcs', { line: Number(m[2]), column: Number(m[3]), severity: m[4] as Severity, message: m[6], code: m[5] }));
  return collect(found);
}

function parseRun(ctx: DiagnosticContext): Diagnostic[] {
  // `Unhandled Exception:` is followed by `System.X: message`; the image's assertion listener prints
  // `Assertion failed…`. Either way the frames follow.
  const unhandled = /^Unhandled Exception:\n(.+)$/m.exec(ctx.stderr);
  const assertion = /^(Assertion failed.*)$/m.exec(ctx.stderr);
  const head = unhandled ?? assertion;
  if (!head) return [];
  const message = unhandled ? unhandled[1] : head[1];
  const trace = ctx.stderr.slice(head.index);
  for (const f of trace.matchAll(/^\s+at .* in (.+?):(\d+)\s*$/gm)) {
    if (isSourcePath(ctx, f[1])) return collect([toDiagnostic(ctx, 'mono', { line: Number(f[2]), severity: 'error', message })]);
  }
  return [];
}

export function parseMcs(ctx: DiagnosticContext): Diagnostic[] {
  return ctx.phase === 'compile' ? parseCompile(ctx) : parseRun(ctx);
}
