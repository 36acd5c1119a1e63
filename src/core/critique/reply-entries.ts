// What a critic's reply says before it is tied to the note's steps: a list of judged sentences and a final verdict.
import type { ModelVerdict } from './verdict-words';

export interface CritiqueEntry {
  /** The step sentence as the critic repeated it (may be empty when the critic gave none). */
  sentence: string;
  /** Undefined while the verdict has not arrived (streaming) or when the critic's wording states none. */
  verdict?: ModelVerdict;
  explanation?: string;
  /** The critic judged this step only through its final-answer verdict (the sentence was the answer line). */
  judgedWithFinalAnswer?: boolean;
}

export interface CritiqueEntries {
  format: 'text' | 'json';
  entries: CritiqueEntry[];
  finalAnswerCorrect?: boolean;
  finalExplanation?: string;
  /** The reply stops inside an entry that has no verdict and no final verdict followed: it looks cut off. */
  endsUnfinished: boolean;
}
