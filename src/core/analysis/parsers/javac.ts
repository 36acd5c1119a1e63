// `javac -Xlint:all`: `File.java:LINE: warning: [category] message`, then the source line and a caret line that
// gives the column. The category in brackets is the lint's name (`rawtypes`, `divzero`, `fallthrough`, …).
import type { Diagnostic } from '../../diagnostics/types';
import { diagnostic, isSourceFile, type ParseContext } from './common';

/** -Xlint categories that point at likely bugs; the others (rawtypes, unchecked, serial, deprecation, …) are smells. */
export const JAVAC_BUG_LINTS = new Set(['divzero', 'fallthrough', 'finally', 'empty', 'overflow', 'cast', 'static', 'try', 'overrides', 'dep-ann']);

export function parseJavacLint(stderr: string, ctx: ParseContext): Diagnostic[] {
  const lines = stderr.split('\n');
  const out: Diagnostic[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(.*\.java):(\d+): (warning|error): (?:\[([\w-]+)\] )?(.*)$/.exec(lines[i]);
    if (!m || !isSourceFile(m[1], ctx)) continue;
    const caret = lines[i + 2]?.match(/^(\s*)\^\s*$/);
    out.push(
      diagnostic(ctx, {
        line: Number(m[2]),
        column: caret ? caret[1].length + 1 : 1,
        severity: m[3] === 'error' ? 'error' : 'warning',
        message: m[5].trim(),
        code: m[4] ?? (m[3] === 'error' ? 'compile-error' : 'warning'),
        source: 'javac -Xlint',
      }),
    );
  }
  return out;
}
