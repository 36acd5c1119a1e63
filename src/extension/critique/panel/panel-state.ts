// A critique as the panel's view model (the protocol's PanelState): every judged round, the round still streaming,
// the votes. Plain data only; the webview renders it.
import type { CritiqueRound } from '../../../core/critique/pipeline-types';
import type { MathStep, StepVerdict } from '../../../core/critique/types';
import type { PanelState, RoundView, SourceVerdictView, StepView } from '../../../shared/critique-protocol';
import { combinedVerdict, type ProblemCritique } from '../critique-store';

function sourceVerdict(v: StepVerdict): SourceVerdictView {
  return {
    source: v.source,
    label: v.source === 'symbolic' ? 'symbolic checker' : v.source === 'sandbox' ? 'SymPy in the sandbox' : (v.model ?? 'critic'),
    verdict: v.verdict,
    ...(v.explanation ? { explanation: v.explanation } : {}),
    ...(v.computed ? { computed: v.computed } : {}),
  };
}

function stepView(step: MathStep, verdicts: StepVerdict[], streaming: boolean): StepView {
  const combined = combinedVerdict(verdicts);
  const modelJudged = verdicts.some((v) => v.source === 'model');
  return {
    index: step.index,
    source: step.source,
    verdict: streaming && !modelJudged && combined !== 'wrong' ? 'pending' : combined,
    verdicts: verdicts.filter((v) => v.verdict !== 'unknown' || v.source === 'model').map(sourceVerdict),
  };
}

function judgedRound(round: CritiqueRound, sample: number | undefined): RoundView {
  const final = round.critique.finalAnswerCorrect;
  return {
    round: round.round,
    ...(sample !== undefined ? { sample } : {}),
    solution: round.solution,
    steps: round.steps.map((s) => stepView(s, round.critique.steps.filter((v) => v.stepIndex === s.index), false)),
    ...(round.finalAnswer ? { finalAnswer: round.finalAnswer.raw } : {}),
    finalAnswerVerdict: final === undefined ? 'unknown' : final ? 'correct' : 'wrong',
    ...(round.reply?.finalExplanation ? { finalExplanation: round.reply.finalExplanation } : {}),
    accepted: round.accepted,
    partial: round.critique.partial,
    streaming: false,
  };
}

/** The note's own solution while its critique streams: the tracked steps already carry symbolic and model verdicts. */
function originalWhileStreaming(critique: ProblemCritique): RoundView {
  const { problem } = critique;
  return {
    round: 0,
    solution: critique.solutionText,
    steps: problem.steps.map((s) => stepView(s, critique.steps.find((t) => t.index === s.index)?.verdicts ?? [], critique.status === 'running')),
    ...(problem.finalAnswer ? { finalAnswer: problem.finalAnswer.raw } : {}),
    finalAnswerVerdict: 'unknown',
    accepted: false,
    partial: true,
    streaming: critique.status === 'running',
  };
}

function liveRound(critique: ProblemCritique): RoundView | undefined {
  const live = critique.live;
  if (!live || (live.round === 0 && live.sample === undefined)) return undefined;
  const verdicts = live.critique?.steps ?? [];
  const final = live.critique?.finalAnswerCorrect;
  return {
    round: live.round,
    ...(live.sample !== undefined ? { sample: live.sample } : {}),
    solution: live.actorDraft ?? '',
    steps: live.steps.map((s) => stepView(s, verdicts.filter((v) => v.stepIndex === s.index), true)),
    finalAnswerVerdict: final === undefined ? 'unknown' : final ? 'correct' : 'wrong',
    accepted: false,
    partial: true,
    streaming: true,
  };
}

export function panelStateOf(critique: ProblemCritique): PanelState {
  const hasOriginal = critique.rounds.some((r) => r.round.round === 0 && r.sample === undefined);
  const rounds: RoundView[] = [
    ...(hasOriginal ? [] : [originalWhileStreaming(critique)]),
    ...critique.rounds.map((r) => judgedRound(r.round, r.sample)),
  ];
  const live = liveRound(critique);
  if (live) rounds.push(live);
  const { problem } = critique;
  return {
    problem: {
      documentUri: critique.uri,
      documentName: critique.documentName,
      index: problem.index,
      ...(problem.title ? { title: problem.title } : {}),
      question: problem.question,
      originalSolution: critique.solutionText,
    },
    status: critique.status,
    statusText: critique.statusText,
    ...(critique.modelLabel ? { modelLabel: critique.modelLabel } : {}),
    rounds,
    ...(critique.live?.actorDraft !== undefined ? { actorDraft: critique.live.actorDraft } : {}),
    ...(critique.votes ? { votes: critique.votes } : {}),
  };
}
