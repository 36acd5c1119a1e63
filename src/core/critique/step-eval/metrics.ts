/**
 * ProcessBench's measure: on solutions with an error, a prediction counts when it names exactly the earliest
 * wrong step; on correct solutions, when it says −1. F1 is the harmonic mean of the two accuracies.
 */
import type { LabelledSolution } from './dataset';

export interface StepScores {
  erroneous: { total: number; correct: number; accuracy: number };
  correct: { total: number; correct: number; accuracy: number };
  /** Harmonic mean of the two accuracies, 0–100 as ProcessBench reports it. */
  f1: number;
}

export function scorePredictions(solutions: readonly LabelledSolution[], predictions: readonly number[]): StepScores {
  const erroneous = { total: 0, correct: 0, accuracy: 0 };
  const correct = { total: 0, correct: 0, accuracy: 0 };
  solutions.forEach((solution, i) => {
    const bucket = solution.label === -1 ? correct : erroneous;
    bucket.total++;
    if (predictions[i] === solution.label) bucket.correct++;
  });
  erroneous.accuracy = erroneous.total ? erroneous.correct / erroneous.total : 0;
  correct.accuracy = correct.total ? correct.correct / correct.total : 0;
  const sum = erroneous.accuracy + correct.accuracy;
  return { erroneous, correct, f1: sum > 0 ? (200 * erroneous.accuracy * correct.accuracy) / sum : 0 };
}

/** Published ProcessBench F1 (average over its GSM8K, MATH, OlympiadBench and Omni-MATH subsets; Zheng et al., 2024). */
export const PUBLISHED_PROCESSBENCH_F1: readonly { model: string; f1: number }[] = [
  { model: 'o1-mini', f1: 87.9 },
  { model: 'QwQ-32B-Preview', f1: 71.5 },
  { model: 'GPT-4o', f1: 61.9 },
  { model: 'Qwen2.5-Math-7B-PRM800K', f1: 56.5 },
  { model: 'Math-Shepherd-PRM-7B', f1: 31.5 },
];
