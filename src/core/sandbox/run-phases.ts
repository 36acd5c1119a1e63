// The phases of one run inside one container: compile once, then run the program on its stdin or on
// every test case, judge each run, and collect diagnostics from the compiler and the runtime.
import { StringDecoder } from 'node:string_decoder';
import type { Diagnostic } from '../diagnostics/types';
import type { LanguageSpec } from '../languages/types';
import { DEFAULT_FLOAT_TOLERANCE, decidingCaseIndex, judgeRun, mplReward } from './judge';
import { abortError } from './run-queue';
import type { SandboxContainer } from './sandbox-container';
import type { CaseResult, ProcessResult, RunRequest, RunResult, SandboxLimits, TestCase, Verdict } from './types';
import { describeCompileFailure, describeVerdict } from './verdict-messages';

/** Live output as text; one decoder per stream keeps multi-byte characters split across chunks whole. */
function textOutput(onOutput: RunRequest['onOutput']) {
  if (!onOutput) return undefined;
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  return (stream: 'stdout' | 'stderr', chunk: Buffer) => {
    const text = decoders[stream].write(chunk);
    if (text) onOutput(stream, text);
  };
}

/** Expects the source file to be written already. */
export async function runPhases(container: SandboxContainer, lang: LanguageSpec, limits: SandboxLimits, req: RunRequest, sourceFile: string): Promise<RunResult> {
  const userFile = req.fileName ?? sourceFile;
  const diagnostics: Diagnostic[] = [];
  const collect = (phase: 'compile' | 'run', p: ProcessResult) => {
    if (!p.stderr && !p.stdout) return;
    try {
      diagnostics.push(...lang.diagnostics({ phase, stdout: p.stdout, stderr: p.stderr, sourceFile, userFile, lineOffset: 0, sourceText: req.code }));
    } catch {
      // A parser that chokes on unusual output costs the diagnostics, never the verdict.
    }
  };
  const base = { language: lang.id, limits, diagnostics };

  let compile: ProcessResult | null = null;
  if (lang.compile) {
    compile = await container.exec({ argv: lang.compile(sourceFile), env: lang.env, limits: limits.compile, signal: req.signal });
    collect('compile', compile);
    // Diagnostics come from the machine-readable form; people read the compiler's usual text (rustc's JSON rendered).
    if (lang.compileStderrForDisplay && compile.stderr) compile = { ...compile, stderr: lang.compileStderrForDisplay(compile.stderr) };
    if (compile.exitCode !== 0 || compile.signal || compile.timedOut || compile.oomKilled) {
      return { ...base, status: 'CompileError', message: describeCompileFailure(compile, limits, diagnostics), compile, run: null, cases: [], correctRate: 0, reward: mplReward('CompileError') };
    }
  }

  const runOnce = (stdin: string) =>
    container.exec({ argv: lang.run(sourceFile), env: lang.env, stdin, limits: limits.run, onOutput: textOutput(req.onOutput), signal: req.signal });

  const cases: TestCase[] = req.cases ?? [];
  if (cases.length === 0) {
    const run = await runOnce(req.stdin ?? '');
    const status = judgeRun(run, undefined);
    if (status !== 'Accepted') collect('run', run);
    return { ...base, status, message: describeVerdict(status, run, limits), compile, run, cases: [], correctRate: status === 'Accepted' ? 1 : 0, reward: mplReward(status) };
  }

  // Every case runs, even after a failure: the per-case verdicts and the correct rate need them all.
  const tolerance = req.floatTolerance ?? DEFAULT_FLOAT_TOLERANCE;
  const results: CaseResult[] = [];
  for (const c of cases) {
    if (req.signal?.aborted) throw abortError(req.signal);
    const run = await runOnce(c.input);
    const status: Verdict = judgeRun(run, c.expected, tolerance);
    results.push({ input: c.input, expected: c.expected, actual: run.stdout, passed: status === 'Accepted', status, run });
  }
  const deciding = decidingCaseIndex(results.map((r) => r.status));
  const decidingCase = results[deciding];
  if (decidingCase.status !== 'Accepted' && decidingCase.status !== 'WrongAnswer') collect('run', decidingCase.run);
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
