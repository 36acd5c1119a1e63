// Content-based identification: the guesslang model's opinion combined with syntax signatures. The model
// knows how code looks overall but confuses close relatives (C/C++, JS/TS) and ranks short programs
// poorly; the signatures know hard language facts. Both are summed as log-odds.
import { runGuesslang, type GuesslangResult } from './guesslang-model';
import { LANGUAGES } from './registry';
import { syntaxScores } from './signatures';
import type { LanguageId } from './types';

/** How much one nat of model log-probability counts against one unit of signature weight. */
const MODEL_WEIGHT = 1;
/** The model's log-probability ratio is clipped here so that it alone cannot veto a strong signature. */
const MODEL_FLOOR = -6;
/**
 * The model spreads ~2% over each of its 54 labels for text that is not code (prose, short lines); a top
 * label of ours above this counts as evidence on its own.
 */
const MODEL_CONFIDENT = 0.1;

export interface ContentRanking {
  /** Every supported language, best first, with softmax probabilities summing to 1. */
  ranking: { id: LanguageId; score: number }[];
  /** Whether anything (a positive signature, or the model confidently naming one of ours) points at a supported language. */
  hasEvidence: boolean;
  /** The model's raw output, empty for code below its minimum length. */
  model: GuesslangResult[];
}

/** Log-probability of each of our languages relative to the model's best one among ours (≤ 0). */
function modelEvidence(model: GuesslangResult[]): Map<LanguageId, number> {
  const evidence = new Map<LanguageId, number>();
  const ours = model.filter((r) => r.language !== undefined);
  const best = Math.max(...ours.map((r) => r.confidence));
  if (ours.length === 0 || !(best > 0)) return evidence;
  for (const r of ours) {
    const ratio = r.confidence > 0 ? Math.log(r.confidence / best) : MODEL_FLOOR;
    evidence.set(r.language as LanguageId, Math.max(MODEL_FLOOR, ratio));
  }
  return evidence;
}

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export async function rankByContent(code: string): Promise<ContentRanking> {
  const [model, syntax] = [await runGuesslang(code), syntaxScores(code)];
  const fromModel = modelEvidence(model);
  const ids = LANGUAGES.map((l) => l.id);
  const combined = ids.map((id) => (syntax.get(id) ?? 0) + MODEL_WEIGHT * (fromModel.get(id) ?? 0));
  const probabilities = softmax(combined);
  const ranking = ids.map((id, i) => ({ id, score: probabilities[i] })).sort((a, b) => b.score - a.score);
  const confidentModel = model[0]?.language !== undefined && model[0].confidence >= MODEL_CONFIDENT;
  const hasEvidence = [...syntax.values()].some((v) => v > 0) || confidentModel;
  return { ranking, hasEvidence, model };
}
