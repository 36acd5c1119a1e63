// Which of the note's steps each judged sentence of the critic's reply refers to. Critics merge, split, renumber
// and paraphrase steps, so we align by content: a monotone alignment (dynamic programming) that maximises token
// similarity, where a sentence may cover a run of consecutive steps (merged), several sentences may share one
// step (split), and a sentence with no convincing match, or with two equally good ones, stays unmatched.
import { bagOverlap, bagWeight, mergeBags, tokenBag, type TokenBag } from './token-similarity';

export interface StepSpan {
  /** First and last step index covered (equal unless the critic merged steps). */
  first: number;
  last: number;
  /** Match quality in [0, ~1.1]. */
  score: number;
}

export interface AlignmentOptions {
  /** Share of the sentence's weighted tokens that must be found in the step(s). */
  minPrecision?: number;
  /** For a span of several steps: share of the sentence each end step must contribute. */
  minStepShare?: number;
  /** Candidates scoring more than this below a sentence's best match are not considered for it. */
  margin?: number;
  maxMergedSteps?: number;
}

const DEFAULTS: Required<AlignmentOptions> = { minPrecision: 0.5, minStepShare: 0.1, margin: 0.2, maxMergedSteps: 4 };

interface Candidate extends StepSpan {
  sentence: number;
}

function precisionOf(sentence: TokenBag, sentenceWeight: number, steps: TokenBag[], first: number, last: number): number {
  if (first > last) return 0;
  const covered = first === last ? steps[first] : mergeBags(steps.slice(first, last + 1));
  return bagOverlap(sentence, covered) / sentenceWeight;
}

function spanScore(sentence: TokenBag, steps: TokenBag[], first: number, last: number, opts: Required<AlignmentOptions>): number | undefined {
  const sentenceWeight = bagWeight(sentence);
  if (sentenceWeight === 0) return undefined;
  const covered = first === last ? steps[first] : mergeBags(steps.slice(first, last + 1));
  const coveredWeight = bagWeight(covered);
  if (coveredWeight === 0) return undefined;
  const overlap = bagOverlap(sentence, covered);
  const precision = overlap / sentenceWeight;
  if (precision < opts.minPrecision) return undefined;
  // A sentence spanning several steps (merged, or straddling a step boundary) must need each end step: dropping
  // either must lose a real share of the sentence's tokens.
  if (last > first) {
    const withoutFirst = precisionOf(sentence, sentenceWeight, steps, first + 1, last);
    const withoutLast = precisionOf(sentence, sentenceWeight, steps, first, last - 1);
    if (precision - withoutFirst < opts.minStepShare || precision - withoutLast < opts.minStepShare) return undefined;
  }
  const recall = overlap / coveredWeight;
  // Precision decides; recall breaks ties in favour of the step the sentence restates most completely.
  return precision + 0.1 * recall - 0.02 * (last - first);
}

function candidatesFor(index: number, sentence: TokenBag, steps: TokenBag[], opts: Required<AlignmentOptions>): Candidate[] {
  const all: Candidate[] = [];
  for (let first = 0; first < steps.length; first++) {
    for (let last = first; last < Math.min(steps.length, first + opts.maxMergedSteps); last++) {
      const score = spanScore(sentence, steps, first, last, opts);
      if (score !== undefined) all.push({ sentence: index, first, last, score });
      else if (last > first) break; // A longer span only adds steps the sentence does not cover.
    }
  }
  const best = Math.max(0, ...all.map((c) => c.score));
  return all.filter((c) => c.score >= best - opts.margin);
}

/**
 * For each sentence, the span of steps it refers to, or undefined. Order is respected: a sentence never maps
 * before the previous matched sentence's span (it may start on that span's last step, as split sentences do).
 */
export function alignSentencesToSteps(sentences: string[], stepTexts: string[], options: AlignmentOptions = {}): (StepSpan | undefined)[] {
  const opts = { ...DEFAULTS, ...options };
  const stepBags = stepTexts.map(tokenBag);
  const candidates = sentences.map((s, i) => candidatesFor(i, tokenBag(s), stepBags, opts));
  const m = sentences.length;
  const n = stepTexts.length;
  // best[i][j]: top score with sentences < i placed and steps < j used (j = 1 + last step used, 0 = none yet).
  const best: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(-Infinity));
  const choice: (Candidate | null)[][] = Array.from({ length: m + 1 }, () => new Array<Candidate | null>(n + 1).fill(null));
  const from: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(-1));
  best[0][0] = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= n; j++) {
      const here = best[i][j];
      if (here === -Infinity) continue;
      if (here > best[i + 1][j]) {
        best[i + 1][j] = here;
        choice[i + 1][j] = null;
        from[i + 1][j] = j;
      }
      for (const c of candidates[i]) {
        // A sentence may start on the step where the previous one ended (split steps, sentences straddling lines).
        if (c.first < j - 1) continue;
        // Each matched sentence earns 1 plus its quality: more sentences placed beats marginally better scores.
        const total = here + 1 + c.score;
        const next = c.last + 1;
        if (total > best[i + 1][next]) {
          best[i + 1][next] = total;
          choice[i + 1][next] = c;
          from[i + 1][next] = j;
        }
      }
    }
  }
  let j = 0;
  for (let k = 1; k <= n; k++) if (best[m][k] > best[m][j]) j = k;
  const result: (StepSpan | undefined)[] = new Array(m).fill(undefined);
  for (let i = m; i > 0; i--) {
    const c = choice[i][j];
    if (c) result[i - 1] = { first: c.first, last: c.last, score: c.score };
    j = from[i][j];
  }
  return dropAmbiguous(result, candidates);
}

/**
 * A sentence that could equally well sit on another step strictly between its matched neighbours is left
 * unmatched: the order of the reply does not tell which of the two it meant.
 */
function dropAmbiguous(result: (StepSpan | undefined)[], candidates: Candidate[][]): (StepSpan | undefined)[] {
  return result.map((span, i) => {
    if (!span) return span;
    const before = result.slice(0, i).reverse().find(Boolean);
    const after = result.slice(i + 1).find(Boolean);
    const low = before ? before.last : -1;
    const high = after ? after.first : Infinity;
    const rival = candidates[i].some(
      (c) => c.first > low && c.last < high && (c.last < span.first || c.first > span.last) && Math.abs(c.score - span.score) < 0.01,
    );
    return rival ? undefined : span;
  });
}
