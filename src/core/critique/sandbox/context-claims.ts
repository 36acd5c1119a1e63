/**
 * Claims checked against what the note said before them. The equations of the problem and of earlier steps
 * (and earlier in the same step) form a system; a later equality with unknowns (`x = 3`, `11p + 4q = 190`,
 * `(p, q, r) = (6, 31, -1)`) is verified when it follows from that system — its numerator lies in the ideal
 * the earlier numerators generate (a Gröbner basis decides that, in the sandbox), or the value satisfies
 * every earlier equation in its unknown. A boxed answer is verified when it equals a result of the step
 * before it. These checks only verify: a context that mixes cases or reuses a letter proves nothing wrong.
 */
import { matchBrace } from '../answers';
import type { SympyExpression } from './latex-to-sympy';

/** An earlier equation of the note: `lhs = rhs` with at least one unknown. */
export interface Fact {
  lhs: SympyExpression;
  rhs: SympyExpression;
}

export interface FollowsClaim {
  kind: 'follows';
  step: number;
  text: string;
  lhs: SympyExpression;
  rhs: SympyExpression;
  facts: Fact[];
  mayContradict: false;
}

export interface AnswerClaim {
  kind: 'answer';
  step: number;
  text: string;
  answer: SympyExpression;
  /** The results (last sides of the equality chains) of the step before. */
  results: SympyExpression[];
  resultStep: number;
  mayContradict: false;
}

/** Steps whose equations hold only under an assumption: they are no facts for later steps. */
export const CONDITIONAL = /\b(?:if|suppose|assume|assuming|case|cases|either|otherwise|unless|when)\b/i;
/** `Setting y = 1, we get …`: the value holds in its step only. */
export const SUBSTITUTION = /\b(?:setting|set|substituting|substitute|plugging|plug|putting|taking|at|for)\b/i;
/** Earlier equations a claim is checked against: the latest ones, the problem's first. */
export const MAX_FACTS = 16;

/** The contents of every `\boxed{…}` in a piece of math. */
export function boxedContents(latex: string): string[] {
  const found: string[] = [];
  const re = /\\(?:boxed|fbox)\s*\{/g;
  for (let m = re.exec(latex); m; m = re.exec(latex)) {
    const open = m.index + m[0].length - 1;
    const close = matchBrace(latex, open);
    if (close > 0) found.push(latex.slice(open + 1, close - 1));
  }
  return found;
}

/** Whether an equation can stand in a system of numbers: no `i`/`e` that may be constants, no matrices or vectors. */
export function usableFact(lhs: SympyExpression, rhs: SympyExpression): boolean {
  const unknowns = lhs.symbols.length + rhs.symbols.length + (lhs.functions?.length ?? 0) + (rhs.functions?.length ?? 0);
  return unknowns > 0 && !lhs.ambiguous && !rhs.ambiguous && scalar(lhs) && scalar(rhs);
}

/** `\\mathbf{a}` is a vector, which a polynomial system of numbers would misread. */
export function scalar(e: SympyExpression): boolean {
  return !/Matrix\(/.test(e.code) && !e.symbols.some((s) => s.endsWith('_bold'));
}

/** The facts a claim is checked against: the problem's, then the latest of the solution's. */
export function factsFor(question: readonly Fact[], solution: readonly Fact[]): Fact[] {
  const fromQuestion = question.slice(0, MAX_FACTS / 2);
  return [...fromQuestion, ...solution.slice(-(MAX_FACTS - fromQuestion.length))];
}

/** `t = 2x` or `f(x) = 3x + 1` right after `Let`: a new name, which no earlier equation can imply. */
export function definesNewName(lhs: SympyExpression, known: ReadonlySet<string>): boolean {
  if (/^S_\w+$/.test(lhs.code)) return !known.has(lhs.symbols[0]);
  const application = /^\(?F_(\w+)\(S_\w+\)\)?$/.exec(lhs.code);
  return application !== null && !known.has(`${application[1]}()`);
}
