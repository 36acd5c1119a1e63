import { basename } from 'node:path';
import type { CliCommand } from '../cli-types';
import { EnvironmentError, UsageError } from '../cli-types';
import { openEngine } from '../open-engine';
import { isAbortError } from '../../core/abort';
import { errorCode } from '../../core/errors';
import { formatAnalysis } from '../../core/analysis/format-report';
import { analyzeCode } from '../../core/analysis/analyze-code';
import { ANALYSIS_CATEGORIES, type AnalysisCategory } from '../../core/analysis/types';
import { checkLanguage, parseCommandArgs, readCasesFile, readText } from '../input';
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFromFlags } from '../limit-flags';

const USAGE = `Usage:
  mplsandbox analyze FILE [--lang ID|auto] [--only basic,smell,bug,coverage,efficiency] [--cases FILE]
                          [--timeout SEC] [--memory MB] [--cpus N] [--json]

  FILE          the program ('-' reads it from standard input)
  --lang ID     language id or alias (default: auto)
  --only LIST   categories to run, comma-separated (default: all five)
                  basic       structure and metrics from a syntax tree (no container)
                  smell       the language's linter          bug       its bug finders
                  coverage    lines run by each test case     efficiency CPU time, peak memory, a profile
  --cases FILE  test cases for coverage and efficiency ({"inputs": [...], "outputs": [...]} or
                [{"input": ..., "expected": ...}]); without them one run on empty stdin is measured
${LIMIT_USAGE}
  --json        print the AnalysisResult as JSON

Exit code 0 when the analysis ran (whatever it found); 2 for bad usage; 3 when the sandbox cannot run.`;

function parseOnly(value: string | undefined): AnalysisCategory[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !ANALYSIS_CATEGORIES.includes(n as AnalysisCategory));
  if (bad.length || names.length === 0) throw new UsageError(`--only takes ${ANALYSIS_CATEGORIES.join(',')}; got '${value}'`);
  return names as AnalysisCategory[];
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'Analyse a program: structure, code smells, bugs, test coverage and efficiency',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { lang: { type: 'string', default: 'auto' }, only: { type: 'string' }, cases: { type: 'string' }, ...LIMIT_OPTIONS, json: { type: 'boolean', default: false } });
    if (positionals.length !== 1) throw new UsageError(`expected exactly one FILE\n${USAGE}`);
    const language = checkLanguage(values.lang);
    const only = parseOnly(values.only);
    const limits = limitsFromFlags(values);
    const file = positionals[0];
    const code = await readText(file, io, 'program');
    const cases = values.cases !== undefined ? await readCasesFile(values.cases, io) : undefined;
    const engine = await openEngine(io);
    try {
      const result = await analyzeCode({ code, language, fileName: file === '-' ? undefined : basename(file), cases, only, limits, signal: io.signal }, engine);
      io.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatAnalysis(result));
      return 0;
    } catch (err) {
      if (isAbortError(err) || io.signal.aborted) throw new EnvironmentError('interrupted: the sandbox was stopped');
      const code = errorCode(err);
      if (code === 'unknown-language' || code === 'language-unidentified' || code === 'invalid-limits') throw new UsageError((err as Error).message);
      throw err;
    } finally {
      await engine.close();
    }
  },
};
