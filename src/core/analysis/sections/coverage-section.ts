// Unit-test coverage: each case runs under the language's coverage tool; covered and missed lines per case and over all.
import { judgeRun } from '../../sandbox/judge';
import type { TestCase } from '../../sandbox/types';
import { codeLineNumbers } from '../basic/code-lines';
import type { ParseContext } from '../parsers/common';
import type { AnalysisSandbox } from '../sandbox/analysis-sandbox';
import { COVERAGE_RECIPES } from '../tools/run-tools';
import type { CaseCoverage, CoverageSection } from '../types';
import { build } from './program-build';

const percent = (covered: number, missed: number) => (covered + missed ? covered / (covered + missed) : null);

export async function runCoverageSection(sandbox: AnalysisSandbox, cases: TestCase[], code: string, ctx: ParseContext): Promise<CoverageSection> {
  const t0 = performance.now();
  const recipe = COVERAGE_RECIPES[sandbox.lang.id];
  const empty = { cases: [], total: { covered: [], missed: [], percent: null } };
  if (typeof recipe === 'string') {
    return { status: 'unavailable', reason: recipe, tools: [], diagnostics: [], durationMs: 0, ...empty };
  }
  try {
    if (recipe.files) await sandbox.writeFiles(recipe.files(sandbox.sourceFile));
    await build(sandbox, 'coverage', recipe.build?.(sandbox.sourceFile), `building for ${recipe.tool}`);
    const codeLines = (await codeLineNumbers(code, sandbox.lang.id, ctx.userFile)) ?? new Set<number>();
    const perCase: CaseCoverage[] = [];
    for (const [i, c] of cases.entries()) {
      const run = await sandbox.exec(recipe.run(sandbox.sourceFile, i), { stdin: c.input, env: recipe.env?.(i), phase: 'run' });
      const report = await sandbox.exec(recipe.report(sandbox.sourceFile, i));
      if (report.exitCode !== 0) throw new Error(`${recipe.tool} wrote no report for case ${i + 1}: ${(report.stderr || run.stderr).trim().slice(0, 400)}`);
      const lines = recipe.parse(report.stdout, ctx, { code, codeLines });
      perCase.push({ case: i + 1, ...lines, percent: percent(lines.covered.length, lines.missed.length), passed: judgeRun(recipe.programOutput ? { ...run, stdout: recipe.programOutput(run.stdout) } : run, c.expected) === 'Accepted' });
    }
    const covered = new Set(perCase.flatMap((c) => c.covered));
    const all = new Set(perCase.flatMap((c) => [...c.covered, ...c.missed]));
    const missed = [...all].filter((l) => !covered.has(l)).sort((a, b) => a - b);
    return {
      status: 'ok',
      tools: [recipe.tool],
      diagnostics: [],
      durationMs: performance.now() - t0,
      cases: perCase,
      total: { covered: [...covered].sort((a, b) => a - b), missed, percent: percent(covered.size, missed.length) },
    };
  } catch (err) {
    return { status: 'failed', reason: err instanceof Error ? err.message : String(err), tools: [recipe.tool], diagnostics: [], durationMs: performance.now() - t0, ...empty };
  }
}
