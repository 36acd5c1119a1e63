// ESLint `-f json`.
import type { Diagnostic } from '../../diagnostics/types';
import { diagnostic, isSourceFile, parseJson, ToolOutputError, type ParseContext } from './common';

interface EslintFile {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string; line?: number; column?: number; endLine?: number; endColumn?: number; fatal?: boolean }[];
}

export function parseEslint(stdout: string, ctx: ParseContext): Diagnostic[] {
  const data = parseJson(stdout, 'eslint');
  if (!Array.isArray(data)) throw new ToolOutputError('eslint: expected a JSON array');
  return (data as EslintFile[])
    .filter((f) => isSourceFile(f.filePath, ctx))
    .flatMap((f) => f.messages)
    .map((m) =>
      diagnostic(ctx, {
        line: m.line ?? 1,
        column: m.column ?? 1,
        ...(m.endLine ? { endLine: m.endLine, endColumn: m.endColumn } : {}),
        severity: m.fatal || m.severity === 2 ? 'error' : 'warning',
        message: m.message,
        code: m.ruleId ?? (m.fatal ? 'parse-error' : undefined),
        source: 'eslint',
      }),
    );
}
