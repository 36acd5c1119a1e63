import { basename } from 'node:path';
import type { CliCommand, CliIO } from '../cli-types';
import { EnvironmentError, UsageError } from '../cli-types';
import type { RunRequest, RunResult } from '../../core/sandbox/types';
import { formatRunResult, runResultToJson } from '../format-run';
import { openEngine } from '../open-engine';
import { checkLanguage, parseCommandArgs, parseJson, readCasesFile, readText } from '../input';
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFromFlags } from '../limit-flags';
import { fromMplRequest, toMplResult } from '../../core/sandbox/mplsandbox-compat';
import type { SandboxEngine } from '../../core/sandbox/engine';
import { analyzeCode } from '../../core/analysis/analyze-code';
import { categoriesFor, mplAnalysisFields, parseMplAnalysisType, type MplAnalysisKey } from '../../core/analysis/mplsandbox-analysis';

const USAGE = `Usage:
  mplsandbox run FILE [--lang ID|auto] [--stdin FILE] [--cases FILE] [--timeout SEC] [--memory MB] [--cpus N] [--json]
  mplsandbox run --request FILE [--analysis all|KEY[,KEY…]]

  FILE            the program; '-' reads it from standard input
  --lang ID       language id or alias (default: auto — identified from the file name and content)
  --stdin FILE    standard input for the program ('-' for this process's stdin)
  --cases FILE    test cases: {"inputs": [...], "outputs": [...]} or [{"input": ..., "expected": ...}]
${LIMIT_USAGE}
  --json          print one JSON object instead of the human-readable report
  --request FILE  an MPLSandbox request (question, code, unit_cases, lang); prints an MPLSandbox result
  --analysis A    with --request: also fill MPLSandbox's analysis keys — "all" or some of
                  code_basic_analysis, code_smell_analysis, code_bug_analysis, unit_test_analysis,
                  code_efficiency_evaluation (the request's "analysis_type" field does the same)

Exit code 0 whenever the program was judged (whatever the verdict); 2 for bad usage or unreadable
input; 3 when the sandbox cannot run (e.g. Docker is not running).`;

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Compile and run a program in its language sandbox, optionally judged against test cases',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      lang: { type: 'string', default: 'auto' },
      stdin: { type: 'string' },
      cases: { type: 'string' },
      ...LIMIT_OPTIONS,
      json: { type: 'boolean', default: false },
      request: { type: 'string' },
      analysis: { type: 'string' },
    });

    if (values.request !== undefined) {
      if (positionals.length) throw new UsageError('--request takes the program from the request; do not also pass FILE');
      const raw = parseJson(await readText(values.request, io, 'request'), 'the request');
      let mpl;
      let analysisKeys: MplAnalysisKey[] | undefined;
      try {
        mpl = fromMplRequest(raw);
        const asked = values.analysis !== undefined ? (values.analysis.includes(',') ? values.analysis.split(',') : values.analysis) : (raw as Record<string, unknown>).analysis_type;
        analysisKeys = parseMplAnalysisType(asked);
      } catch (err) {
        if (err instanceof Error && !(err instanceof EnvironmentError)) throw new UsageError(err.message);
        throw err;
      }
      const engine = await openEngine(io);
      try {
        const result = await execute(engine, { ...mpl.request, signal: io.signal }, io);
        const out: Record<string, unknown> = { ...toMplResult(result, mpl) };
        if (analysisKeys && !('error' in out)) {
          const analysis = await analyzeCode(
            { code: mpl.request.code, language: result.language, cases: mpl.request.cases, only: categoriesFor(analysisKeys), limits: mpl.request.limits, signal: io.signal },
            engine,
          );
          Object.assign(out, mplAnalysisFields(analysisKeys, analysis));
        }
        io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } finally {
        await engine.close();
      }
      return 0;
    }

    if (positionals.length !== 1) throw new UsageError(`expected exactly one FILE\n${USAGE}`);
    const file = positionals[0];
    const language = checkLanguage(values.lang);
    const code = await readText(file, io, 'program');
    const limits = limitsFromFlags(values);
    const cases = values.cases !== undefined ? await readCasesFile(values.cases, io) : undefined;
    const request: RunRequest = {
      code,
      language,
      fileName: file === '-' ? undefined : basename(file),
      stdin: values.stdin !== undefined ? await readText(values.stdin, io, 'stdin file') : undefined,
      cases,
      limits,
      signal: io.signal,
    };
    const engine = await openEngine(io);
    let result: RunResult;
    try {
      result = await execute(engine, request, io);
    } finally {
      await engine.close();
    }
    io.stdout.write(values.json ? `${JSON.stringify(runResultToJson(result), null, 2)}\n` : formatRunResult(result, request.fileName ?? '<stdin>'));
    return 0;
  },
};

async function execute(engine: SandboxEngine, request: RunRequest, io: CliIO): Promise<RunResult> {
  let result: RunResult;
  try {
    result = await engine.runCode(request);
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw new EnvironmentError('interrupted: the sandbox was stopped');
    throw err;
  }
  // The sandbox itself could not run the program: that is the environment's fault, not a verdict.
  if (result.status === 'SandboxError' && !io.signal.aborted) throw new EnvironmentError(result.message ?? 'the sandbox could not run the program');
  return result;
}
