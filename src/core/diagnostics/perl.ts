// Perl's messages end in `at main.pl line 3.` (optionally `, near "…"` or `, at EOF`), for `perl -c`
// compile errors, warnings and `die` alike.
import type { Diagnostic, Severity } from './types';
import type { DiagnosticContext } from '../languages/types';
import { collect, isSourcePath, toDiagnostic } from './source-file';

const MESSAGE = /^(.+?) at (\S+) line (\d+)(?:, (.*?))?\.?$/gm;

// Perl prints warnings and errors alike; these are the common warnings (perldiag's (W) and (S) classes).
const WARNING = /^(Use of uninitialized value|Useless use of|Name "[^"]*" used only once|Scalar value|Argument "[^"]*" isn't numeric|Odd number of elements|Possible |Found = in conditional|Deep recursion|"my" variable .* masks|Unquoted string|Statement unlikely to be reached|Reversed .* operator|Misplaced _|Useless use|Exiting subroutine|Wide character)/;

export function parsePerl(ctx: DiagnosticContext): Diagnostic[] {
  const found = [...ctx.stderr.matchAll(MESSAGE)]
    .filter((m) => isSourcePath(ctx, m[2]))
    .map((m) => {
      const severity: Severity = WARNING.test(m[1]) ? 'warning' : 'error';
      const message = m[4] ? `${m[1]}, ${m[4]}` : m[1];
      return toDiagnostic(ctx, 'perl', { line: Number(m[3]), severity, message });
    });
  return collect(found);
}
