// pylint `--output-format=json` and bandit `-f json`.
import type { Diagnostic } from '../../diagnostics/types';
import { diagnostic, isSourceFile, parseJson, severityOf, ToolOutputError, type ParseContext } from './common';

interface PylintMessage {
  type: string;
  line: number;
  column: number;
  endLine?: number | null;
  endColumn?: number | null;
  path: string;
  symbol: string;
  message: string;
  'message-id': string;
}

/** pylint's message types; `error` and `fatal` are likely bugs, the rest smells. */
export const PYLINT_BUG_TYPES = new Set(['error', 'fatal']);

export function parsePylint(stdout: string, ctx: ParseContext): Diagnostic[] {
  const data = parseJson(stdout || '[]', 'pylint');
  if (!Array.isArray(data)) throw new ToolOutputError('pylint: expected a JSON array');
  return (data as PylintMessage[])
    .filter((m) => isSourceFile(m.path, ctx))
    .map((m) =>
      diagnostic(ctx, {
        line: m.line,
        column: m.column + 1,
        ...(m.endLine ? { endLine: m.endLine, endColumn: (m.endColumn ?? 0) + 1 } : {}),
        severity: severityOf({ fatal: 'error', error: 'error', warning: 'warning', refactor: 'info', convention: 'info', info: 'info' }, m.type),
        message: `${m.message} (${m.symbol})`,
        code: m['message-id'],
        source: 'pylint',
      }),
    );
}

interface BanditResult {
  filename: string;
  line_number: number;
  col_offset?: number;
  issue_severity: string;
  issue_confidence: string;
  issue_text: string;
  test_id: string;
  test_name: string;
}

export function parseBandit(stdout: string, ctx: ParseContext): Diagnostic[] {
  const data = parseJson(stdout, 'bandit') as { results?: BanditResult[]; errors?: { filename: string; reason: string }[] };
  if (!Array.isArray(data.results)) throw new ToolOutputError('bandit: no results in its JSON');
  return data.results
    .filter((r) => isSourceFile(r.filename, ctx))
    .map((r) =>
      diagnostic(ctx, {
        line: r.line_number,
        column: (r.col_offset ?? 0) + 1,
        severity: severityOf({ high: 'error', medium: 'warning', low: 'info' }, r.issue_severity),
        message: `${r.issue_text} (${r.test_name}, confidence ${r.issue_confidence.toLowerCase()})`,
        code: r.test_id,
        source: 'bandit',
      }),
    );
}
