// What a test framework reports about one test file, in one shape for every framework (pytest, Jest, JUnit,
// go test): the counts, and each test with its outcome and, for a failure, the framework's message and the
// line of the test file it points at.

export type TestStatus = 'passed' | 'failed' | 'skipped' | 'errored';

export interface TestOutcome {
  /** The test's name as the framework gives it (`test_add`, `add()`, `TestAdd/zero`, `math › adds`). */
  name: string;
  /** Its class, module or describe blocks, when the framework names one (`test_main`, `CalcTest`). */
  suite?: string;
  status: TestStatus;
  durationMs?: number;
  /** Why it failed, errored or was skipped: the assertion's message (first lines), as the framework wrote it. */
  message?: string;
  /** The line of the test file the failure points at (1-based), when the framework's output gives one. */
  line?: number;
}

export interface TestReport {
  passed: number;
  failed: number;
  skipped: number;
  /** Tests that could not run to a verdict: pytest's setup and teardown errors, JUnit's unexpected exceptions. */
  errored: number;
  total: number;
  /** Each test, in the framework's order; at most MAX_TESTS (the counts are of all of them). */
  tests: TestOutcome[];
  /**
   * Why the test file (or a suite of it) could not be loaded at all: pytest's collection errors, Jest's "test
   * suite failed to run", a go test binary that died outside any test. Such a run has a verdict of its own.
   */
  loadErrors: string[];
}

/** What a report parser needs besides the report: the test file's name in the work dir, to find its lines. */
export interface ReportContext {
  sourceFile: string;
}

/** The counts of a list of outcomes; the list kept is cut at MAX_TESTS. */
export function countOutcomes(tests: TestOutcome[], loadErrors: string[] = []): TestReport {
  const count = (s: TestStatus) => tests.filter((t) => t.status === s).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), errored: count('errored'), total: tests.length, tests: tests.slice(0, MAX_TESTS), loadErrors };
}

/** Reports are untrusted program output: long texts are cut, so that one report cannot flood a response. */
export const MAX_MESSAGE_CHARS = 2000;
export const MAX_TESTS = 10_000;

export function clip(text: string, max = MAX_MESSAGE_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** ANSI colour codes, which some frameworks put into messages even without a terminal. */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

/** The first lines of a failure text up to its stack trace (at most `maxLines`), trimmed. */
export function headOf(text: string, maxLines = 8): string {
  const lines = stripAnsi(text).split('\n');
  const stack = lines.findIndex((l) => /^\s+at\s/.test(l));
  return clip(
    (stack >= 0 ? lines.slice(0, stack) : lines)
      .slice(0, maxLines)
      .join('\n')
      .trim(),
  );
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The base name of a work-dir path (`reports/x.py` → `x.py`). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The error a parser throws when a report is not what its framework writes. */
export class ReportFormatError extends Error {}
