// Lua 5.4: `luac5.4: main.lua:4: ')' expected … near 'end'` for syntax errors and
// `lua5.4: main.lua:2: attempt to index a nil value` plus a stack traceback at run time. An error raised
// without a position (`error(obj)`, `error(msg, 0)`) is placed at the traceback's first frame in the file.
import type { Diagnostic } from './types';
import type { DiagnosticContext } from '../languages/types';
import { collect, isSourcePath, toDiagnostic } from './source-file';

export function parseLua(ctx: DiagnosticContext): Diagnostic[] {
  const head = /^(?:lua5?\.?\d*|luac5?\.?\d*): (.*)$/m.exec(ctx.stderr);
  if (!head) return [];
  const positioned = /^(\S+?\.lua):(\d+): ([\s\S]*)$/.exec(head[1]);
  if (positioned && isSourcePath(ctx, positioned[1])) {
    return collect([toDiagnostic(ctx, 'lua', { line: Number(positioned[2]), severity: 'error', message: positioned[3] })]);
  }
  const trace = ctx.stderr.slice(head.index);
  for (const f of trace.matchAll(/^\t(\S+?\.lua):(\d+): in /gm)) {
    if (isSourcePath(ctx, f[1])) return collect([toDiagnostic(ctx, 'lua', { line: Number(f[2]), severity: 'error', message: head[1] })]);
  }
  return [];
}
