// The evaluation as a text table (and the published ProcessBench figures beside it) or as JSON.
import type { LabelledSolution } from './dataset';
import type { CheckerName, StepEvalResult } from './evaluate';
import { PUBLISHED_PROCESSBENCH_F1, type StepScores } from './metrics';

export interface StepEvalReport {
  file: string;
  solutions: number;
  withError: number;
  correct: number;
  skipped: number;
  formats: string[];
  prompt?: string;
  model?: string;
  seconds: number;
  solutionsPerSecond: number;
  scores: StepEvalResult['scores'];
  published: typeof PUBLISHED_PROCESSBENCH_F1;
}

export function stepEvalReport(file: string, solutions: readonly LabelledSolution[], skipped: number, result: StepEvalResult, extra: { prompt?: string; model?: string }): StepEvalReport {
  const withError = solutions.filter((s) => s.label !== -1).length;
  return {
    file,
    solutions: solutions.length,
    withError,
    correct: solutions.length - withError,
    skipped,
    formats: [...new Set(solutions.map((s) => s.format))],
    ...extra,
    seconds: Number(result.seconds.toFixed(3)),
    solutionsPerSecond: Number(result.rate.toFixed(2)),
    scores: result.scores,
    published: PUBLISHED_PROCESSBENCH_F1,
  };
}

const LABELS: Record<CheckerName, string> = { symbolic: 'symbolic', sandbox: 'symbolic+sandbox', model: 'model critic', combined: 'combined' };

function percent(part: StepScores['erroneous']): string {
  return part.total ? `${(100 * part.accuracy).toFixed(1)}% (${part.correct}/${part.total})` : '–';
}

export function renderStepEvalText(report: StepEvalReport): string {
  const lines = [
    `${report.file}: ${report.solutions} solutions (${report.withError} with an error, ${report.correct} correct; ${report.formats.join(', ')})${report.skipped ? `, ${report.skipped} PRM800K records without a solution skipped` : ''}`,
    ...(report.model ? [`critic: ${report.model}, ${report.prompt ?? 'automathcritique'} prompt`] : ['no critic model configured: the model critic and the combination with it were not run']),
    '',
    `${'checker'.padEnd(18)} ${'erroneous'.padStart(20)} ${'correct'.padStart(20)} ${'F1'.padStart(6)}`,
  ];
  for (const name of ['symbolic', 'sandbox', 'model', 'combined'] as CheckerName[]) {
    const s = report.scores[name];
    if (!s) continue;
    lines.push(`${LABELS[name].padEnd(18)} ${percent(s.erroneous).padStart(20)} ${percent(s.correct).padStart(20)} ${s.f1.toFixed(1).padStart(6)}`);
  }
  lines.push('', `${report.seconds.toFixed(1)} s, ${report.solutionsPerSecond} solutions/s`);
  lines.push(
    '',
    'Published ProcessBench F1 (average of its four subsets, other data than this file):',
    `  ${report.published.map((p) => `${p.model} ${p.f1}`).join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}
