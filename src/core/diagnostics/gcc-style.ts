import type { Diagnostic, Severity } from './types';
import type { DiagnosticContext } from '../languages/types';

const SEVERITIES: Record<string, Severity> = {
  error: 'error',
  'fatal error': 'error',
  warning: 'warning',
  note: 'info',
};

/**
 * `file:line:col: severity: message` (gcc, g++, clang, go vet, luac-like tools). Lines that name other
 * files (headers, the standard library) are dropped: the user can only act on their own file.
 */
export function parseGccStyle(ctx: DiagnosticContext, source: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const text = `${ctx.stderr}\n${ctx.stdout}`;
  const re = /^(?:\.\/)?([^\s:][^:\n]*):(\d+):(?:(\d+):)?\s*(fatal error|error|warning|note):\s*(.*)$/gm;
  for (const m of text.matchAll(re)) {
    const [, file, line, column, kind, message] = m;
    if (file !== ctx.sourceFile) continue;
    const codeMatch = /\[(-W[\w-]+|[\w-]+=?[\w-]*)\]$/.exec(message);
    const lineNo = Number(line) - ctx.lineOffset;
    if (lineNo < 1) continue;
    out.push({
      file: ctx.userFile,
      line: lineNo,
      column: column ? Number(column) : 1,
      severity: SEVERITIES[kind] ?? 'error',
      message: codeMatch ? message.slice(0, codeMatch.index).trim() : message.trim(),
      code: codeMatch?.[1],
      source,
    });
  }
  return out;
}
