// Entry points for front ends: critique a problem's solution, refine it with the actor until the critic accepts,
// or sample several solutions and vote. Without a configured critic, only the symbolic checker runs and the
// result says that no model was used.
import { ChatClient } from '../models/chat-client';
import { refineWithActor, solveWithActor } from './actor';
import { mapBounded } from './bounded-map';
import { callCritic } from './critic';
import { problemWithSolution, solutionTextOf } from './model-solution';
import type { CritiqueRound, ModelUse, PipelineOptions, ProblemResult, ScaleResult, ScaleSample } from './pipeline-types';
import { modelWrittenChecks } from './sandbox/model-checks';
import { verifyInSandbox } from './sandbox/verifier';
import { checkProblem } from './symbolic';
import type { Critique, MathProblem } from './types';
import { isAccepted, mergeVerdicts, symbolicVerdicts } from './verdict-merge';
import { critiqueWeightedVote } from './vote';

export const NO_MODEL_MESSAGE =
  'no model was used: no critic endpoint is configured (set MPLSANDBOX_CRITIC_BASE_URL and MPLSANDBOX_CRITIC_MODEL), so only the symbolic checker ran';

export interface RefineOptions extends PipelineOptions {
  /** Refinements at most (rounds after the first critique); default 3. */
  maxRounds?: number;
}

export interface ScaleOptions extends PipelineOptions {
  samples: number;
  /** `solve`: the actor answers the question afresh N times; `refine`: N refinements of the given solution. */
  source?: 'solve' | 'refine';
  /** Refinements per sample after its first critique; default 0 for `solve`, 1 for `refine`. */
  maxRounds?: number;
  /** Samples in flight at once; default 2. */
  concurrency?: number;
  /** Actor temperature for sampling; default max(0.7, configured). */
  temperature?: number;
}

interface Context {
  options: PipelineOptions;
  critic?: ChatClient;
  actor?: ChatClient;
}

function contextFor(options: PipelineOptions): Context {
  const make = (role: 'critic' | 'actor') => {
    const config = options.models[role];
    if (!config) return undefined;
    return new ChatClient(config, {
      role,
      retry: options.retry,
      onRetry: (notice) => options.onEvent?.({ type: 'retry', role, retry: notice.retry, delayMs: notice.delayMs, message: notice.error.message }),
    });
  };
  return { options, critic: options.clients?.critic ?? make('critic'), actor: options.clients?.actor ?? make('actor') ?? options.clients?.critic };
}

function modelUse(ctx: Context, actorUsed: boolean): ModelUse {
  if (!ctx.critic) return false;
  return { critic: ctx.critic.config.model, ...(actorUsed && ctx.actor ? { actor: ctx.actor.config.model } : {}) };
}

async function judge(ctx: Context, problem: MathProblem, solution: string, round: number, sample?: number): Promise<CritiqueRound> {
  const inProcess = checkProblem(problem);
  const sandboxed = ctx.options.sandbox ? await verifyInSandbox(ctx.options.sandbox, problem, inProcess, ctx.options.signal) : undefined;
  if (sandboxed && ctx.options.sandbox && ctx.options.modelChecks && ctx.critic) {
    const checked = await modelWrittenChecks(ctx.critic, ctx.options.sandbox, problem, sandboxed.findings, ctx.options.signal);
    sandboxed.findings = checked.findings;
    sandboxed.summary.modelChecks = checked.summary;
  }
  const symbolic = sandboxed?.findings ?? inProcess;
  const fromChecker = symbolicVerdicts(symbolic);
  const base = {
    round,
    solution,
    steps: problem.steps,
    ...(problem.finalAnswer ? { finalAnswer: { raw: problem.finalAnswer.raw, normalized: problem.finalAnswer.normalized } } : {}),
    symbolic,
    ...(sandboxed ? { sandbox: sandboxed.summary } : {}),
  };
  if (!ctx.critic) {
    const critique: Critique = { steps: fromChecker, partial: false, raw: '' };
    return { ...base, critique, accepted: false };
  }
  const { options } = ctx;
  const call = await callCritic(ctx.critic, problem, symbolic, {
    format: options.format ?? 'text',
    prompt: options.prompt,
    stream: options.stream ?? true,
    signal: options.signal,
    onProgress: options.onEvent && ((critique) => options.onEvent?.({ type: 'critique-progress', round, sample, critique })),
  });
  const parsed = call.critique;
  const critique: Critique = {
    steps: mergeVerdicts(fromChecker, parsed.steps),
    ...(parsed.finalAnswerCorrect !== undefined ? { finalAnswerCorrect: parsed.finalAnswerCorrect } : {}),
    partial: parsed.partial,
    raw: parsed.raw,
  };
  const judged: CritiqueRound = {
    ...base,
    critique,
    accepted: isAccepted(critique),
    reply: {
      format: parsed.format,
      alignment: parsed.alignment,
      unjudgedSteps: parsed.unjudgedSteps,
      finishReason: call.finishReason,
      ...(parsed.finalExplanation ? { finalExplanation: parsed.finalExplanation } : {}),
    },
  };
  options.onEvent?.({ type: 'round-done', round: judged, sample });
  return judged;
}

/** Judges the problem's solution once: symbolic findings plus, when a critic is configured, the critic's verdicts. */
export async function critiqueProblem(problem: MathProblem, options: PipelineOptions): Promise<ProblemResult> {
  const ctx = contextFor(options);
  const round = await judge(ctx, problem, solutionTextOf(problem), 0);
  return {
    problem,
    rounds: [round],
    accepted: round.accepted,
    modelUsed: modelUse(ctx, false),
    ...(ctx.critic ? {} : { message: NO_MODEL_MESSAGE }),
  };
}

async function refineFrom(ctx: Context, problem: MathProblem, first: CritiqueRound, maxRounds: number, sample?: number, temperature?: number): Promise<CritiqueRound[]> {
  const rounds = [first];
  let current = problem;
  while (!rounds[rounds.length - 1].accepted && rounds.length <= maxRounds) {
    const last = rounds[rounds.length - 1];
    const round = rounds.length;
    const text = await refineWithActor(ctx.actor as ChatClient, current, last.critique, last.reply?.finalExplanation, {
      stream: ctx.options.stream ?? true,
      signal: ctx.options.signal,
      temperature,
      onText: ctx.options.onEvent && ((t) => ctx.options.onEvent?.({ type: 'actor-progress', round, sample, text: t })),
    });
    const next = problemWithSolution(problem, text);
    current = next.problem;
    rounds.push(await judge(ctx, current, next.solution, round, sample));
  }
  return rounds;
}

/**
 * Critique, then let the actor rewrite the solution from the critique and judge it again, until the critic accepts
 * or `maxRounds` refinements were made. Every round is kept.
 */
export async function refineProblem(problem: MathProblem, options: RefineOptions): Promise<ProblemResult> {
  const ctx = contextFor(options);
  const first = await judge(ctx, problem, solutionTextOf(problem), 0);
  if (!ctx.critic) return { problem, rounds: [first], accepted: false, modelUsed: false, message: NO_MODEL_MESSAGE };
  const rounds = await refineFrom(ctx, problem, first, options.maxRounds ?? 3);
  return { problem, rounds, accepted: rounds[rounds.length - 1].accepted, modelUsed: modelUse(ctx, rounds.length > 1) };
}

/**
 * Test-time scaling: N sampled solutions (or refinements), each judged by the critic; majority vote over the
 * final answers of the accepted ones, or of all when the critic accepted none.
 */
export async function scaleProblem(problem: MathProblem, options: ScaleOptions): Promise<ScaleResult> {
  const ctx = contextFor(options);
  const source = options.source ?? 'solve';
  if (!ctx.critic || !ctx.actor) {
    const only = await judge(ctx, problem, solutionTextOf(problem), 0);
    const samples: ScaleSample[] = [{ sample: 0, rounds: [only], accepted: false }];
    const vote = critiqueWeightedVote([{ sample: 0, answer: only.finalAnswer?.normalized, accepted: false }]);
    return { problem, samples, ...vote, modelUsed: false, message: NO_MODEL_MESSAGE };
  }
  const temperature = options.temperature ?? Math.max(0.7, ctx.actor.config.temperature);
  const maxRounds = options.maxRounds ?? (source === 'refine' ? 1 : 0);
  // Refinements all start from the same critique of the given solution: judge it once.
  const original = source === 'refine' ? await judge(ctx, problem, solutionTextOf(problem), 0) : undefined;
  const indexes = Array.from({ length: Math.max(1, options.samples) }, (_, i) => i);
  const samples = await mapBounded(
    indexes,
    options.concurrency ?? 2,
    async (sample): Promise<ScaleSample> => {
      let rounds: CritiqueRound[];
      if (original) {
        // Force one refinement per sample even if the original was accepted: the samples are the refinements.
        const forced = { ...original, accepted: false };
        rounds = (await refineFrom(ctx, problem, forced, Math.max(1, maxRounds), sample, temperature)).slice(1);
      } else {
        const text = await solveWithActor(ctx.actor as ChatClient, problem, {
          stream: options.stream ?? true,
          signal: options.signal,
          temperature,
          onText: options.onEvent && ((t) => options.onEvent?.({ type: 'actor-progress', round: 0, sample, text: t })),
        });
        const solved = problemWithSolution(problem, text);
        const first = await judge(ctx, solved.problem, solved.solution, 0, sample);
        rounds = await refineFrom(ctx, solved.problem, first, maxRounds, sample, temperature);
      }
      return { sample, rounds, accepted: rounds[rounds.length - 1].accepted };
    },
    options.signal,
  );
  const vote = critiqueWeightedVote(
    samples.map((s) => ({ sample: s.sample, answer: s.rounds[s.rounds.length - 1].finalAnswer?.normalized, accepted: s.accepted })),
  );
  return { problem, samples, ...vote, modelUsed: modelUse(ctx, true) };
}
