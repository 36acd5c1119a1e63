// PHP_CodeSniffer `--report=json`.
import type { Diagnostic } from '../../diagnostics/types';
import { diagnostic, isSourceFile, parseJson, ToolOutputError, type ParseContext } from './common';

interface PhpcsMessage {
  message: string;
  source: string;
  type: string;
  line: number;
  column: number;
}

export function parsePhpcs(stdout: string, ctx: ParseContext): Diagnostic[] {
  const data = parseJson(stdout, 'phpcs') as { files?: Record<string, { messages: PhpcsMessage[] }> };
  if (!data.files) throw new ToolOutputError('phpcs: no files in its JSON');
  return Object.entries(data.files)
    .filter(([path]) => isSourceFile(path, ctx))
    .flatMap(([, f]) => f.messages)
    .map((m) => diagnostic(ctx, { line: m.line, column: m.column, severity: m.type === 'ERROR' ? 'warning' : 'info', message: m.message, code: m.source, source: 'phpcs' }));
}
