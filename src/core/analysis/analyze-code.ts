// analyzeCode: MPLSandbox's five analyses of one file. Basic analysis runs in this process; the other four share
// one sandbox container from the engine (its queue, limit layers and overrides), started only when one of them is
// asked for and removed afterwards.
import type { Diagnostic } from '../diagnostics/types';
import type { SandboxEngine } from '../sandbox/engine';
import { identifyRequestLanguage } from '../sandbox/resolve-language';
import type { SandboxLimits, TestCase } from '../sandbox/types';
import { abortError } from '../abort';
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

const NO_LINTER_REASON = 'no linter is configured for this language';

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
  let limits: SandboxLimits | undefined;
  if (inContainer.length) {
    // Without cases, coverage and efficiency measure one run on empty stdin, as a plain run would.
    const cases: TestCase[] = req.cases?.length ? req.cases : [{ input: '' }];
    let sandbox: AnalysisSandbox | undefined;
    try {
      sandbox = await AnalysisSandbox.open(engine, { code: req.code, language: lang.id, fileName: req.fileName, limits: req.limits, signal: req.signal, project: req.project });
    } catch (err) {
      if (req.signal?.aborted) throw abortError(req.signal);
      const reason = `the sandbox could not start: ${engine.explain(err)}`;
      for (const c of inContainer) report(c, c === 'coverage' ? { ...failedSection(reason), cases: [], total: { covered: [], missed: [], percent: null } } : c === 'efficiency' ? { ...failedSection(reason), cases: [], profile: null } : failedSection(reason));
    }
    if (sandbox) {
      limits = sandbox.limits;
      const ctx = { sourceFile: sandbox.sourceFile, userFile };
      // A language missing from the lint table gets `unavailable` sections, as coverage and efficiency do.
      const tools = LINT_TOOLS[lang.id] ?? { smell: NO_LINTER_REASON, bug: NO_LINTER_REASON };
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
  return { language: lang.id, file: userFile, sections, diagnostics, ...(limits ? { limits } : {}), durationMs: performance.now() - t0 };
}
