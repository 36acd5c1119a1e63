// javac (`Main.java:3: error: ';' expected`, then the source line and a caret line giving the column)
// and the JVM's uncaught exceptions (`Exception in thread "main" …` with `at Main.main(Main.java:5)`).
import type { Diagnostic, Severity } from './types';
import type { DiagnosticContext } from '../languages/types';
import { caretColumn, collect, toDiagnostic } from './source-file';

const HEADER = /^(.+?\.java):(\d+): (error|warning): (.*)$/;

function parseCompile(ctx: DiagnosticContext): Diagnostic[] {
  const lines = ctx.stderr.split('\n');
  const found: (Diagnostic | undefined)[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = HEADER.exec(lines[i]);
    if (!m || m[1] !== ctx.sourceFile) continue;
    // javac prints: header, (more message lines), source line, caret line. The caret line ends the entry.
    let column: number | undefined;
    const extra: string[] = [];
    for (let j = i + 1; j < lines.length && !HEADER.test(lines[j]); j++) {
      const col = caretColumn(lines[j]);
      if (col !== undefined) {
        column = col;
        // Lines after the caret (`symbol: …`, `location: …`) explain the error further.
        for (let k = j + 1; k < lines.length && /^\s{2,}\S/.test(lines[k]) && !HEADER.test(lines[k]); k++) extra.push(lines[k].trim());
        break;
      }
      if (j > i + 1) extra.push(lines[j - 1].trim());
    }
    const message = [m[4], ...extra.filter((e) => /^(symbol|location|required|found|reason)\b/.test(e))].join('\n');
    found.push(toDiagnostic(ctx, 'javac', { line: Number(m[2]), column, severity: m[3] as Severity, message }));
  }
  return collect(found);
}

/** The JVM's uncaught exception, placed at the first stack frame in the user's file (Java, Scala, Kotlin, Groovy, Clojure). */
export function parseJvmException(ctx: DiagnosticContext, source = 'java'): Diagnostic[] {
  const m = /^Exception in thread "[^"]*" (.*)$/m.exec(ctx.stderr);
  if (!m) return [];
  const rest = ctx.stderr.slice(m.index);
  const escaped = ctx.sourceFile.replace(/[.$]/g, '\\$&');
  const frame = new RegExp(`^\\s+at .*\\(${escaped}:(\\d+)\\)$`, 'm').exec(rest);
  if (!frame) return [];
  return collect([toDiagnostic(ctx, source, { line: Number(frame[1]), severity: 'error', message: m[1] })]);
}

export function parseJavac(ctx: DiagnosticContext): Diagnostic[] {
  return ctx.phase === 'compile' ? parseCompile(ctx) : parseJvmException(ctx);
}
