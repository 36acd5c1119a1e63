// gcc and g++: compiler messages in the `file:line:col: severity: message` form, and at run time the
// glibc assertion message (`main: main.c:5: main: Assertion `x' failed.`).
import type { Diagnostic } from './types';
import type { DiagnosticContext } from '../languages/types';
import { parseGccStyle } from './gcc-style';
import { collect, isSourcePath, toDiagnostic } from './source-file';

const ASSERTION = /^[^\s:]+: ([^:\n]+):(\d+): [^\n]*?: (Assertion `[\s\S]*?' failed\.)$/gm;

export function parseGcc(ctx: DiagnosticContext, source: string): Diagnostic[] {
  if (ctx.phase === 'compile') return parseGccStyle(ctx, source);
  const found = [...ctx.stderr.matchAll(ASSERTION)]
    .filter((m) => isSourcePath(ctx, m[1]))
    .map((m) => toDiagnostic(ctx, source, { line: Number(m[2]), severity: 'error', message: m[3] }));
  return collect(found);
}
