/**
 * Shared shapes of the math critique engine. Offsets are 0-based UTF-16 indexes into the note's text
 * (what VS Code's `positionAt` takes); lines and columns are 1-based, like `Diagnostic`.
 */
export interface SourceRange {
  startOffset: number;
  endOffset: number;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface MathStep {
  /** 0-based position of the step in its solution. */
  index: number;
  /** Exactly the source text of the step (Markdown/LaTeX as written). */
  source: string;
  /** The step as plain text for prompts and matching: list markers, `$` fences and trailing `\\` removed, whitespace folded. */
  text: string;
  range: SourceRange;
  /**
   * A row of display math (`$$…$$`, an align row): all of `text` is math, though it has no `$` fences left —
   * unless prose leads into the row (`Thus,`), when `text` is that prose and the row fenced: `Thus, \[x = 1\]`.
   */
  display?: boolean;
}

export interface FinalAnswer {
  /** As written, e.g. `\\frac{3}{4}` or `18 dollars`. */
  raw: string;
  /** Canonical form for comparison (see `normalizeAnswer`), e.g. `3/4`, `18`. */
  normalized: string;
  range: SourceRange;
}

export interface MathProblem {
  /** 0-based position of the problem in the note. */
  index: number;
  title?: string;
  question: string;
  questionRange: SourceRange;
  /** Range of the whole solution, the span a "replace solution" edit touches. */
  solutionRange: SourceRange;
  steps: MathStep[];
  finalAnswer?: FinalAnswer;
}

export interface ParsedNote {
  problems: MathProblem[];
  /** Why nothing was recognised, e.g. "no solution steps found"; set when `problems` is empty. */
  message?: string;
}

/**
 * `sandbox`: a SymPy check run in the Python sandbox (deterministic, from the step's math); `model`: the critic.
 */
export type StepVerdictSource = 'symbolic' | 'sandbox' | 'model';

export interface SymbolicFinding {
  stepIndex: number;
  /** Who checked it: the in-process checker (default) or SymPy in the sandbox. */
  source?: 'symbolic' | 'sandbox';
  /** For a sandbox finding from a check program a model wrote: that model (evidence, not proof). */
  checkedBy?: string;
  status: 'verified' | 'contradicted' | 'unchecked';
  /** The expression or equation that was checked, as found in the step. */
  checked?: string;
  /** For a contradiction: what the checker computed, e.g. `9` where the step says `8`. */
  computed?: string;
  explanation?: string;
}

export interface StepVerdict {
  stepIndex: number;
  source: StepVerdictSource;
  /** `correct`/`wrong` for a model; symbolic verdicts map verified→correct, contradicted→wrong, unchecked→unknown. */
  verdict: 'correct' | 'wrong' | 'unknown';
  explanation?: string;
  /** Model name for `model` verdicts. */
  model?: string;
  computed?: string;
}

export interface Critique {
  steps: StepVerdict[];
  /** The critic's verdict on the final answer; undefined when the reply had none. */
  finalAnswerCorrect?: boolean;
  /** True when the reply was cut off (stream ended early, max tokens) and not every step was judged. */
  partial: boolean;
  /** The critic's raw reply, kept for the history and for debugging. */
  raw: string;
}
