// PHP CLI messages on stderr: `PHP Parse error:  … in main.php on line 3` (php -l and run time),
// `PHP Warning:  … on line N`, and uncaught exceptions (`PHP Fatal error:  Uncaught Exception: msg in
// /sandbox/main.php:3`, followed by a stack trace).
import type { Diagnostic, Severity } from './types';
import type { DiagnosticContext } from '../languages/types';
import { collect, isSourcePath, toDiagnostic } from './source-file';

const MESSAGE = /^(?:PHP )?(Parse error|Fatal error|Warning|Notice|Deprecated|Recoverable fatal error|Strict Standards): {1,2}(.*?) in (.+?)(?: on line |:)(\d+)$/gm;

const SEVERITY: Record<string, Severity> = {
  'Parse error': 'error',
  'Fatal error': 'error',
  'Recoverable fatal error': 'error',
  Warning: 'warning',
  Notice: 'info',
  Deprecated: 'info',
  'Strict Standards': 'info',
};

export function parsePhp(ctx: DiagnosticContext): Diagnostic[] {
  const text = `${ctx.stderr}\n${ctx.stdout}`;
  const found = [...text.matchAll(MESSAGE)]
    .filter((m) => isSourcePath(ctx, m[3]))
    .map((m) => toDiagnostic(ctx, 'php', { line: Number(m[4]), severity: SEVERITY[m[1]], message: `${m[1]}: ${m[2]}` }));
  return collect(found);
}
