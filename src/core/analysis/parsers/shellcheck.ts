// ShellCheck `-f json`.
import type { Diagnostic } from '../../diagnostics/types';
import { diagnostic, isSourceFile, parseJson, severityOf, ToolOutputError, type ParseContext } from './common';

interface ShellcheckComment {
  file: string;
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

export function parseShellcheck(stdout: string, ctx: ParseContext): Diagnostic[] {
  const data = parseJson(stdout || '[]', 'shellcheck');
  if (!Array.isArray(data)) throw new ToolOutputError('shellcheck: expected a JSON array');
  return (data as ShellcheckComment[])
    .filter((c) => isSourceFile(c.file, ctx))
    .map((c) =>
      diagnostic(ctx, {
        line: c.line,
        column: c.column,
        endLine: c.endLine,
        endColumn: c.endColumn,
        severity: severityOf({ error: 'error', warning: 'warning', info: 'info', style: 'hint' }, c.level),
        message: c.message,
        code: `SC${c.code}`,
        source: 'shellcheck',
      }),
    );
}
