// tsc with `--pretty false` (`main.ts(3,5): error TS2322: …`) and, at run time, Node's errors, which
// name main.ts lines through the source map.
import type { Diagnostic, Severity } from './types';
import type { DiagnosticContext } from '../languages/types';
import { parseNode } from './node';
import { collect, isSourcePath, toDiagnostic } from './source-file';

// A message runs on over indented lines (`  Type 'string' is not assignable to …`).
const TSC = /^(.+?)\((\d+),(\d+)\): (error|warning|message) (TS\d+): (.*(?:\n {2,}\S.*)*)/gm;

function parseCompile(ctx: DiagnosticContext): Diagnostic[] {
  const text = `${ctx.stdout}\n${ctx.stderr}`;
  const found = [...text.matchAll(TSC)]
    .filter((m) => isSourcePath(ctx, m[1]))
    .map((m) =>
      toDiagnostic(ctx, 'tsc', {
        line: Number(m[2]),
        column: Number(m[3]),
        severity: (m[4] === 'message' ? 'info' : m[4]) as Severity,
        message: m[6].split('\n').map((l) => l.trim()).join('\n'),
        code: m[5],
      }),
    );
  return collect(found);
}

export function parseTsc(ctx: DiagnosticContext): Diagnostic[] {
  return ctx.phase === 'compile' ? parseCompile(ctx) : parseNode(ctx, 'node');
}
