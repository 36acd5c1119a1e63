// The phases of one run inside one container: compile once, then run the program on its stdin or on
// every test case, judge each run, and collect diagnostics from the compiler and the runtime.
import { StringDecoder } from 'node:string_decoder';
import type { Diagnostic } from '../diagnostics/types';
import { DEFAULT_FLOAT_TOLERANCE, decidingCaseIndex, judgeRun, mplReward } from './judge';
import type { EngineSandbox } from './engine-sandbox';
import type { CaseResult, ProcessResult, RunRequest, RunResult, TestCase, Verdict } from './types';
import { describeCompileFailure, describeVerdict } from './verdict-messages';
import { CHECK_FAILED_EXIT, CHECK_FAILED_MARKER } from '../languages/types';

/**
 * Live output as text; one decoder per stream keeps multi-byte characters split across chunks whole. A checked
 * run's marker line is the engine's, not the program's: it is not shown.
 */
function textOutput(onOutput: RunRequest['onOutput'], checked: boolean) {
  if (!onOutput) return undefined;
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  return (stream: 'stdout' | 'stderr', chunk: Buffer) => {
    let text = decoders[stream].write(chunk);
    if (checked && stream === 'stderr') text = text.replace(MARKER_LINE, '');
    if (text) onOutput(stream, text);
  };
}

/** Whether a `checkedRun` stopped at its syntax check (see LanguageSpec.checkedRun). */
function checkFailed(run: ProcessResult): boolean {
  return run.exitCode === CHECK_FAILED_EXIT && run.stderr.trimEnd().endsWith(CHECK_FAILED_MARKER);
}

const MARKER_LINE = new RegExp(`${CHECK_FAILED_MARKER}\\n?`, 'g');

/** The judged run in a sandbox from the engine (the source file is written already). */
export async function runPhases(sandbox: EngineSandbox, req: RunRequest): Promise<RunResult> {
  const { language: lang, limits } = sandbox;
  const diagnostics: Diagnostic[] = [];
  const base = { language: lang.id, limits, diagnostics };

  // A language that can check and run in one interpreter start does so (a project keeps its own plan).
  const checkedRun = sandbox.project ? undefined : lang.checkedRun?.(sandbox.sourceFile);
  let compile: ProcessResult | null = null;
  if (!checkedRun) {
    const compiled = await sandbox.compile();
    compile = compiled.compile;
    diagnostics.push(...compiled.diagnostics);
    if (compiled.failure) return { ...base, status: 'CompileError', message: compiled.failure, compile, run: null, cases: [], correctRate: 0, reward: mplReward('CompileError') };
  }
  const collect = (p: ProcessResult) => diagnostics.push(...sandbox.diagnosticsOf('run', p));
  /** A checked run that stopped at the check: its output is the compile phase's, as a separate check would give it. */
  const compileError = (run: ProcessResult): RunResult => {
    // Exit status 1, as the separate check exits on a syntax error (CHECK_FAILED_EXIT only tells the two apart).
    const check = { ...run, exitCode: 1, stderr: run.stderr.replace(MARKER_LINE, '') };
    const found = sandbox.diagnosticsOf('compile', check);
    diagnostics.push(...found);
    return { ...base, status: 'CompileError', message: describeCompileFailure(check, limits, found), compile: check, run: null, cases: [], correctRate: 0, reward: mplReward('CompileError') };
  };

  const live = textOutput(req.onOutput, checkedRun !== undefined);
  const runOnce = (stdin: string) => sandbox.exec({ argv: checkedRun ?? sandbox.runCommand(), phase: 'run', stdin, onOutput: live });

  const cases: TestCase[] = req.cases ?? [];
  if (cases.length === 0) {
    const run = await runOnce(req.stdin ?? '');
    if (checkedRun && checkFailed(run)) return compileError(run);
    const status = judgeRun(run, undefined);
    if (status !== 'Accepted') collect(run);
    return { ...base, status, message: describeVerdict(status, run, limits), compile, run, cases: [], correctRate: status === 'Accepted' ? 1 : 0, reward: mplReward(status) };
  }

  // Every case runs, even after a failure: the per-case verdicts and the correct rate need them all.
  const tolerance = req.floatTolerance ?? DEFAULT_FLOAT_TOLERANCE;
  const results: CaseResult[] = [];
  for (const c of cases) {
    sandbox.throwIfAborted();
    const run = await runOnce(c.input);
    // The check is the same for every case: the first one tells.
    if (checkedRun && results.length === 0 && checkFailed(run)) return compileError(run);
    const status: Verdict = judgeRun(run, c.expected, tolerance);
    results.push({ input: c.input, expected: c.expected, actual: run.stdout, passed: status === 'Accepted', status, run });
  }
  const deciding = decidingCaseIndex(results.map((r) => r.status));
  const decidingCase = results[deciding];
  if (decidingCase.status !== 'Accepted' && decidingCase.status !== 'WrongAnswer') collect(decidingCase.run);
  const passed = results.filter((r) => r.passed).length;
  return {
    ...base,
    status: decidingCase.status,
    message: describeVerdict(decidingCase.status, decidingCase.run, limits, { index: deciding, total: results.length, passed }),
    compile,
    run: decidingCase.run,
    cases: results,
    correctRate: passed / results.length,
    reward: mplReward(decidingCase.status),
  };
}
