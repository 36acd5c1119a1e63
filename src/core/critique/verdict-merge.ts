// Symbolic findings as verdicts next to the model's, and when a judged solution counts as accepted.
import type { Critique, StepVerdict, SymbolicFinding } from './types';

const SYMBOLIC_VERDICT = { verified: 'correct', contradicted: 'wrong', unchecked: 'unknown' } as const;

export function symbolicVerdicts(findings: SymbolicFinding[]): StepVerdict[] {
  return findings.map((f) => ({
    stepIndex: f.stepIndex,
    source: f.source ?? ('symbolic' as const),
    verdict: SYMBOLIC_VERDICT[f.status],
    ...(f.explanation ? { explanation: f.explanation } : f.checked ? { explanation: `checked ${f.checked}` } : {}),
    ...(f.computed ? { computed: f.computed } : {}),
    ...(f.checkedBy ? { model: f.checkedBy } : {}),
  }));
}

/** Both sources, ordered by step, the checkers' verdicts first within a step. */
export function mergeVerdicts(symbolic: StepVerdict[], model: StepVerdict[]): StepVerdict[] {
  return [...symbolic, ...model].sort((a, b) => a.stepIndex - b.stepIndex || (a.source === b.source ? 0 : a.source !== 'model' ? -1 : 1));
}

/**
 * The critic accepts a solution when it judged the final answer correct and no step wrong (or unclear), and the
 * symbolic checker contradicted nothing. Steps the critic did not mention do not block acceptance.
 */
export function isAccepted(critique: Critique): boolean {
  if (critique.finalAnswerCorrect !== true || critique.partial) return false;
  return critique.steps.every((v) => (v.source === 'model' ? v.verdict === 'correct' : v.verdict !== 'wrong'));
}
