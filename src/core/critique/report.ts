// The critique results as one JSON-ready object (for `--json` and other front ends) and as readable text.
import type { CritiqueRound, ModelUse, ProblemResult, ScaleResult } from './pipeline-types';
import type { MathProblem, SourceRange, StepVerdict } from './types';
import type { SandboxSummary } from './sandbox/verifier';
import type { AnswerVote } from './vote';

export interface StepReport {
  index: number;
  text: string;
  /** Range in the note (round 0) or in the round's solution text (refinements). */
  range: SourceRange;
  /** Combined: wrong if any source says wrong, correct if any says correct, else unknown (unjudged). */
  verdict: 'correct' | 'wrong' | 'unknown';
  verdicts: StepVerdict[];
}

export interface RoundReport {
  round: number;
  sample?: number;
  solution: string;
  finalAnswer?: { raw: string; normalized: string };
  finalAnswerVerdict: 'correct' | 'wrong' | 'unknown';
  finalExplanation?: string;
  accepted: boolean;
  partial: boolean;
  /** What the sandbox checked (when asked to). */
  sandbox?: SandboxSummary;
  steps: StepReport[];
}

export interface ProblemReport {
  index: number;
  title?: string;
  question: string;
  questionRange: SourceRange;
  solutionRange: SourceRange;
  accepted: boolean;
  rounds: RoundReport[];
  votes?: AnswerVote[];
  votedOver?: 'accepted' | 'all';
  answer?: string;
}

export interface CritiqueReport {
  file?: string;
  modelUsed: ModelUse;
  message?: string;
  problems: ProblemReport[];
}

function combined(verdicts: StepVerdict[]): StepReport['verdict'] {
  if (verdicts.some((v) => v.verdict === 'wrong')) return 'wrong';
  if (verdicts.some((v) => v.verdict === 'correct')) return 'correct';
  return 'unknown';
}

export function roundReport(round: CritiqueRound, sample?: number): RoundReport {
  const final = round.critique.finalAnswerCorrect;
  return {
    round: round.round,
    ...(sample !== undefined ? { sample } : {}),
    solution: round.solution,
    ...(round.finalAnswer ? { finalAnswer: round.finalAnswer } : {}),
    finalAnswerVerdict: final === undefined ? 'unknown' : final ? 'correct' : 'wrong',
    ...(round.reply?.finalExplanation ? { finalExplanation: round.reply.finalExplanation } : {}),
    accepted: round.accepted,
    partial: round.critique.partial,
    ...(round.sandbox ? { sandbox: round.sandbox } : {}),
    steps: round.steps.map((step) => {
      const verdicts = round.critique.steps.filter((v) => v.stepIndex === step.index);
      return { index: step.index, text: step.text, range: step.range, verdict: combined(verdicts), verdicts };
    }),
  };
}

function problemHeader(problem: MathProblem) {
  return {
    index: problem.index,
    ...(problem.title ? { title: problem.title } : {}),
    question: problem.question,
    questionRange: problem.questionRange,
    solutionRange: problem.solutionRange,
  };
}

export function problemReport(result: ProblemResult | ScaleResult): ProblemReport {
  if ('samples' in result) {
    return {
      ...problemHeader(result.problem),
      accepted: result.samples.some((s) => s.accepted),
      rounds: result.samples.flatMap((s) => s.rounds.map((r) => roundReport(r, s.sample))),
      votes: result.votes,
      votedOver: result.votedOver,
      ...(result.answer !== undefined ? { answer: result.answer } : {}),
    };
  }
  return { ...problemHeader(result.problem), accepted: result.accepted, rounds: result.rounds.map((r) => roundReport(r)) };
}

const MARK = { correct: '✓', wrong: '✗', unknown: '?' } as const;

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function renderRound(round: RoundReport, lines: string[]): void {
  const label = round.round === 0 ? (round.sample !== undefined ? 'solution' : 'given solution') : `refinement ${round.round}`;
  lines.push(`  ${round.sample !== undefined ? `Sample ${round.sample + 1}, ` : ''}${label}${round.partial ? ' (critique cut off: partial)' : ''}:`);
  for (const step of round.steps) {
    lines.push(`    ${MARK[step.verdict]} ${step.index + 1}. ${oneLine(step.text)}`);
    for (const v of step.verdicts) {
      const detail = [v.explanation, v.computed ? `computed ${v.computed}` : ''].filter(Boolean).join('; ');
      const who = v.source === 'model' ? `model${v.model ? ` ${v.model}` : ''}` : v.source;
      lines.push(`        ${MARK[v.verdict]} ${who}${detail ? `: ${oneLine(detail, 300)}` : ''}`);
    }
  }
  if (round.sandbox) {
    const s = round.sandbox;
    const done = s.claims === 0 ? 'nothing left unchecked that SymPy can read' : `${s.claims} SymPy checks, ${s.verified} step${s.verified === 1 ? '' : 's'} verified, ${s.contradicted} contradicted, ${s.seconds.toFixed(1)} s`;
    lines.push(`    Sandbox: ${done}${s.skipped ? `; ${s.skipped}` : ''}`);
    if (s.modelChecks) {
      const m = s.modelChecks;
      lines.push(`    Model-written checks (evidence, not proof): ${m.written} of ${m.asked} steps got a program, ${m.passed} passed, ${m.failed} failed`);
    }
  }
  const answer = round.finalAnswer ? round.finalAnswer.raw : '(none found)';
  const verdict = round.finalAnswerVerdict === 'unknown' ? 'not judged' : round.finalAnswerVerdict;
  lines.push(`    Final answer ${answer}: ${MARK[round.finalAnswerVerdict]} ${verdict}${round.finalExplanation ? ` (${oneLine(round.finalExplanation, 200)})` : ''}`);
}

export function renderReportText(report: CritiqueReport): string {
  const lines: string[] = [];
  for (const problem of report.problems) {
    const title = problem.title && !/^problem\s*\d+$/i.test(problem.title.trim()) ? ` (${problem.title})` : '';
    lines.push(`Problem ${problem.index + 1}${title}: ${oneLine(problem.question, 120)}`);
    for (const round of problem.rounds) renderRound(round, lines);
    if (problem.votes) {
      const tally = problem.votes.map((v) => `${v.answer} ×${v.count}`).join(', ') || 'no answers';
      lines.push(`  Votes (${problem.votedOver === 'accepted' ? 'samples the critic accepted' : 'all samples: the critic accepted none'}): ${tally}${problem.answer !== undefined ? ` → ${problem.answer}` : ''}`);
    } else if (report.modelUsed && problem.rounds.length > 1) {
      const refinements = problem.rounds.length - 1;
      lines.push(`  ${problem.accepted ? 'Accepted' : 'Not accepted'} after ${refinements} refinement${refinements === 1 ? '' : 's'}.`);
    } else if (report.modelUsed) {
      lines.push(`  ${problem.accepted ? 'The critic accepts this solution.' : 'The critic does not accept this solution.'}`);
    }
    lines.push('');
  }
  if (report.modelUsed) lines.push(`Models: critic ${report.modelUsed.critic}${report.modelUsed.actor ? `, actor ${report.modelUsed.actor}` : ''}`);
  if (report.message) lines.push(report.message.charAt(0).toUpperCase() + report.message.slice(1) + '.');
  return lines.join('\n') + '\n';
}
