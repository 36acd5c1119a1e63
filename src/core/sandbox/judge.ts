// Pure judging: test-case parsing, output comparison, per-case and overall verdicts, MPLSandbox's reward.
// No Docker here, so every rule below is unit-tested without a container.
import { MplSandboxError } from '../errors';
import { z } from 'zod';
import type { ProcessResult, TestCase, Verdict } from './types';

export const DEFAULT_FLOAT_TOLERANCE = 1e-6;

// ---------------------------------------------------------------------------------------------
// Test cases

export class CasesFormatError extends MplSandboxError {
  constructor(readonly issues: string[]) {
    super('cases-format', `invalid test cases: ${issues.join('; ')}`);
  }
}

// Inputs and outputs are program text; numbers are accepted because hand-written JSON often has `"outputs": [3, 7]`.
const text = z.union([z.string(), z.number().refine(Number.isFinite, 'must be a finite number')]).transform(String);

/** MPLSandbox's `unit_cases`: parallel lists of stdin inputs and expected stdout outputs. */
const unitCasesShape = z
  .object({ inputs: z.array(text), outputs: z.array(text) })
  .refine((u) => u.inputs.length === u.outputs.length, {
    message: 'inputs and outputs must have the same length',
  });

/** A list of cases; `output` is accepted as a synonym of `expected` (both names occur in the wild). */
const caseListShape = z.array(
  z
    .object({ input: text.optional(), expected: text.optional(), output: text.optional() })
    .refine((c) => !(c.expected !== undefined && c.output !== undefined), { message: 'give either expected or output, not both' }),
);

function describeIssues(error: z.ZodError, root: string): string[] {
  return error.issues.map((i) => {
    const path = i.path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), root);
    return `${path}: ${i.message}`;
  });
}

/**
 * Test cases from JSON (a parsed value, or a string that is parsed first), in either MPLSandbox's
 * `{inputs: [...], outputs: [...]}` shape or as `[{input, expected}]`. Throws CasesFormatError naming
 * every offending path.
 */
export function parseCases(json: unknown): TestCase[] {
  let value = json;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (err) {
      throw new CasesFormatError([`not valid JSON (${(err as Error).message})`]);
    }
  }
  if (Array.isArray(value)) {
    const r = caseListShape.safeParse(value);
    if (!r.success) throw new CasesFormatError(describeIssues(r.error, 'cases'));
    return r.data.map((c) => ({ input: c.input ?? '', expected: c.expected ?? c.output }));
  }
  if (value !== null && typeof value === 'object') {
    const r = unitCasesShape.safeParse(value);
    if (!r.success) throw new CasesFormatError(describeIssues(r.error, 'unit_cases'));
    return r.data.inputs.map((input, i) => ({ input, expected: r.data.outputs[i] }));
  }
  throw new CasesFormatError([
    `expected {"inputs": [...], "outputs": [...]} or [{"input": ..., "expected": ...}], got ${value === null ? 'null' : typeof value}`,
  ]);
}

// ---------------------------------------------------------------------------------------------
// Output comparison

/** Lines of tokens: line endings unified, blanks around and between tokens dropped, trailing blank lines dropped. */
export function tokenizeOutput(output: string): string[][] {
  const lines = output
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.split(/[ \t\f\v]+/).filter((t) => t !== ''));
  while (lines.length > 0 && lines[lines.length - 1].length === 0) lines.pop();
  // Leading blank lines are dropped too: MPLSandbox strips both ends of both texts before comparing.
  while (lines.length > 0 && lines[0].length === 0) lines.shift();
  return lines;
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Two tokens match when they are equal, when both are integers of equal value (`007` = `7`, compared
 * exactly, so large integers are never "close enough"), or when both are numbers and at least one is
 * not an integer and |a − b| ≤ tolerance · max(1, |a|, |b|) — relative for large values, absolute
 * below 1 so that `0` vs `1e-9` passes.
 */
export function tokensMatch(expected: string, actual: string, tolerance: number = DEFAULT_FLOAT_TOLERANCE): boolean {
  if (expected === actual) return true;
  if (INTEGER.test(expected) && INTEGER.test(actual)) return BigInt(expected) === BigInt(actual);
  if (!DECIMAL.test(expected) || !DECIMAL.test(actual)) return false;
  const a = Number(expected);
  const b = Number(actual);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Whitespace- and float-tolerant comparison of a program's output with the expected output. Line structure counts. */
export function outputsMatch(expected: string, actual: string, tolerance: number = DEFAULT_FLOAT_TOLERANCE): boolean {
  const e = tokenizeOutput(expected);
  const a = tokenizeOutput(actual);
  if (e.length !== a.length) return false;
  return e.every((line, i) => line.length === a[i].length && line.every((t, j) => tokensMatch(t, a[i][j], tolerance)));
}

// ---------------------------------------------------------------------------------------------
// Verdicts

/**
 * The verdict of one run of the program. Resource verdicts come first because they say why the
 * process died: a memory kill also ends with SIGKILL and a non-zero exit, and a program that floods
 * its output usually ends by timing out, so the cause is reported rather than the symptom.
 * Order: MLE > OLE > TLE > RuntimeError (non-zero exit or signal) > WrongAnswer > Accepted.
 * Without an expected output, a clean exit is Accepted.
 */
export function judgeRun(run: ProcessResult, expected: string | undefined, tolerance: number = DEFAULT_FLOAT_TOLERANCE): Verdict {
  if (run.oomKilled) return 'MemoryLimitExceeded';
  if (run.truncated) return 'OutputLimitExceeded';
  if (run.timedOut) return 'TimeLimitExceeded';
  if (run.exitCode !== 0 || run.signal) return 'RuntimeError';
  if (expected !== undefined && !outputsMatch(expected, run.stdout, tolerance)) return 'WrongAnswer';
  return 'Accepted';
}

/** Severity classes of case verdicts; TLE/MLE/OLE/RuntimeError share one class (the program failed to run to completion). */
function severity(v: Verdict): number {
  switch (v) {
    case 'CompileError':
      return 5;
    case 'SandboxError':
      return 4;
    case 'TimeLimitExceeded':
    case 'MemoryLimitExceeded':
    case 'OutputLimitExceeded':
    case 'RuntimeError':
      return 3;
    case 'WrongAnswer':
      return 2;
    case 'Accepted':
      return 1;
  }
}

/**
 * Index of the case that decides the overall verdict: the first case of the most severe class
 * (CompileError > SandboxError > TLE/MLE/OLE/RuntimeError > WrongAnswer > Accepted). Within a class
 * the first failing case wins, so `[WA, TLE, RE]` is decided by the TLE case. All accepted → the last
 * case. -1 for no cases.
 */
export function decidingCaseIndex(statuses: readonly Verdict[]): number {
  if (statuses.length === 0) return -1;
  let best = statuses.length - 1;
  let bestSeverity = 1;
  statuses.forEach((s, i) => {
    if (severity(s) > bestSeverity) {
      best = i;
      bestSeverity = severity(s);
    }
  });
  return best;
}

export function overallVerdict(statuses: readonly Verdict[]): Verdict {
  const i = decidingCaseIndex(statuses);
  return i < 0 ? 'Accepted' : statuses[i];
}

/** Share of accepted cases (0…1); 0 when there are none. */
export function correctRate(statuses: readonly Verdict[]): number {
  return statuses.length === 0 ? 0 : statuses.filter((s) => s === 'Accepted').length / statuses.length;
}

/**
 * MPLSandbox's reward: +1 all cases pass, −0.3 a case gives a wrong answer, −0.6 a runtime error,
 * −1 a compile error.
 *
 * MPLSandbox (mplsandbox/tool.py, `get_reward` in utils.py) computes it inside the case loop and keeps
 * the value of the LAST case, classifying that case's output text by substrings ("SyntaxError" → −1,
 * "Error" → −0.6, else −0.3). That depends on case order and on what the program prints; here it
 * depends on the verdicts of all cases: the most severe failure decides, so one crashing case among
 * passing ones gives −0.6 wherever it is. TLE, MLE and OLE count as runtime errors (MPLSandbox has no
 * limits; the program did not run to completion). Python's SyntaxError is a CompileError here because
 * the compile phase (Python's `compile()` check) catches it, as MPLSandbox's "SyntaxError" rule intends.
 * A SandboxError is not the program's fault and gets 0 — a neutral value that neither rewards nor
 * punishes a policy for an infrastructure failure.
 */
export function mplReward(status: Verdict): number {
  switch (status) {
    case 'Accepted':
      return 1;
    case 'WrongAnswer':
      return -0.3;
    case 'RuntimeError':
    case 'TimeLimitExceeded':
    case 'MemoryLimitExceeded':
    case 'OutputLimitExceeded':
      return -0.6;
    case 'CompileError':
      return -1;
    case 'SandboxError':
      return 0;
  }
}
