// The verdict of a test-mode run from the framework's report rather than from the exit code alone. A compile
// error, a time, memory or output limit keeps its verdict (the report, if any, is partial); otherwise:
//   the file could not load (collection error, suite failed to run) → RuntimeError
//   no test ran                                                     → RuntimeError
//   a test failed or errored                                        → WrongAnswer (a failing test is a failing case)
//   all passed, but the framework exited non-zero                   → RuntimeError
//   all passed                                                      → Accepted
// Failing tests with a line become diagnostics on the test file.
import type { Diagnostic } from '../diagnostics/types';
import { mplReward } from '../sandbox/judge';
import type { RunResult, Verdict } from '../sandbox/types';
import { ReportFormatError, type TestReport } from './types';

const KEEP: ReadonlySet<Verdict> = new Set<Verdict>(['CompileError', 'TimeLimitExceeded', 'MemoryLimitExceeded', 'OutputLimitExceeded', 'SandboxError']);

export interface TestRunContext {
  /** The framework's name, for messages (`pytest 7.2`). */
  framework: string;
  /** The test file as the user knows it (diagnostics are reported against it). */
  userFile: string;
  /** The mode's id, as the diagnostics' source. */
  mode: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `2 passed, 1 failed, 1 skipped` (zero counts left out). */
export function summarizeCounts(r: TestReport): string {
  const parts = [`${r.passed} passed`];
  if (r.failed) parts.push(`${r.failed} failed`);
  if (r.errored) parts.push(`${r.errored} errored`);
  if (r.skipped) parts.push(`${r.skipped} skipped`);
  return parts.join(', ');
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim())?.trim() ?? '';
}

/**
 * The run's verdict from its report. `report` is the parsed report, or the ReportFormatError that parsing
 * threw (also when the framework wrote none), or undefined when the run ended before a report could exist.
 */
export function judgeTestRun(result: RunResult, report: TestReport | ReportFormatError | undefined, ctx: TestRunContext): RunResult {
  const tests = report instanceof ReportFormatError ? undefined : report;
  if (KEEP.has(result.status) || !result.run) return tests ? { ...result, tests } : result;
  const run = result.run;
  const verdict = (status: Verdict, message: string, extra: Partial<RunResult> = {}): RunResult => ({
    ...result,
    status,
    message,
    reward: mplReward(status),
    correctRate: tests && tests.total - tests.skipped > 0 ? tests.passed / (tests.total - tests.skipped) : 0,
    ...(tests ? { tests } : {}),
    ...extra,
  });
  if (!tests) {
    const why = firstLine(run.stderr) || firstLine(run.stdout) || `exit code ${run.exitCode}`;
    return verdict('RuntimeError', `${ctx.framework} wrote no test report (${(report as ReportFormatError | undefined)?.message ?? 'none'}): ${why}`);
  }
  if (tests.loadErrors.length) return verdict('RuntimeError', `the test file failed to load: ${firstLine(tests.loadErrors[0])}`);
  if (tests.total === 0) return verdict('RuntimeError', `${ctx.framework} found no tests in the file`);
  const failing = tests.tests.filter((t) => t.status === 'failed' || t.status === 'errored');
  const failingCount = tests.failed + tests.errored;
  if (failingCount) {
    const first = failing[0] ?? { name: '(not listed)', line: undefined, message: undefined };
    const where = first.line ? ` (line ${first.line})` : '';
    const diagnostics: Diagnostic[] = failing
      .filter((t) => t.line)
      .map((t) => ({ file: ctx.userFile, line: t.line!, column: 1, severity: 'error', message: `${t.name} ${t.status}${t.message ? `: ${t.message}` : ''}`, source: ctx.mode }));
    return verdict('WrongAnswer', `${plural(failingCount, 'test')} of ${tests.total} failed (${summarizeCounts(tests)}): ${first.name}${where}${first.message ? `: ${firstLine(first.message)}` : ''}`, {
      // The language's parser read the framework's output as a program's: the report's lines replace what it found.
      diagnostics,
    });
  }
  if (result.status !== 'Accepted') return verdict('RuntimeError', `all tests passed (${summarizeCounts(tests)}), but ${ctx.framework} exited with ${run.signal ?? `code ${run.exitCode}`}`);
  return verdict('Accepted', `${plural(tests.total, 'test')}: ${summarizeCounts(tests)}`);
}
