// RuboCop `--format json`.
import type { Diagnostic } from '../../diagnostics/types';
import { diagnostic, isSourceFile, parseJson, severityOf, ToolOutputError, type ParseContext } from './common';

interface RubocopOffense {
  severity: string;
  message: string;
  cop_name: string;
  location: { start_line: number; start_column: number; last_line: number; last_column: number };
}

/** Cop departments that find likely bugs; the others (Style, Layout, Metrics, Naming) are smells. */
export const RUBOCOP_BUG_DEPARTMENTS = ['Lint/', 'Security/'];

export function parseRubocop(stdout: string, ctx: ParseContext): Diagnostic[] {
  const data = parseJson(stdout, 'rubocop') as { files?: { path: string; offenses: RubocopOffense[] }[] };
  if (!Array.isArray(data.files)) throw new ToolOutputError('rubocop: no files in its JSON');
  return data.files
    .filter((f) => isSourceFile(f.path, ctx))
    .flatMap((f) => f.offenses)
    .map((o) =>
      diagnostic(ctx, {
        line: o.location.start_line,
        column: o.location.start_column,
        endLine: o.location.last_line,
        endColumn: o.location.last_column + 1,
        severity: severityOf({ fatal: 'error', error: 'error', warning: 'warning', convention: 'info', refactor: 'info', info: 'info' }, o.severity),
        message: o.message,
        code: o.cop_name,
        source: 'rubocop',
      }),
    );
}
