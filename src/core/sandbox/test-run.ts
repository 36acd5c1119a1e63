// The last step of a test-mode run (RunRequest.testMode): read the framework's report from the container (or
// the run's stdout), parse it, and judge the run by it. Runs inside `runCode`, before the container goes.
import type { TestModeSpec } from '../languages/test-modes';
import { judgeTestRun } from '../test-reports/judge-tests';
import { parseTestReport, readableOutput } from '../test-reports/parse-report';
import { ReportFormatError, type TestReport } from '../test-reports/types';
import type { EngineSandbox } from './engine-sandbox';
import { fetchFiles } from './fetch-files';
import type { RunResult } from './types';

async function reportTexts(sandbox: EngineSandbox, mode: TestModeSpec, result: RunResult): Promise<string[]> {
  if ('stdout' in mode.report) return result.run?.stdout ? [result.run.stdout] : [];
  const files = await fetchFiles(sandbox, mode.report.files);
  return mode.report.files.flatMap((f) => (files[f] ? [files[f].toString('utf8')] : []));
}

export async function withTestReport(sandbox: EngineSandbox, mode: TestModeSpec, result: RunResult): Promise<RunResult> {
  // A compile error or a sandbox fault ran no tests.
  if (!result.run) return judgeTestRun(result, undefined, { framework: mode.framework, userFile: sandbox.userFile, mode: mode.id });
  let report: TestReport | ReportFormatError;
  try {
    report = parseTestReport(mode.report.format, await reportTexts(sandbox, mode, result), { sourceFile: sandbox.sourceFile });
  } catch (err) {
    sandbox.throwIfAborted();
    report = err instanceof ReportFormatError ? err : new ReportFormatError(`the report could not be read: ${(err as Error).message}`);
  }
  const run = { ...result.run, stdout: readableOutput(mode.report.format, result.run.stdout) };
  return judgeTestRun({ ...result, run }, report, { framework: mode.framework, userFile: sandbox.userFile, mode: mode.id });
}
