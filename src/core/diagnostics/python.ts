// Python: tracebacks (the innermost frame in the user's file; 3.11's `~~~^~~~` markers give the columns)
// and syntax errors (`File "main.py", line 3`, the source line, a caret line, `SyntaxError: …`), from
// the compile() check and at run time alike.
import type { Diagnostic } from './types';
import type { DiagnosticContext } from '../languages/types';
import { collect, indentationOf, isSourcePath, toDiagnostic } from './source-file';

const FRAME = /^ {2}File "(.+?)", line (\d+)(?:, in .*)?$/;
const EXCEPTION = /^([A-Za-z_][\w.]*)(?:: (.*))?$/;
/** Python prints the offending source line stripped of its indentation, behind 4 spaces. */
const PRINTED_INDENT = 4;

/** The 1-based columns marked on the printed line (`^` for syntax errors, `~~^~~`/`^^^^` in tracebacks). */
function markedColumns(markerLine: string | undefined): { column: number; endColumn: number } | undefined {
  if (markerLine === undefined || !/^\s*[~^]+\s*$/.test(markerLine)) return undefined;
  const start = markerLine.search(/[~^]/) - PRINTED_INDENT;
  const end = markerLine.trimEnd().length - PRINTED_INDENT;
  return start < 0 ? undefined : { column: start + 1, endColumn: end + 1 };
}

// py_compile (an older form of the check, still what some callers run) reports indentation errors on one line: `Sorry: IndentationError: unexpected indent (main.py, line 3)`.
const SORRY = /^Sorry: (\w+): (.*) \((.+?), line (\d+)\)$/m;

export function parsePython(ctx: DiagnosticContext): Diagnostic[] {
  const sorry = SORRY.exec(ctx.stderr);
  if (sorry && isSourcePath(ctx, sorry[3])) {
    return collect([toDiagnostic(ctx, 'python', { line: Number(sorry[4]), severity: 'error', message: `${sorry[1]}: ${sorry[2]}` })]);
  }
  const lines = ctx.stderr.split('\n');
  // The exception is the last line that is not indented.
  let last = lines.length - 1;
  while (last >= 0 && (lines[last].trim() === '' || /^\s/.test(lines[last]))) last--;
  const exception = last >= 0 ? EXCEPTION.exec(lines[last]) : null;
  if (!exception) return [];
  const message = exception[2] ? `${exception[1]}: ${exception[2]}` : exception[1];

  // The innermost frame in the user's file is the last one printed.
  let frame: { line: number; index: number } | undefined;
  for (let i = 0; i < last; i++) {
    const f = FRAME.exec(lines[i]);
    if (f && isSourcePath(ctx, f[1])) frame = { line: Number(f[2]), index: i };
  }
  if (!frame) return [];
  const isSyntax = /^(SyntaxError|IndentationError|TabError)$/.test(exception[1]);
  const marked = markedColumns(lines[frame.index + 2]);
  const indent = indentationOf(ctx, frame.line);
  // Columns are on the stripped line: they are only true once the line's indentation is known.
  const range = marked && indent !== undefined ? { column: marked.column + indent, endColumn: marked.endColumn + indent } : undefined;
  return collect([
    toDiagnostic(ctx, 'python', {
      line: frame.line,
      column: range?.column,
      // A syntax error's caret is a point, a traceback's markers are a range.
      endLine: range && !isSyntax ? frame.line : undefined,
      endColumn: range && !isSyntax ? range.endColumn : undefined,
      severity: 'error',
      message,
    }),
  ]);
}
