// What front ends (CLI, VS Code) pass to and get from the critique pipeline.
import type { ChatClient } from '../models/chat-client';
import type { ModelRoles } from '../models/config';
import type { RetryPolicy } from '../models/retry';
import type { CriticPromptStyle } from './processbench-prompt';
import type { CritiqueFormat } from './prompts';
import type { SandboxRunner, SandboxSummary } from './sandbox/verifier';
import type { EntryAlignment, ParsedCritique } from './reply-parser';
import type { Critique, MathProblem, MathStep, SymbolicFinding } from './types';
import type { AnswerVote } from './vote';

export interface PipelineOptions {
  /** From `resolveModelRoles`; without a critic only the symbolic checker runs. */
  models: ModelRoles;
  /** The critic's reply format; default `text` (AutoMathCritique's). */
  format?: CritiqueFormat;
  /** How the critic is asked: AutoMathCritique's per-step verdicts (default) or ProcessBench's earliest wrong step. */
  prompt?: CriticPromptStyle;
  /** Stream replies (default true): progress events then show verdicts as they arrive. */
  stream?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: PipelineEvent) => void;
  retry?: Partial<RetryPolicy>;
  /**
   * Check the steps the in-process checker leaves `unchecked` with SymPy in the Python sandbox (through
   * the engine's run path). Without it, or when the sandbox cannot run, the round says what was skipped.
   */
  sandbox?: SandboxRunner;
  /**
   * With `sandbox` and a critic: the critic also writes a check program for each step still unchecked, run in
   * the sandbox; its outcome is a `sandbox` verdict marked as model-written (evidence, not proof).
   */
  modelChecks?: boolean;
  /** Ready-made clients (tests, a front end that keeps them); otherwise made from `models`. */
  clients?: { critic?: ChatClient; actor?: ChatClient };
}

export type PipelineEvent =
  | { type: 'critique-progress'; round: number; sample?: number; critique: ParsedCritique }
  | { type: 'actor-progress'; round: number; sample?: number; text: string }
  | { type: 'round-done'; round: CritiqueRound; sample?: number }
  | { type: 'retry'; role: 'critic' | 'actor'; retry: number; delayMs: number; message: string };

/** The model names used, or false when no model was configured and only the symbolic checker ran. */
export type ModelUse = false | { critic: string; actor?: string };

export interface CritiqueRound {
  /** 0: the solution as given (or as sampled); k: after k refinements. */
  round: number;
  solution: string;
  steps: MathStep[];
  finalAnswer?: { raw: string; normalized: string };
  /** The checkers' findings: the in-process checker's, and the sandbox's (source `sandbox`) when it ran. */
  symbolic: SymbolicFinding[];
  /** What the sandbox checked, when sandbox checks were asked for. */
  sandbox?: SandboxSummary;
  /** Symbolic and model verdicts (see `source`), the final-answer verdict, partial flag and the raw reply. */
  critique: Critique;
  /** The critic accepted the solution (see `isAccepted`). */
  accepted: boolean;
  /** How the critic's reply was read, when a model was used. */
  reply?: { format: ParsedCritique['format']; alignment: EntryAlignment[]; unjudgedSteps: number[]; finishReason: string; finalExplanation?: string };
}

export interface ProblemResult {
  problem: MathProblem;
  /** Every round, oldest first; one round for a plain critique. */
  rounds: CritiqueRound[];
  /** The last round was accepted. */
  accepted: boolean;
  modelUsed: ModelUse;
  /** E.g. why no model was used. */
  message?: string;
}

export interface ScaleSample {
  sample: number;
  /** The sample's rounds (one unless samples are refinements with several rounds). */
  rounds: CritiqueRound[];
  accepted: boolean;
}

export interface ScaleResult {
  problem: MathProblem;
  samples: ScaleSample[];
  votedOver: 'accepted' | 'all';
  votes: AnswerVote[];
  /** Winning normalized answer. */
  answer?: string;
  modelUsed: ModelUse;
  message?: string;
}
