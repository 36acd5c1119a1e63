// Efficiency: every case runs the normally built program with CPU time and peak memory measured; the first case
// then runs once more under the language's profiler, where it has one.
import { judgeRun } from '../../sandbox/judge';
import type { TestCase } from '../../sandbox/types';
import type { ParseContext } from '../parsers/common';
import type { AnalysisSandbox } from '../sandbox/analysis-sandbox';
import { PROFILE_RECIPES } from '../tools/run-tools';
import type { CaseEfficiency, EfficiencySection, ProfileSummary } from '../types';
import { build, buildProgram } from './program-build';

async function profile(sandbox: AnalysisSandbox, input: string, ctx: ParseContext): Promise<{ profile: ProfileSummary | null; reason?: string }> {
  const recipe = PROFILE_RECIPES[sandbox.lang.id];
  if (typeof recipe === 'string') return { profile: null, reason: recipe };
  try {
    await build(sandbox, 'profile', recipe.build?.(sandbox.sourceFile), `building for ${recipe.tool}`);
    const run = await sandbox.exec(recipe.run(sandbox.sourceFile), { stdin: input, phase: 'run' });
    const report = await sandbox.exec(recipe.report(sandbox.sourceFile));
    if (report.exitCode !== 0) return { profile: null, reason: `${recipe.tool} wrote no profile: ${(report.stderr || run.stderr).trim().slice(0, 400)}` };
    return { profile: recipe.parse(report.stdout, ctx) };
  } catch (err) {
    return { profile: null, reason: `${recipe.tool}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export async function runEfficiencySection(sandbox: AnalysisSandbox, cases: TestCase[], ctx: ParseContext): Promise<EfficiencySection> {
  const t0 = performance.now();
  const tools = ['sandbox agent (wall time, CPU time, peak memory)'];
  try {
    await buildProgram(sandbox);
  } catch (err) {
    return { status: 'failed', reason: err instanceof Error ? err.message : String(err), tools, diagnostics: [], durationMs: performance.now() - t0, cases: [], profile: null };
  }
  const measured: CaseEfficiency[] = [];
  for (const [i, c] of cases.entries()) {
    const { result, cpuMs } = await sandbox.timedRun(sandbox.runCommand(), c.input);
    const status = judgeRun(result, c.expected);
    measured.push({ case: i + 1, passed: status === 'Accepted', status, durationMs: result.durationMs, cpuMs, peakMemoryBytes: result.peakMemoryBytes });
  }
  const { profile: summary, reason } = await profile(sandbox, cases[0]?.input ?? '', ctx);
  const recipe = PROFILE_RECIPES[sandbox.lang.id];
  return {
    status: 'ok',
    tools: summary && typeof recipe === 'object' ? [...tools, recipe.tool] : tools,
    diagnostics: [],
    durationMs: performance.now() - t0,
    cases: measured,
    profile: summary,
    ...(reason ? { profileReason: reason } : {}),
  };
}
