// Node.js errors: `node --check` syntax errors and uncaught exceptions at run time. Node prints
// `/sandbox/main.js:3`, the source line, a caret line, a blank line, the error (`TypeError: …`) and the
// stack (`at f (/sandbox/main.js:2:16)`). TypeScript programs run with source maps, so the same shape
// names main.ts lines.
import type { Diagnostic } from './types';
import type { DiagnosticContext } from '../languages/types';
import { caretColumn, collect, isSourcePath, toDiagnostic } from './source-file';

const FRAME = /^\s+at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

interface Location {
  line: number;
  column?: number;
}

/**
 * The `file:LINE` header with the caret under the offending token. It may name Node's own code
 * (`node:assert:125`): then it only marks where the message starts, and `at` is undefined.
 */
function headerLocation(ctx: DiagnosticContext, lines: string[]): { at?: Location; next: number } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const m = /^(.+):(\d+)$/.exec(lines[i]);
    if (!m) continue;
    const column = lines[i + 2] !== undefined ? caretColumn(lines[i + 2]) : undefined;
    const at = isSourcePath(ctx, m[1]) ? { line: Number(m[2]), column } : undefined;
    if (!at && column === undefined) continue;
    return { at, next: column === undefined ? i + 1 : i + 3 };
  }
  return undefined;
}

export function parseNode(ctx: DiagnosticContext, source: string): Diagnostic[] {
  const lines = ctx.stderr.split('\n');
  const header = headerLocation(ctx, lines);
  let start = header?.next ?? 0;
  while (start < lines.length && lines[start].trim() === '') start++;
  const messageLines: string[] = [];
  let frame: Location | undefined;
  for (let i = start; i < lines.length; i++) {
    const f = FRAME.exec(lines[i]);
    if (f) {
      if (isSourcePath(ctx, f[1])) {
        frame = { line: Number(f[2]), column: Number(f[3]) };
        break;
      }
      continue;
    }
    if (/^Node\.js v/.test(lines[i])) break;
    if (!messageLines.length && lines[i].trim() === '') continue;
    if (i > start && /^\s+at /.test(lines[i - 1] ?? '')) break;
    messageLines.push(lines[i]);
  }
  const at = frame ?? header?.at;
  if (!at) return [];
  // A syntax error's stack is Node's own: the header's caret is the position that matters.
  const isSyntax = /^SyntaxError\b/.test(messageLines[0] ?? '');
  const where = isSyntax && header?.at ? header.at : at;
  const message = messageLines.join('\n').replace(/\n+$/, '').replace(/\n\(Use `node --trace-uncaught[^\n]*$/, '');
  if (!message) return [];
  return collect([toDiagnostic(ctx, source, { line: where.line, column: where.column, severity: 'error', message })]);
}
