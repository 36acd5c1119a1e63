/**
 * Consecutive equations in one variable must keep the solution: the solutions of the previous equation
 * are substituted into the next one. Steps may legitimately drop solutions (`x^2 = 4` → `x = 2` because
 * x > 0), so a step is contradicted only when none of the previous solutions satisfies it.
 */
import type { Expression } from '@cortex-js/compute-engine';
import { formatNumber, nearlyEqual } from './compare';
import type { Computation } from './computation';
import { getComputeEngine } from './engine';
import type { Equation } from './latex-check';

const MAX_SOLUTIONS = 6;

function realValue(expr: Expression): number | undefined {
  const n = expr.N();
  return Number.isFinite(n.re) && Math.abs(n.im || 0) < 1e-9 ? n.re : undefined;
}

/** Real solutions of an equation, or undefined when compute-engine cannot solve it completely. */
export function solveEquation(equation: Equation): number[] | undefined {
  try {
    const ce = getComputeEngine();
    const roots = ce.function('Equal', [equation.lhs, equation.rhs]).solve(equation.variable);
    if (!Array.isArray(roots) || roots.length === 0 || roots.length > MAX_SOLUTIONS) return undefined;
    const values = (roots as unknown as Expression[]).map((r) => realValue(r));
    return values.every((v) => v !== undefined) ? (values as number[]) : undefined;
  } catch {
    return undefined;
  }
}

function holdsAt(equation: Equation, value: number): boolean | undefined {
  try {
    const ce = getComputeEngine();
    const substitution = { [equation.variable]: ce.number(value) };
    const lhs = realValue(equation.lhs.subs(substitution));
    const rhs = realValue(equation.rhs.subs(substitution));
    if (lhs === undefined || rhs === undefined) return undefined;
    return nearlyEqual(lhs, rhs, 1e-6);
  } catch {
    return undefined;
  }
}

/** Checks `next` against the solutions of `previous`; undefined when the pair cannot be checked. */
export function checkEquationStep(previous: Equation, next: Equation): Computation | undefined {
  if (previous.variable !== next.variable || previous.assignment) return undefined;
  const solutions = solveEquation(previous);
  if (!solutions) return undefined;
  const results = solutions.map((s) => holdsAt(next, s));
  const checked = `${previous.latex} ⇒ ${next.latex}`;
  if (results.some((r) => r === true)) return { status: 'verified', checked };
  if (results.some((r) => r === undefined)) return undefined;
  // A step may also keep only the solutions of a factor or a case; it contradicts only when the two sets are disjoint both ways.
  const nextSolutions = solveEquation(next);
  if (!nextSolutions || nextSolutions.some((s) => holdsAt(previous, s) !== false)) return undefined;
  const computed = solutions.map((s) => `${next.variable} = ${formatNumber(s)}`).join(' or ');
  return {
    status: 'contradicted',
    checked,
    computed,
    explanation: `${previous.latex} gives ${computed}, which does not satisfy ${next.latex}`,
  };
}
