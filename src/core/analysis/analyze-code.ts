// analyzeCode: MPLSandbox's five analyses of one file. Basic analysis runs in this process; the other four share
// one fresh sandbox container, started only when one of them is asked for and removed afterwards.
import type { Diagnostic } from '../diagnostics/types';
import type { SandboxEngine } from '../sandbox/engine';
import { identifyRequestLanguage } from '../sandbox/resolve-language';
import type { TestCase } from '../sandbox/types';
import { analyzeBasic } from './basic/analyze-basic';
import { AnalysisSandbox } from './sandbox/analysis-sandbox';
import { runCoverageSection } from './sections/coverage-section';
import { runEfficiencySection } from './sections/efficiency-section';
import { runLintSection } from './sections/lint-section';
import { LINT_TOOLS } from './tools/lint-runs';
import { ANALYSIS_CATEGORIES, type AnalysisCategory, type AnalysisRequest, type AnalysisResult, type AnalysisSections, type SectionBase } from './types';

export interface AnalyzeOptions {
  /** Reports each section as it finishes (editors show them progressively). */
  onSection?: (category: AnalysisCategory, section: SectionBase) => void;
}

const CONTAINER_CATEGORIES: AnalysisCategory[] = ['smell', 'bug', 'coverage', 'efficiency'];

function failedSection(reason: string) {
  return { status: 'failed' as const, reason, tools: [], diagnostics: [], durationMs: 0 };
}

export async function analyzeCode(req: AnalysisRequest, engine: SandboxEngine, opts: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const t0 = performance.now();
  const lang = await identifyRequestLanguage({ language: req.language, code: req.code, fileName: req.fileName });
  const userFile = req.fileName ?? lang.sourceFile(req.code);
  const wanted = new Set(req.only?.length ? req.only : ANALYSIS_CATEGORIES);
  const sections: AnalysisSections = {};
  const report = <K extends AnalysisCategory>(category: K, section: NonNullable<AnalysisSections[K]>) => {
    sections[category] = section;
    opts.onSection?.(category, section);
  };

  if (wanted.has('basic')) report('basic', await analyzeBasic(req.code, lang.id, userFile));

  const inContainer = CONTAINER_CATEGORIES.filter((c) => wanted.has(c));
  if (inContainer.length) {
    // Without cases, coverage and efficiency measure one run on empty stdin, as a plain run would.
    const cases: TestCase[] = req.cases?.length ? req.cases : [{ input: '' }];
    let sandbox: AnalysisSandbox | undefined;
    try {
      sandbox = await AnalysisSandbox.open(engine, lang, req.code, req.signal);
    } catch (err) {
      if (req.signal?.aborted) throw err;
      const reason = `the sandbox could not start: ${err instanceof Error ? err.message : String(err)}`;
      for (const c of inContainer) report(c, c === 'coverage' ? { ...failedSection(reason), cases: [], total: { covered: [], missed: [], percent: null } } : c === 'efficiency' ? { ...failedSection(reason), cases: [], profile: null } : failedSection(reason));
    }
    if (sandbox) {
      const ctx = { sourceFile: sandbox.sourceFile, userFile };
      const tools = LINT_TOOLS[lang.id];
      try {
        if (wanted.has('smell')) report('smell', await runLintSection(sandbox, tools.smell, ctx));
        if (wanted.has('bug')) report('bug', await runLintSection(sandbox, tools.bug, ctx));
        if (wanted.has('coverage')) report('coverage', await runCoverageSection(sandbox, cases, req.code, ctx));
        if (wanted.has('efficiency')) report('efficiency', await runEfficiencySection(sandbox, cases, ctx));
      } finally {
        await sandbox.dispose();
      }
    }
  }

  const diagnostics: Diagnostic[] = Object.values(sections)
    .flatMap((s: SectionBase) => s.diagnostics)
    .sort((a, b) => a.line - b.line || a.column - b.column);
  return { language: lang.id, file: userFile, sections, diagnostics, durationMs: performance.now() - t0 };
}
