// Compiler warnings used as lints: rustc/clippy `--error-format=json` (one JSON object per line), mcs
// (`file(line,col): warning CSnnnn: message`) and tsc `--pretty false` (`file(line,col): error TSnnnn: message`).
import type { Diagnostic } from '../../diagnostics/types';
import { diagnostic, isSourceFile, ToolOutputError, type ParseContext } from './common';

interface RustcMessage {
  $message_type?: string;
  message: string;
  level: string;
  code: { code: string } | null;
  spans: { file_name: string; line_start: number; column_start: number; line_end: number; column_end: number; is_primary: boolean }[];
}

/** rustc and clippy lints that point at likely bugs (clippy's correctness group and rustc's deny-by-default lints). */
export const RUST_BUG_LINTS = new Set([
  'unconditional_panic',
  'arithmetic_overflow',
  'unconditional_recursion',
  'unreachable_code',
  'unused_must_use',
  'overflowing_literals',
  'clippy::absurd_extreme_comparisons',
  'clippy::eq_op',
  'clippy::erasing_op',
  'clippy::out_of_bounds_indexing',
  'clippy::never_loop',
  'clippy::while_immutable_condition',
  'clippy::self_assignment',
  'clippy::ifs_same_cond',
  'clippy::unit_cmp',
  'clippy::modulo_one',
  'clippy::panicking_unwrap',
  'clippy::almost_swapped',
]);

export function parseRustcJson(stderr: string, ctx: ParseContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    let msg: RustcMessage;
    try {
      msg = JSON.parse(line) as RustcMessage;
    } catch {
      throw new ToolOutputError(`rustc printed a line that is not JSON: ${line.slice(0, 200)}`);
    }
    if (msg.$message_type && msg.$message_type !== 'diagnostic') continue;
    const span = msg.spans.find((s) => s.is_primary) ?? msg.spans[0];
    if (!span || !isSourceFile(span.file_name, ctx)) continue;
    out.push(
      diagnostic(ctx, {
        line: span.line_start,
        column: span.column_start,
        endLine: span.line_end,
        endColumn: span.column_end,
        severity: msg.level === 'error' ? 'error' : msg.level === 'warning' ? 'warning' : 'info',
        message: msg.message,
        code: msg.code?.code,
        source: msg.code?.code.startsWith('clippy::') ? 'clippy' : 'rustc',
      }),
    );
  }
  return out;
}

/** `main.cs(6,5): warning CS1717: …` (mcs) and `main.ts(3,7): error TS6133: …` (tsc). */
export function parseParenthesized(output: string, ctx: ParseContext, source: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of output.matchAll(/^(.*?)\((\d+),(\d+)\): (error|warning) ((?:CS|TS)\d+): (.*)$/gm)) {
    if (!isSourceFile(m[1], ctx)) continue;
    out.push(diagnostic(ctx, { line: Number(m[2]), column: Number(m[3]), severity: m[4] === 'error' ? 'error' : 'warning', message: m[6].trim(), code: m[5], source }));
  }
  return out;
}

/** mcs warnings that point at likely bugs; the rest (unused variables, obsolete members) are smells. */
export const MCS_BUG_WARNINGS = new Set(['CS1717', 'CS0162', 'CS0665', 'CS0252', 'CS0253', 'CS0649', 'CS1718', 'CS0642', 'CS0659', 'CS0660', 'CS0661', 'CS0108', 'CS0114']);

/** tsc codes of the strict-hygiene flags (unused code, implicit returns): smells; every other code is a type error, a bug. */
export const TSC_SMELL_CODES = new Set(['TS6133', 'TS6138', 'TS6192', 'TS6196', 'TS6198', 'TS6199', 'TS6205', 'TS7028', 'TS7030']);
/** "Cannot find name 'require'/'process'": the image has no @types/node, which is no fault of the user's code. */
export const TSC_ENVIRONMENT_CODES = new Set(['TS2580', 'TS2591', 'TS2688']);
