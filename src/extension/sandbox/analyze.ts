// "Analyze in Sandbox": MPLSandbox's five analyses (basic, smell, bug, coverage, efficiency) of the active
// file or selection. Findings become diagnostics (tool as source, rule as code) replacing the file's previous
// analysis; the report (metrics, coverage, profile) goes to the Output channel. Progress with Cancel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnalysisResult } from '../../core/analysis/types';
import type { Command } from '../ctx';
import { sidecarCases } from './cases-file';
import { classifyError, type Failure, UNTRUSTED_MESSAGE } from './failures';
import { checkJob } from './prepare-job';
import { runSandboxJob } from './sandbox-job';
import { resolveRunTarget } from './run-target';
import type { SandboxServices } from './services';
import { loadCore } from './load-core';

export type AnalyzeOutcome = { kind: 'result'; result: AnalysisResult } | { kind: 'cancelled' } | { kind: 'failed'; failure: Failure };

export function analyzeCommand(s: SandboxServices): Command {
  const analyze = async (arg?: unknown): Promise<AnalyzeOutcome> => {
    const fail = (failure: Failure): AnalyzeOutcome => {
      s.fail(failure, () => analyze(arg));
      return { kind: 'failed', failure };
    };
    if (!vscode.workspace.isTrusted) return fail({ kind: 'untrusted', message: UNTRUSTED_MESSAGE });
    const target = await resolveRunTarget(arg);
    if (!target) return fail({ kind: 'nothing-to-run', message: 'open a file (or select code) to analyze it in the sandbox.' });
    const checked = await checkJob(s, target);
    if (!checked.ok) return fail(checked.failure);
    const { language, project } = checked;
    let cases;
    try {
      cases = target.isSelection ? undefined : (await sidecarCases(target.uri))?.cases;
    } catch (err) {
      return fail(classifyError(err));
    }
    const out = s.output;
    out.line('');
    out.line(`▶ [${new Date().toLocaleTimeString()}] analysis of ${target.fileName} · ${language.displayName}${cases ? ` · ${cases.length} test case(s)` : ''}`);
    out.show();

    const frame = { title: `MPLSandbox: analyzing ${target.label}`, job: `analyzing ${target.label}`, language, cancelledLine: '■ analysis cancelled', cancelled: (): AnalyzeOutcome => ({ kind: 'cancelled' }), failed: fail };
    return runSandboxJob(s, frame, async (engine, progress, signal): Promise<AnalyzeOutcome> => {
      const { analyzeCode, formatAnalysis } = loadCore();
      const result = await analyzeCode(
        { code: target.code, language: language.id, fileName: target.fileName, cases, project, signal },
        engine,
        { onSection: (category, section) => progress.report({ message: `${category}: ${section.status}`, increment: 20 }) },
      );
      for (const line of formatAnalysis(result).trimEnd().split('\n')) out.line(line);
      s.diagnostics.set(s.diagnostics.analysis, target.uri, target.fileName, result.diagnostics, target.lineOffset);
      out.line(`■ analysis done in ${(result.durationMs / 1000).toFixed(2)} s: ${result.diagnostics.length} finding(s) in the Problems panel`);
      s.log.info(`analysis of ${path.basename(target.fileName)}: ${result.diagnostics.length} finding(s)`);
      return { kind: 'result', result };
    });
  };
  return { id: 'mplsandbox.analyze', factory: () => (arg?: unknown) => analyze(arg) };
}
