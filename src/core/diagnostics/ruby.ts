// Ruby: `ruby -wc` syntax errors and warnings (`main.rb:4: syntax error, …`, `main.rb:2: warning: …`) and
// uncaught exceptions at run time (`main.rb:3:in `f': undefined method … (NoMethodError)`), whose
// error_highlight carets give the column.
import type { Diagnostic } from './types';
import type { DiagnosticContext } from '../languages/types';
import { caretColumn, collect, isSourcePath, toDiagnostic } from './source-file';

const LINE_MESSAGE = /^(.+?\.rb):(\d+): (warning: )?(.*)$/;
const EXCEPTION = /^(.+?\.rb):(\d+):in [`'][^']*': (.*)$/;

/** The caret under the source line that follows a message, if the next two lines are such a pair. */
function caretAfter(lines: string[], i: number): number | undefined {
  for (let j = i + 1; j < Math.min(lines.length, i + 5); j++) {
    const col = caretColumn(lines[j]);
    if (col !== undefined) return col;
    if (LINE_MESSAGE.test(lines[j]) || /^\s+from /.test(lines[j])) return undefined;
  }
  return undefined;
}

export function parseRuby(ctx: DiagnosticContext): Diagnostic[] {
  const lines = ctx.stderr.split('\n');
  const found: (Diagnostic | undefined)[] = [];
  for (let i = 0; i < lines.length; i++) {
    const ex = EXCEPTION.exec(lines[i]);
    if (ex) {
      if (isSourcePath(ctx, ex[1])) found.push(toDiagnostic(ctx, 'ruby', { line: Number(ex[2]), column: caretAfter(lines, i), severity: 'error', message: ex[3] }));
      continue;
    }
    const m = LINE_MESSAGE.exec(lines[i]);
    if (!m || !isSourcePath(ctx, m[1])) continue;
    const warning = Boolean(m[3]);
    found.push(toDiagnostic(ctx, 'ruby', { line: Number(m[2]), column: warning ? undefined : caretAfter(lines, i), severity: warning ? 'warning' : 'error', message: m[4] }));
  }
  return collect(found);
}
