// Code smell and bug analysis: run the category's tools in the sandbox, parse their machine-readable output, keep the
// category's share. A tool that did not run properly makes the section `failed`, with what it said.
import type { Diagnostic } from '../../diagnostics/types';
import type { ParseContext } from '../parsers/common';
import type { AnalysisSandbox } from '../sandbox/analysis-sandbox';
import type { LintRun, LintUse } from '../tools/lint-runs';
import type { SectionBase } from '../types';

const tail = (s: string) => s.trim().split('\n').slice(-5).join('\n').slice(0, 600);

async function runTool(sandbox: AnalysisSandbox, run: LintRun, ctx: ParseContext): Promise<Diagnostic[]> {
  return sandbox.once(`lint:${run.id}`, async () => {
    if (run.files) await sandbox.writeFiles(run.files);
    const p = await sandbox.exec(run.argv(sandbox.sourceFile), { env: run.env });
    if (!run.ranOk(p)) {
      const why = p.timedOut ? 'timed out' : p.oomKilled ? 'ran out of memory' : `exited with ${p.exitCode ?? p.signal}`;
      throw new Error(`${run.tool} ${why}: ${tail(p.stderr || p.stdout) || '(no output)'}`);
    }
    return run.parse(p, ctx);
  });
}

export async function runLintSection(sandbox: AnalysisSandbox, uses: LintUse[] | string, ctx: ParseContext): Promise<SectionBase> {
  const t0 = performance.now();
  if (typeof uses === 'string') return { status: 'unavailable', reason: uses, tools: [], diagnostics: [], durationMs: 0 };
  const diagnostics: Diagnostic[] = [];
  const failures: string[] = [];
  const tools: string[] = [];
  for (const use of uses) {
    if (!tools.includes(use.run.tool)) tools.push(use.run.tool);
    try {
      const found = await runTool(sandbox, use.run, ctx);
      diagnostics.push(...(use.keep ? found.filter(use.keep) : found));
    } catch (err) {
      failures.push(err instanceof Error ? err.message : String(err));
    }
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    status: failures.length ? 'failed' : 'ok',
    ...(failures.length ? { reason: failures.join('; ') } : {}),
    tools,
    diagnostics,
    durationMs: performance.now() - t0,
  };
}
