// Shared by the per-tool parsers: recognising the user's file in a tool's output and mapping a line of
// the file in the container back to the line of the user's file.
import type { Diagnostic, Severity } from './types';
import type { DiagnosticContext } from '../languages/types';

/** The work dir inside every sandbox image (WORKDIR in the Dockerfiles). */
export const WORK_DIR = '/sandbox';

/**
 * True when a path printed by a tool names the source file in the work dir: `main.go`, `./main.go` or
 * `/sandbox/main.go`, but not a library file that happens to share the base name.
 */
export function isSourcePath(ctx: DiagnosticContext, path: string): boolean {
  const p = path.trim();
  return p === ctx.sourceFile || p === `./${ctx.sourceFile}` || p === `${WORK_DIR}/${ctx.sourceFile}`;
}

/** The line in the user's file, or undefined when the line belongs to code the engine added in front. */
export function userLine(ctx: DiagnosticContext, containerLine: number): number | undefined {
  const line = containerLine - ctx.lineOffset;
  return line >= 1 ? line : undefined;
}

export interface RawFinding {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity: Severity;
  message: string;
  code?: string;
}

/** Builds a diagnostic on the user's file from a finding on the container's file; undefined when it falls in added code. */
export function toDiagnostic(ctx: DiagnosticContext, source: string, f: RawFinding): Diagnostic | undefined {
  const line = userLine(ctx, f.line);
  if (line === undefined) return undefined;
  const d: Diagnostic = { file: ctx.userFile, line, column: f.column && f.column > 0 ? f.column : 1, severity: f.severity, message: f.message.trim(), source };
  if (f.endLine !== undefined) {
    const endLine = userLine(ctx, f.endLine);
    if (endLine !== undefined) {
      d.endLine = endLine;
      if (f.endColumn !== undefined) d.endColumn = f.endColumn;
    }
  }
  if (f.code) d.code = f.code;
  return d;
}

/** Keeps the defined diagnostics and drops exact repeats (tools often report one error twice). */
export function collect(items: (Diagnostic | undefined)[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of items) {
    if (!d) continue;
    const key = `${d.line}:${d.column}:${d.severity}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/**
 * The 1-based column a caret line points at: tools print the source line and under it a line with `^`
 * (or `~~^~~` ranges). `indent` is how many characters the tool put in front of the source line.
 */
export function caretColumn(caretLine: string, indent = 0): number | undefined {
  const i = caretLine.indexOf('^');
  if (i < 0 || caretLine.slice(0, i).trim().replace(/~/g, '') !== '') return undefined;
  return Math.max(1, i - indent + 1);
}

/** How many characters of leading white space the given (container) line of the source has, when the text is known. */
export function indentationOf(ctx: DiagnosticContext, containerLine: number): number | undefined {
  if (ctx.sourceText === undefined) return undefined;
  const line = ctx.sourceText.split('\n')[containerLine - 1];
  return line === undefined ? undefined : line.length - line.trimStart().length;
}
