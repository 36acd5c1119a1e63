// A mode's report, by its format, into the one TestReport shape.
import type { TestReportFormat } from '../languages/test-modes';
import { goTestEvents, goTestOutput, parseGoTestJson } from './go-test-json';
import { parseJestJson } from './jest-json';
import { parseJunitXml } from './junit-xml';
import { type ReportContext, ReportFormatError, type TestReport } from './types';

/** Parses the report's texts (one per file that existed; a stream is one text). Throws ReportFormatError. */
export function parseTestReport(format: TestReportFormat, texts: string[], ctx: ReportContext): TestReport {
  if (texts.length === 0) throw new ReportFormatError('the framework wrote no report');
  switch (format) {
    case 'junit-xml':
      return parseJunitXml(texts, ctx);
    case 'jest-json':
      return parseJestJson(texts[0], ctx);
    case 'go-test-json':
      return parseGoTestJson(texts.join('\n'), ctx);
  }
}

/** The run's stdout as people read it: go test's event stream turned back into go test's own text. */
export function readableOutput(format: TestReportFormat, stdout: string): string {
  if (format !== 'go-test-json') return stdout;
  const events = goTestEvents(stdout);
  return events.length ? goTestOutput(events) : stdout;
}
