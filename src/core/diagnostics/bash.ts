// Bash: `main.sh: line 3: …` for `bash -n` syntax errors and for run-time errors (command not found,
// arithmetic errors, bad substitutions). After a syntax error bash repeats the offending line as
// `main.sh: line 5: `done'`, which is part of the same finding.
import type { Diagnostic } from './types';
import type { DiagnosticContext } from '../languages/types';
import { collect, isSourcePath, toDiagnostic } from './source-file';

const MESSAGE = /^(.+?): line (\d+): (.*)$/gm;

export function parseBash(ctx: DiagnosticContext): Diagnostic[] {
  const found = [...ctx.stderr.matchAll(MESSAGE)]
    .filter((m) => isSourcePath(ctx, m[1]) && !/^`.*'$/.test(m[3]))
    .map((m) => toDiagnostic(ctx, 'bash', { line: Number(m[2]), severity: 'error', message: m[3] }));
  return collect(found);
}
