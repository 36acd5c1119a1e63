// Diagnostics from toolchains whose messages are one line that names the file and line, as regular expressions
// with named groups: `file`, `line`, optional `column`, `severity` (the tool's word) and `message`. Used by the
// languages whose compilers and runtimes print such lines (gfortran, fpc, nim, scalac, kotlinc, ghc, …).
import type { Diagnostic, Severity } from './types';
import type { DiagnosticContext } from '../languages/types';
import { collect, isSourcePath, toDiagnostic } from './source-file';

export interface LinePattern {
  re: RegExp;
  /** Severity when the pattern has no `severity` group, or the group's word is not a known one. */
  severity?: Severity;
  /** Lines after the match that belong to its message (indented continuation), joined to it. */
  continuation?: RegExp;
  /** Where the tool names no file (`Error in …`), the pattern is trusted to be about the program. */
  anyFile?: boolean;
}

const WORDS: Record<string, Severity> = {
  error: 'error',
  'fatal error': 'error',
  fatal: 'error',
  'syntax error': 'error',
  exception: 'error',
  warning: 'warning',
  'style-warning': 'warning',
  note: 'info',
  hint: 'hint',
  info: 'info',
};

function severityOf(word: string | undefined, fallback: Severity): Severity {
  if (!word) return fallback;
  return WORDS[word.toLowerCase()] ?? fallback;
}

/** Every match of every pattern in stderr then stdout, on the user's file, in output order, without repeats. */
export function parseLinePatterns(ctx: DiagnosticContext, source: string, patterns: readonly LinePattern[]): Diagnostic[] {
  const text = `${ctx.stderr}\n${ctx.stdout}`;
  const lines = text.split('\n');
  const found: { at: number; d: Diagnostic | undefined }[] = [];
  for (const p of patterns) {
    const re = new RegExp(p.re.source, p.re.flags.includes('m') ? p.re.flags : `${p.re.flags}m`);
    for (let i = 0; i < lines.length; i++) {
      const m = re.exec(lines[i]);
      re.lastIndex = 0;
      if (!m?.groups) continue;
      const g = m.groups;
      if (!p.anyFile && (g.file === undefined || !isSourcePath(ctx, g.file))) continue;
      let message = (g.message ?? '').trim();
      if (p.continuation) {
        for (let j = i + 1; j < lines.length && p.continuation.test(lines[j]); j++) message += `\n${lines[j].trim()}`;
      }
      found.push({
        at: i,
        d: toDiagnostic(ctx, source, {
          line: Number(g.line),
          column: g.column ? Number(g.column) : undefined,
          severity: severityOf(g.severity, p.severity ?? 'error'),
          message: message || lines[i].trim(),
          code: g.code,
        }),
      });
    }
  }
  return collect(found.sort((a, b) => a.at - b.at).map((f) => f.d));
}

/**
 * A runtime error whose message and position are on different lines: the message is the first match of `head`
 * (its `message` group, else the whole line), the position the first match of `frame` on the user's file
 * (`file`, `line`, optional `column` groups; `zeroBasedColumns` for runtimes that count from 0).
 */
export function parseHeadAndFrame(
  ctx: DiagnosticContext,
  source: string,
  head: RegExp,
  frame: RegExp,
  opts: { zeroBasedColumns?: boolean } = {},
): Diagnostic[] {
  const text = `${ctx.stderr}\n${ctx.stdout}`;
  const h = new RegExp(head.source, head.flags.replace('g', '').includes('m') ? head.flags.replace('g', '') : `${head.flags.replace('g', '')}m`).exec(text);
  if (!h) return [];
  const frames = new RegExp(frame.source, frame.flags.includes('g') ? frame.flags : `${frame.flags}g${frame.flags.includes('m') ? '' : 'm'}`);
  for (const f of text.slice(h.index).matchAll(frames)) {
    const g = f.groups;
    if (!g || (g.file !== undefined && !isSourcePath(ctx, g.file))) continue;
    const column = g.column ? Number(g.column) + (opts.zeroBasedColumns ? 1 : 0) : undefined;
    return collect([toDiagnostic(ctx, source, { line: Number(g.line), column, severity: 'error', message: (h.groups?.message ?? h[0]).trim() })]);
  }
  return [];
}
