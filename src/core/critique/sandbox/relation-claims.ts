/**
 * Inequalities: `\sqrt{2} < 1.5` is evaluated; an inequality in one unknown (`-2 < x - 1 < 4`, `(a + 1)(a - 3) \ge 0`)
 * is verified when every solution of the inequality before it (in the same step or the step before) solves it
 * too: SymPy solves both over the reals and compares the sets; one that holds for every real value of its unknowns
 * (wherever its sides are defined) is verified on its own. These checks only verify; a numeric inequality
 * SymPy finds false keeps its step from being verified by its other claims.
 */
import { latexChains, type Relation } from '../symbolic/latex-chains';
import { mathSpans } from '../symbolic/step-text';
import { latexToSympy, type SympyExpression, type TranslateOptions } from './latex-to-sympy';

export interface RelationPart {
  lhs: SympyExpression;
  relation: Relation;
  rhs: SympyExpression;
}

/** A chain with at least one inequality, all its sides translated. */
export interface RelationChain {
  text: string;
  parts: RelationPart[];
  /** The one unknown of the chain, if it has exactly one. */
  variable?: string;
  numeric: boolean;
}

export interface RelationClaim {
  kind: 'relation';
  step: number;
  text: string;
  parts: RelationPart[];
  mayContradict: false;
  numeric: true;
}

/** An inequality with unknowns that holds for every real value of them (`(a - b)^2 \ge 0`, QM ≥ AM in one unknown). */
export interface UniversalClaim {
  kind: 'universal';
  step: number;
  text: string;
  parts: RelationPart[];
  mayContradict: false;
}

export interface IntervalClaim {
  kind: 'interval';
  step: number;
  text: string;
  variable: string;
  previous: RelationPart[];
  next: RelationPart[];
  mayContradict: false;
}

/** The inequality chains of a step's math; `clean` is the sandbox's LaTeX clean-up. */
export function relationChains(text: string, clean: (latex: string) => string, display = false, options: TranslateOptions = {}): RelationChain[] {
  const found: RelationChain[] = [];
  for (const span of mathSpans(text, display)) {
    const latex = text.slice(span.start, span.end);
    for (const chain of latexChains(latex, { relations: true, environments: true })) {
      if (!chain.some((s) => s.relation && s.relation !== '=')) continue;
      const sides = chain.map((s) => latexToSympy(clean(latex.slice(s.start, s.end)), options));
      if (sides.some((s) => !s || s.ambiguous || s.tuple || /Matrix\(/.test(s.code))) continue;
      const parts = chain.slice(1).map((s, k): RelationPart => ({ lhs: sides[k]!, relation: s.relation!, rhs: sides[k + 1]! }));
      const symbols = [...new Set(sides.flatMap((s) => s!.symbols))];
      found.push({
        text: latex.slice(chain[0].start, chain[chain.length - 1].end),
        parts,
        ...(symbols.length === 1 ? { variable: symbols[0] } : {}),
        numeric: symbols.length === 0,
      });
    }
  }
  return found;
}
