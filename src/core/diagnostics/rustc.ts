// rustc with `--error-format=json`: one JSON object per line on stderr, with exact spans and error codes.
// At run time, panics (`thread 'main' panicked at 'msg', main.rs:5:20`, or the newer two-line form).
import type { Diagnostic, Severity } from './types';
import type { DiagnosticContext } from '../languages/types';
import { collect, isSourcePath, toDiagnostic } from './source-file';

interface RustcSpan {
  file_name: string;
  line_start: number;
  line_end: number;
  column_start: number;
  column_end: number;
  is_primary: boolean;
  label: string | null;
  expansion?: { span: RustcSpan } | null;
}

interface RustcMessage {
  message: string;
  code: { code: string } | null;
  level: string;
  spans: RustcSpan[];
  rendered: string | null;
}

const LEVELS: Record<string, Severity> = { error: 'error', 'error: internal compiler error': 'error', warning: 'warning', note: 'info', help: 'hint' };

/** The JSON messages on rustc's stderr; lines that are not JSON (a linker error, a crash) are skipped. */
function rustcMessages(stderr: string): RustcMessage[] {
  const out: RustcMessage[] = [];
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const msg = JSON.parse(line) as RustcMessage;
      if (typeof msg.message === 'string' && Array.isArray(msg.spans)) out.push(msg);
    } catch {
      // Not one of rustc's messages.
    }
  }
  return out;
}

/**
 * The text a person would have seen without `--error-format=json`: each message's `rendered` form, and
 * any other line as it was. This is what the compile output shows the user.
 */
export function renderRustcJson(stderr: string): string {
  const out: string[] = [];
  for (const line of stderr.split('\n')) {
    if (line.startsWith('{')) {
      try {
        const msg = JSON.parse(line) as Partial<RustcMessage>;
        if ('rendered' in msg) {
          if (msg.rendered) out.push(msg.rendered.replace(/\n$/, ''));
          continue;
        }
      } catch {
        // Not JSON: shown as it is.
      }
    }
    out.push(line);
  }
  return out.join('\n');
}

/** The primary span in the user's file; a span inside a macro is traced back to the macro's call site. */
function userSpan(ctx: DiagnosticContext, spans: RustcSpan[]): RustcSpan | undefined {
  for (const primary of spans.filter((s) => s.is_primary)) {
    for (let s: RustcSpan | undefined = primary; s; s = s.expansion?.span) {
      if (isSourcePath(ctx, s.file_name)) return s.file_name === primary.file_name ? primary : s;
    }
  }
  return undefined;
}

function parseCompile(ctx: DiagnosticContext): Diagnostic[] {
  const found = rustcMessages(ctx.stderr).map((msg) => {
    const severity = LEVELS[msg.level];
    const span = userSpan(ctx, msg.spans);
    if (!severity || !span) return undefined;
    const message = span.label ? `${msg.message}: ${span.label}` : msg.message;
    return toDiagnostic(ctx, 'rustc', {
      line: span.line_start,
      column: span.column_start,
      endLine: span.line_end,
      endColumn: span.column_end,
      severity,
      message,
      code: msg.code?.code,
    });
  });
  return collect(found);
}

// Rust before 1.73: thread 'main' panicked at 'msg', main.rs:5:20. Since 1.73: panicked at main.rs:5:20:\nmsg
const PANIC_OLD = /^thread '[^']*' panicked at '([\s\S]*?)', ([^\s:]+):(\d+):(\d+)$/m;
const PANIC_NEW = /^thread '[^']*' panicked at ([^\s:]+):(\d+):(\d+):\n([\s\S]*?)(?:\nnote: |\n*$)/m;

function parsePanic(ctx: DiagnosticContext): Diagnostic[] {
  const old = PANIC_OLD.exec(ctx.stderr);
  if (old && isSourcePath(ctx, old[2])) {
    return collect([toDiagnostic(ctx, 'rust', { line: Number(old[3]), column: Number(old[4]), severity: 'error', message: `panicked: ${old[1]}` })]);
  }
  const cur = PANIC_NEW.exec(ctx.stderr);
  if (cur && isSourcePath(ctx, cur[1])) {
    return collect([toDiagnostic(ctx, 'rust', { line: Number(cur[2]), column: Number(cur[3]), severity: 'error', message: `panicked: ${cur[4].trim()}` })]);
  }
  return [];
}

export function parseRustc(ctx: DiagnosticContext): Diagnostic[] {
  return ctx.phase === 'compile' ? parseCompile(ctx) : parsePanic(ctx);
}
