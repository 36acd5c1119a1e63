/** One equality the checker looked at inside a step, and what it found. */
export interface Computation {
  status: 'verified' | 'contradicted' | 'unchecked';
  /** The equality as found in the step, e.g. `16 - 3 - 4 = 9`. */
  checked: string;
  /** For a contradiction: the value the checker computed. */
  computed?: string;
  explanation?: string;
  /**
   * Offsets (in the checked text) of the written result that was compared with the computed value, when it
   * is a number literal: the place a model would have to get a computation wrong.
   */
  result?: { start: number; end: number };
}
