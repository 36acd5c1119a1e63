// The phases of one run inside one container: compile once, then run the program on its stdin or on
// every test case, judge each run, and collect diagnostics from the compiler and the runtime.
import { StringDecoder } from 'node:string_decoder';
import type { Diagnostic } from '../diagnostics/types';
import { DEFAULT_FLOAT_TOLERANCE, decidingCaseIndex, judgeRun, mplReward } from './judge';
import type { EngineSandbox } from './engine-sandbox';
import type { CaseResult, ProcessResult, RunRequest, RunResult, TestCase, Verdict } from './types';
import { describeVerdict } from './verdict-messages';

/** Live output as text; one decoder per stream keeps multi-byte characters split across chunks whole. */
function textOutput(onOutput: RunRequest['onOutput']) {
  if (!onOutput) return undefined;
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  return (stream: 'stdout' | 'stderr', chunk: Buffer) => {
    const text = decoders[stream].write(chunk);
    if (text) onOutput(stream, text);
  };
}

/** The judged run in a sandbox from the engine (the source file is written already). */
export async function runPhases(sandbox: EngineSandbox, req: RunRequest): Promise<RunResult> {
  const { language: lang, limits } = sandbox;
  const diagnostics: Diagnostic[] = [];
  const base = { language: lang.id, limits, diagnostics };

  const { compile, diagnostics: found, failure } = await sandbox.compile();
  diagnostics.push(...found);
  if (failure) return { ...base, status: 'CompileError', message: failure, compile, run: null, cases: [], correctRate: 0, reward: mplReward('CompileError') };
  const collect = (p: ProcessResult) => diagnostics.push(...sandbox.diagnosticsOf('run', p));

  const runOnce = (stdin: string) => sandbox.exec({ argv: sandbox.runCommand(), phase: 'run', stdin, onOutput: textOutput(req.onOutput) });

  const cases: TestCase[] = req.cases ?? [];
  if (cases.length === 0) {
    const run = await runOnce(req.stdin ?? '');
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
