// Jest's JSON report (`jest --json --outputFile=…`): one entry per test file with its assertion results. A file
// that could not run (a syntax error Babel found, an import that threw) has no assertion results and a message.
// Where a failure points at the test file: its stack, mapped back to the source by babel-jest's source maps
// (`at Object.<anonymous> (/sandbox/main.test.js:12:17)`), else the test's own location.
import { z } from 'zod';
import { baseName, clip, countOutcomes, escapeRegExp, headOf, type ReportContext, ReportFormatError, stripAnsi, type TestOutcome, type TestReport, type TestStatus } from './types';

const assertionShape = z
  .object({
    title: z.string(),
    fullName: z.string().optional(),
    ancestorTitles: z.array(z.string()).default([]),
    status: z.string(),
    duration: z.number().nullable().optional(),
    failureMessages: z.array(z.string()).default([]),
    location: z.object({ line: z.number().int(), column: z.number().int() }).nullable().optional(),
  })
  .loose();

const reportShape = z
  .object({
    numTotalTests: z.number().int().nonnegative(),
    testResults: z.array(
      z
        .object({
          name: z.string().default(''),
          status: z.string().default(''),
          message: z.string().default(''),
          assertionResults: z.array(assertionShape).default([]),
        })
        .loose(),
    ),
  })
  .loose();

/** Jest's statuses; `pending`, `todo` and `disabled` tests did not run. */
function statusOf(s: string): TestStatus {
  if (s === 'passed') return 'passed';
  if (s === 'failed') return 'failed';
  return 'skipped';
}

function stackLine(text: string, ctx: ReportContext): number | undefined {
  const m = new RegExp(`${escapeRegExp(baseName(ctx.sourceFile))}:(\\d+):\\d+\\)?\\s*$`, 'm').exec(stripAnsi(text));
  return m ? Number(m[1]) : undefined;
}

export function parseJestJson(text: string, ctx: ReportContext): TestReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ReportFormatError('the Jest report is not JSON');
  }
  const parsed = reportShape.safeParse(json);
  if (!parsed.success) throw new ReportFormatError(`the Jest report is not in Jest's JSON format: ${parsed.error.issues[0]?.message ?? ''}`);
  const tests: TestOutcome[] = [];
  const loadErrors: string[] = [];
  for (const file of parsed.data.testResults) {
    if (file.assertionResults.length === 0 && file.status === 'failed') {
      const why = stripAnsi(file.message).replace(/^\s*● Test suite failed to run\s*\n/, '').replace(/^ {4}/gm, '').trim();
      loadErrors.push(clip(why || `${baseName(file.name)} failed to run`));
      continue;
    }
    for (const a of file.assertionResults) {
      const status = statusOf(a.status);
      const failure = a.failureMessages.join('\n');
      const line = status === 'failed' ? (stackLine(failure, ctx) ?? a.location?.line) : undefined;
      const message = status === 'failed' && failure ? headOf(failure) : undefined;
      tests.push({
        name: a.title,
        ...(a.ancestorTitles.length ? { suite: a.ancestorTitles.join(' › ') } : {}),
        status,
        ...(typeof a.duration === 'number' ? { durationMs: a.duration } : {}),
        ...(message ? { message } : {}),
        ...(line ? { line } : {}),
      });
    }
  }
  return countOutcomes(tests, loadErrors);
}
