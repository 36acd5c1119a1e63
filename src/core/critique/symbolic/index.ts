/**
 * The offline symbolic checker: verifies or contradicts the computations of each solution step.
 * Conservative by design: whatever it cannot read with certainty is `unchecked`, never `contradicted`.
 */
import type { MathProblem, SymbolicFinding } from '../types';
import type { Computation } from './computation';
import { checkEquationStep } from './equations';
import type { Equation } from './latex-check';
import { stepComputations } from './step-text';

export type { Computation } from './computation';
export { stepComputations } from './step-text';

function summarize(computations: Computation[]): Omit<SymbolicFinding, 'stepIndex'> {
  // A contradicted written result (`364 / 4 = 273`) explains itself better than two disagreeing expressions.
  const contradiction = computations.find((c) => c.status === 'contradicted' && c.result) ?? computations.find((c) => c.status === 'contradicted');
  if (contradiction) {
    return { status: 'contradicted', checked: contradiction.checked, computed: contradiction.computed, explanation: contradiction.explanation };
  }
  const verified = computations.filter((c) => c.status === 'verified');
  if (verified.length > 0) {
    return { status: 'verified', checked: [...new Set(verified.map((c) => c.checked))].join('; ') };
  }
  return computations.length > 0 ? { status: 'unchecked', checked: computations[0].checked } : { status: 'unchecked' };
}

/** Checks one step's text on its own (no previous steps). */
export function checkStepText(text: string): Omit<SymbolicFinding, 'stepIndex'> {
  const { computations, equations } = stepComputations(text);
  return summarize([...computations, ...equationChain(undefined, equations).computations]);
}

/** Solution-set checks between consecutive equations, starting from the last equation of the previous step. */
function equationChain(previous: Equation | undefined, equations: Equation[]): { computations: Computation[]; last: Equation | undefined } {
  const computations: Computation[] = [];
  let last = previous;
  for (const equation of equations) {
    const check = last && checkEquationStep(last, equation);
    if (check) computations.push(check);
    last = equation;
  }
  return { computations, last };
}

/**
 * Where the last side of a row starts: after its last `=` (or `<`, `>`, `\le`, `\ge`) outside braces — the one in
 * `\sum_{n = 1}^\infty` ends no side; -1 when the row has no relation.
 */
function lastSideStart(latex: string): number {
  let depth = 0;
  let last = -1;
  for (let i = 0; i < latex.length; i++) {
    const c = latex[i];
    if (c === '\\') {
      // A command's name is skipped whole, and `\left<` / `\right>` with their delimiter: no relation.
      const name = /^\\([a-zA-Z]+)/.exec(latex.slice(i))?.[1];
      if (!name) i++;
      else {
        i += name.length + (name === 'left' || name === 'right' ? 1 : 0);
        if (depth === 0 && /^(?:leq?|geq?)$/.test(name)) last = i + 1;
      }
    } else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if ((c === '=' || c === '<' || c === '>') && depth === 0) last = i + 1;
  }
  return last;
}

/** A displayed formula and nothing else: no `$`, no words once the commands are taken out. */
function isFormulaRow(text: string): boolean {
  return !/\$/.test(text) && !/[a-zA-Z]{3,}/.test(text.replace(/\\[a-zA-Z]+/g, ' '));
}

/**
 * `&= x^2 + 2x + 1` continues the previous row: prefix it with that row's last side (after `=`, or after `\ge`
 * in a chain of inequalities), or with the whole row when it is a displayed expression without a relation.
 */
export function withContinuation(text: string, previousText: string | undefined): string {
  if (!previousText || !/^\s*=/.test(text)) return text;
  // `Thus, \[f(2) = 3,\]`: a row with its lead-in; the row continued is the displayed math.
  const fenced = /\\\[([\s\S]*)\\\]\s*$/.exec(previousText);
  if (fenced) previousText = fenced[1];
  const sideStart = lastSideStart(previousText);
  if (sideStart < 0 && !isFormulaRow(previousText)) return text;
  // `x^2(x^2-16) + 5(x+4) \quad \Rightarrow`: the arrow after the side leads to the next row, it is no part of it.
  const previousSide = previousText
    .slice(Math.max(0, sideStart))
    .replace(/\\\\\s*$/, '')
    .replace(/(?:\s|\\q?quad\b|\\(?:Rightarrow|implies|Longrightarrow)\b|[,.;])+$/, '')
    .trim();
  return previousSide === '' ? text : `${previousSide} ${text.trim()}`;
}

/** One finding per step, in step order. Equations are followed from step to step. */
export function checkProblem(problem: MathProblem): SymbolicFinding[] {
  const findings: SymbolicFinding[] = [];
  let lastEquation: Equation | undefined;
  let previousText: string | undefined;
  for (const step of problem.steps) {
    const text = withContinuation(step.text, previousText);
    const { computations, equations } = stepComputations(text, text !== step.text, step.display);
    // Only consecutive steps are linked: a step without equations ends the sequence (a new case, a new quantity).
    const chained = equationChain(equations.length > 0 ? lastEquation : undefined, equations);
    lastEquation = chained.last;
    findings.push({ stepIndex: step.index, ...summarize([...computations, ...chained.computations]) });
    previousText = text;
  }
  return findings;
}
