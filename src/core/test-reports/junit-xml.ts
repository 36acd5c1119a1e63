// JUnit's XML report, as pytest writes it (`--junitxml`, xunit2) and as the JUnit 5 console launcher writes it
// (`--reports-dir`, TEST-junit-jupiter.xml): <testsuites>/<testsuite>/<testcase> with a <failure>, <error> or
// <skipped> child. Where a failure points at the test file: pytest ends its traceback with `test_main.py:7:
// AssertionError`, a Java stack trace has `at CalcTest.adds(Main.java:12)`.
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { baseName, clip, countOutcomes, escapeRegExp, headOf, type ReportContext, ReportFormatError, type TestOutcome, type TestReport } from './types';

const detail = z.union([z.string(), z.object({ message: z.string().optional(), '#text': z.string().optional() }).loose()]);
type Detail = z.infer<typeof detail>;
const details = z.array(detail).optional();

const testcaseShape = z
  .object({ name: z.string().default(''), classname: z.string().optional(), time: z.string().optional(), failure: details, error: details, skipped: details })
  .loose();

type Suite = { testcase?: z.infer<typeof testcaseShape>[]; testsuite?: Suite[] };
const suiteShape: z.ZodType<Suite> = z.lazy(() => z.object({ testcase: z.array(testcaseShape).optional(), testsuite: z.array(suiteShape).optional() }).loose());

const documentShape = z.object({ testsuites: z.union([z.string(), z.object({ testsuite: z.array(suiteShape).optional() }).loose()]).optional(), testsuite: z.array(suiteShape).optional() }).loose();

const ARRAYS = new Set(['testsuite', 'testcase', 'failure', 'error', 'skipped']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Numeric references (`&#10;` in pytest's messages) are decoded; no DTD, so no other entities.
  htmlEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

function textOf(d: Detail): { message: string; text: string } {
  return typeof d === 'string' ? { message: '', text: d } : { message: d.message ?? '', text: d['#text'] ?? '' };
}

/** The line of the test file a failure text points at: a Java stack frame's, else the last `file:LINE:` of a pytest traceback. */
export function failureLine(text: string, ctx: ReportContext): number | undefined {
  const file = escapeRegExp(baseName(ctx.sourceFile));
  const frame = new RegExp(`\\(${file}:(\\d+)\\)`).exec(text);
  if (frame) return Number(frame[1]);
  const traceback = [...text.matchAll(new RegExp(`^(?:.*/)?${file}:(\\d+):`, 'gm'))].at(-1);
  return traceback ? Number(traceback[1]) : undefined;
}

function outcome(tc: z.infer<typeof testcaseShape>, ctx: ReportContext): TestOutcome {
  const seconds = tc.time !== undefined ? Number(tc.time) : NaN;
  const base: TestOutcome = {
    name: tc.name,
    ...(tc.classname ? { suite: tc.classname } : {}),
    status: 'passed',
    ...(Number.isFinite(seconds) ? { durationMs: Math.round(seconds * 1000) } : {}),
  };
  const problem = tc.failure?.[0] ? { status: 'failed' as const, ...textOf(tc.failure[0]) } : tc.error?.[0] ? { status: 'errored' as const, ...textOf(tc.error[0]) } : undefined;
  if (problem) {
    const line = failureLine(problem.text, ctx);
    const message = problem.message.trim() ? clip(problem.message.trim()) : headOf(problem.text);
    return { ...base, status: problem.status, ...(message ? { message } : {}), ...(line ? { line } : {}) };
  }
  if (tc.skipped) {
    const why = textOf(tc.skipped[0]);
    const message = clip((why.message || why.text).trim());
    return { ...base, status: 'skipped', ...(message ? { message } : {}) };
  }
  return base;
}

/** pytest's collection error: an <error> on a "test" named after the module, with no class. */
function isCollectionError(tc: z.infer<typeof testcaseShape>): boolean {
  const error = tc.error?.[0];
  return !!error && !tc.classname && textOf(error).message === 'collection failure';
}

function* testcases(suites: Suite[] | undefined): Generator<z.infer<typeof testcaseShape>> {
  for (const s of suites ?? []) {
    yield* s.testcase ?? [];
    yield* testcases(s.testsuite);
  }
}

/** Parses one or more JUnit XML documents (JUnit writes one per engine) into one report. Throws ReportFormatError. */
export function parseJunitXml(documents: string[], ctx: ReportContext): TestReport {
  const tests: TestOutcome[] = [];
  const loadErrors: string[] = [];
  for (const xml of documents) {
    // No framework writes a DTD; one in a report could only be an entity bomb.
    if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new ReportFormatError('the XML report has a DOCTYPE, which no test framework writes');
    let doc: unknown;
    try {
      doc = parser.parse(xml);
    } catch (err) {
      throw new ReportFormatError(`the XML report is not well-formed: ${(err as Error).message}`);
    }
    const parsed = documentShape.safeParse(doc);
    if (!parsed.success || (parsed.data.testsuites === undefined && parsed.data.testsuite === undefined)) throw new ReportFormatError('the XML report has no <testsuites> or <testsuite>');
    const root = parsed.data.testsuites;
    const suites = [...(typeof root === 'object' ? (root.testsuite ?? []) : []), ...(parsed.data.testsuite ?? [])];
    for (const tc of testcases(suites)) {
      if (isCollectionError(tc)) {
        loadErrors.push(clip(textOf(tc.error![0]).text.trim() || 'collection failure'));
        continue;
      }
      tests.push(outcome(tc, ctx));
    }
  }
  return countOutcomes(tests, loadErrors);
}
