/**
 * Runs the checkers over labelled solutions and scores them the ProcessBench way. Each solution is judged
 * once per checker: the symbolic checker, the sandbox checks when given, the model critic when given, and
 * the combination (the earliest step any of them calls wrong). A model reply without a readable verdict
 * counts as a miss for that solution, as in ProcessBench.
 */
import type { ChatClient } from '../../models/chat-client';
import { mapBounded } from '../bounded-map';
import { callCritic } from '../critic';
import { stepText } from '../notes';
import type { CriticPromptStyle } from '../processbench-prompt';
import { checkProblem } from '../symbolic';
import type { MathProblem, SourceRange, SymbolicFinding } from '../types';
import type { LabelledSolution } from './dataset';
import { scorePredictions, type StepScores } from './metrics';

export type CheckerName = 'symbolic' | 'sandbox' | 'model' | 'combined';

/** Sandbox verification of a problem's steps: the findings with sandbox results added (see critique/sandbox). */
export type SandboxVerifier = (problem: MathProblem, symbolic: SymbolicFinding[], signal?: AbortSignal) => Promise<SymbolicFinding[]>;

export interface StepEvalOptions {
  critic?: ChatClient;
  prompt?: CriticPromptStyle;
  sandbox?: SandboxVerifier;
  /** Model requests in flight at once; default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  onSolution?: (done: number, total: number) => void;
}

/** One solution's predictions: the earliest wrong step each checker names (−1: none; null: no readable verdict). */
export interface SolutionPrediction {
  id: string;
  label: number;
  steps: number;
  symbolic: number;
  sandbox?: number;
  model?: number | null;
  combined: number | null;
  /** Steps the symbolic checker (and the sandbox, when used) verified. */
  verifiedSteps: number;
}

export interface StepEvalResult {
  predictions: SolutionPrediction[];
  scores: Partial<Record<CheckerName, StepScores>>;
  seconds: number;
  /** Solutions per second over the whole run. */
  rate: number;
}

const NO_RANGE: SourceRange = { startOffset: 0, endOffset: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

export function problemOf(solution: LabelledSolution): MathProblem {
  return {
    index: 0,
    question: solution.problem,
    questionRange: NO_RANGE,
    solutionRange: NO_RANGE,
    steps: solution.steps.map((source, index) => ({ index, source, text: stepText(source), range: NO_RANGE })),
  };
}

function earliestContradiction(findings: SymbolicFinding[]): number {
  return findings.find((f) => f.status === 'contradicted')?.stepIndex ?? -1;
}

/** The earliest step any checker calls wrong; without a readable model verdict, the checkers' answer. */
function combine(checkers: number, model: number | null | undefined): number | null {
  if (model === undefined || model === null) return checkers;
  if (checkers === -1) return model;
  return model === -1 ? checkers : Math.min(checkers, model);
}

async function modelPrediction(critic: ChatClient, problem: MathProblem, findings: SymbolicFinding[], options: StepEvalOptions): Promise<number | null> {
  const call = await callCritic(critic, problem, findings, { format: 'text', prompt: options.prompt, stream: false, signal: options.signal });
  const { critique } = call;
  if (critique.format === 'unrecognized') return null;
  const wrong = critique.steps.find((s) => s.verdict === 'wrong');
  return wrong ? wrong.stepIndex : -1;
}

export async function evaluateSteps(solutions: readonly LabelledSolution[], options: StepEvalOptions = {}): Promise<StepEvalResult> {
  const start = performance.now();
  let done = 0;
  const predictions = await mapBounded(
    solutions,
    options.critic || options.sandbox ? (options.concurrency ?? 4) : 1,
    async (solution): Promise<SolutionPrediction> => {
      const problem = problemOf(solution);
      const symbolicFindings = checkProblem(problem);
      const symbolic = earliestContradiction(symbolicFindings);
      const verified = options.sandbox ? await options.sandbox(problem, symbolicFindings, options.signal) : symbolicFindings;
      const sandbox = options.sandbox ? earliestContradiction(verified) : undefined;
      // The critic judges alone (no checker evidence in its prompt), so that "model" measures the model and "combined" the union.
      const model = options.critic ? await modelPrediction(options.critic, problem, [], options) : undefined;
      options.onSolution?.(++done, solutions.length);
      return {
        id: solution.id,
        label: solution.label,
        steps: solution.steps.length,
        symbolic,
        ...(sandbox !== undefined ? { sandbox } : {}),
        ...(model !== undefined ? { model } : {}),
        combined: combine(sandbox ?? symbolic, model),
        verifiedSteps: verified.filter((f) => f.status === 'verified').length,
      };
    },
    options.signal,
  );
  const seconds = (performance.now() - start) / 1000;
  const scores: StepEvalResult['scores'] = { symbolic: scorePredictions(solutions, predictions.map((p) => p.symbolic)) };
  if (options.sandbox) scores.sandbox = scorePredictions(solutions, predictions.map((p) => p.sandbox ?? -1));
  if (options.critic) scores.model = scorePredictions(solutions, predictions.map((p) => (p.model === null ? Number.NaN : (p.model ?? -1))));
  if (options.critic || options.sandbox) scores.combined = scorePredictions(solutions, predictions.map((p) => p.combined ?? Number.NaN));
  return { predictions, scores, seconds, rate: solutions.length / Math.max(seconds, 1e-9) };
}
