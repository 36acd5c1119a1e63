/**
 * Checks equality chains in LaTeX math with compute-engine: numeric pairs are evaluated, pairs with
 * variables are compared as identities (structurally, else at seeded random points), and single-variable
 * equations are handed back for the solution-set check across steps.
 */
import type { Expression } from '@cortex-js/compute-engine';
import { matchBrace } from '../answers';
import { agreesWithRounding, formatNumber, nearlyEqual, writtenNumber } from './compare';
import type { Computation } from './computation';
import { getComputeEngine } from './engine';
import { latexChains, type LatexSegment } from './latex-chains';

/** An equation in one variable found in a step, e.g. `2x + 3 = 7`. */
export interface Equation {
  variable: string;
  latex: string;
  lhs: Expression;
  rhs: Expression;
  /** `x = 5`: a value, not an equation to solve (a case of a case analysis may follow). */
  assignment: boolean;
}

/** Constructs compute-engine cannot evaluate reliably or quickly, or whose `=` is not an equality of values. */
const UNSUPPORTED = /\\(?:infty|int|iint|oint|lim|dots|cdots|ldots|vdots|ddots|vec|overrightarrow|mathbf|boldsymbol|begin|angle|triangle|overline\{[^}]*[a-zA-Z]|prime|partial|nabla|operatorname|det|gcd|lcm|max|min|deg|arg|sup|inf|choose|pmod|bmod|mod|cancel|cancelto|not|pm|mp|%)|'|\\!|\\#|\b_\{?[a-z]|\\(?:text|mathrm|textrm|operatorname)\s*\{\s*(?:gcd|lcm)\s*\}/;
/** `e` and `i` are also ordinary variable names in competition solutions. */
const AMBIGUOUS_CONSTANT = /(?:^|[^a-zA-Z\\])[ei](?![a-zA-Z])/;
const DEGREES = /\^\s*\{?\\circ\}?/;
const DEGREES_GLOBAL = new RegExp(DEGREES.source, 'g');
const UNIT_TEXT = /\\(?:text|mbox|mathrm|textrm)\s*\{\s*[a-zA-Z]/;
const NUMBER_LITERAL = /^-?\s*(?:\d+(?:\.\d*)?|\.\d+)$/;
const FUNCTION_CALL = /\\(?:sin|cos|tan|cot|sec|csc|log|ln|lg|exp|arcsin|arccos|arctan)(?:\^\{?-?\d\}?|_\{?\w+\}?)?\s*(\(|\{[^{}]*\}|\d+(?:\.\d+)?(?:\^\{?\\circ\}?)?|[a-zA-Z])?\s*/g;

/**
 * `\log_2{3} \cdot \log_3{4}` reads as log₂(3·log₃4) and `\sin^2 18^\circ (…)` is no clearer: a function
 * argument without parentheses is only unambiguous when nothing but `+ - = )` or the end follows it.
 */
function ambiguousFunction(latex: string): boolean {
  FUNCTION_CALL.lastIndex = 0;
  for (let m = FUNCTION_CALL.exec(latex); m; m = FUNCTION_CALL.exec(latex)) {
    if (m[1] === '(') continue;
    const next = latex[m.index + m[0].length];
    if (m[1] === undefined || (next !== undefined && !'+-=)}'.includes(next))) return true;
  }
  return false;
}

function unwrap(latex: string, command: string): string {
  const re = new RegExp(`\\\\${command}\\s*\\{`);
  for (let m = re.exec(latex); m; m = re.exec(latex)) {
    const open = m.index + m[0].length - 1;
    const close = matchBrace(latex, open);
    if (close < 0) break;
    latex = latex.slice(0, m.index) + latex.slice(open + 1, close - 1) + latex.slice(close);
  }
  return latex;
}

/**
 * `1{,}000`, `1,\!000` and `1,000` are one number; but a plain comma inside parentheses or brackets separates
 * a list: `\gcd(378-315,315)` and `(378,315)` hold two numbers, not 378315.
 */
function joinThousands(latex: string): string {
  return latex.replace(/(\d)(\{,\}|,\\!|,)(\d{3})(?!\d)/g, (whole, head: string, comma: string, tail: string, at: number) =>
    comma === ',' && bracketDepth(latex, at) > 0 ? whole : `${head}${tail}`,
  );
}

function bracketDepth(latex: string, end: number): number {
  let depth = 0;
  for (let i = 0; i < end; i++) {
    if (latex[i] === '(' || latex[i] === '[') depth++;
    else if ((latex[i] === ')' || latex[i] === ']') && depth > 0) depth--;
  }
  return depth;
}

/** The segment as compute-engine should read it: no boxes, spacing, sizing or currency, units removed. */
export function cleanLatex(segment: string): string {
  let s = unwrap(unwrap(segment, 'boxed'), 'fbox');
  s = s.replace(/\\[dt]frac/g, '\\frac');
  s = s.replace(/\\left\s*\.|\\right\s*\./g, '');
  s = s.replace(/\\(?:left|right|big|Big|bigg|Bigg)\b/g, '');
  s = joinThousands(joinThousands(s));
  s = s.replace(/\\displaystyle\b|\\\$|\\[,;:! ]|~/g, ' ');
  // Units, squared units included: `15\text{ cm}^2`.
  s = s.replace(/(\d|\))\s*\\(?:text|mbox|mathrm|textrm)\s*\{[^}]*\}(?:\^\{?\d\}?)?/g, '$1');
  // `2^10` in a plain-text formula means 2^{10}; nobody means LaTeX's 2¹0.
  s = s.replace(/\^(\d{2,})/g, '^{$1}');
  s = s.replace(/\s+/g, ' ').trim();
  // A side that starts or ends with an operator is a piece of a longer expression (`+ (-1) + 1985`).
  return /^(?:[+*/^]|\\(?:cdot|times|div)\b)|(?:[-+*/^]|\\(?:cdot|times|div))$/.test(s) ? '' : s;
}

interface Side {
  latex: string;
  expr: Expression;
  unknowns: readonly string[];
  /** Real value when there are no unknowns and it evaluates to a real number. */
  value?: number;
}

const parseCache = new Map<string, Side | null>();

function side(latex: string): Side | undefined {
  const cached = parseCache.get(latex);
  if (cached !== undefined) return cached ?? undefined;
  let result: Side | null = null;
  if (latex !== '' && !UNSUPPORTED.test(latex)) {
    try {
      const expr = getComputeEngine().parse(latex);
      if (expr.isValid) {
        const unknowns = expr.unknowns;
        let value: number | undefined;
        if (unknowns.length === 0) {
          const n = expr.N();
          if (Number.isFinite(n.re) && Math.abs(n.im || 0) < 1e-12) value = n.re;
        }
        result = { latex, expr, unknowns, value };
      }
    } catch {
      result = null;
    }
  }
  if (parseCache.size > 20000) parseCache.clear();
  parseCache.set(latex, result);
  return result ?? undefined;
}

/** Seeded sample points for identity checks: far from the integers where special cases hide. */
const SAMPLE_POINTS = [0.3719, 1.4142, -0.8231, 2.2361, 0.6180, -1.7321];

function valueAt(expr: Expression, variables: readonly string[], point: number): number | undefined {
  const substitution: Record<string, Expression> = {};
  const ce = getComputeEngine();
  variables.forEach((v, k) => (substitution[v] = ce.number(point + 0.37 * k)));
  try {
    const n = expr.subs(substitution).N();
    return Number.isFinite(n.re) && Math.abs(n.im || 0) < 1e-9 ? n.re : undefined;
  } catch {
    return undefined;
  }
}

/** true/false when the two sides agree/disagree as functions of their variables; undefined when undecided. */
export function identical(a: Expression, b: Expression, variables: readonly string[]): boolean | undefined {
  try {
    if (a.is(b)) return true;
  } catch {
    // fall through to sampling
  }
  let compared = 0;
  for (const point of SAMPLE_POINTS) {
    const va = valueAt(a, variables, point);
    const vb = valueAt(b, variables, point);
    if (va === undefined || vb === undefined) continue;
    if (!nearlyEqual(va, vb, 1e-7)) return false;
    compared++;
  }
  return compared >= 3 ? true : undefined;
}

/** The difference a - b when it is the same nonzero number at every sample point. */
function constantDifference(a: Expression, b: Expression, variables: readonly string[]): number | undefined {
  const differences: number[] = [];
  for (const point of SAMPLE_POINTS) {
    const va = valueAt(a, variables, point);
    const vb = valueAt(b, variables, point);
    if (va === undefined || vb === undefined) return undefined;
    differences.push(va - vb);
  }
  const first = differences[0];
  return !nearlyEqual(first, 0, 1e-7) && differences.every((d) => nearlyEqual(d, first, 1e-7)) ? first : undefined;
}

function sameVariables(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v) => b.includes(v));
}

function isBareSymbol(latex: string): boolean {
  return /^[a-zA-Z](?:_\{?\w+\}?)?$|^\\[a-zA-Z]+$/.test(latex);
}

/** Where the number of a literal side is written (`\boxed{14}.` → `14`). */
function literalSpan(latex: string, segment: LatexSegment | undefined): LatexSegment | undefined {
  if (!segment) return undefined;
  const m = /\d+(?:\.\d+)?/.exec(latex.slice(segment.start, segment.end));
  return m ? { start: segment.start + m.index, end: segment.start + m.index + m[0].length } : undefined;
}

export interface LatexFindings {
  computations: Computation[];
  equations: Equation[];
}

function numericPair(left: Side, right: Side, checked: string, rightLiteral: boolean, leftLiteral: boolean, resultOffset: LatexSegment | undefined): Computation {
  const [computedSide, claimedSide] = rightLiteral || !leftLiteral ? [left, right] : [right, left];
  const claimedIsLiteral = rightLiteral || leftLiteral;
  const agrees = claimedIsLiteral
    ? agreesWithRounding(computedSide.value!, writtenNumber(claimedSide.latex, claimedSide.value!))
    : nearlyEqual(left.value!, right.value!, 1e-9);
  if (agrees) return { status: 'verified', checked, result: resultOffset };
  // `e` and `i` may be plain variables here; compute-engine took them for constants.
  if (AMBIGUOUS_CONSTANT.test(left.latex) || AMBIGUOUS_CONSTANT.test(right.latex)) return { status: 'unchecked', checked };
  // `\sin^2 18^\circ (\sin 18^\circ + 1)`, `\log_2{3}`: arguments without parentheses are read in more than one way.
  if (ambiguousFunction(left.latex) || ambiguousFunction(right.latex)) return { status: 'unchecked', checked };
  // `1 \mbox{ foot}^2 = 12^2 \mbox{ inches}^2`: a unit conversion, not an equality of numbers.
  if (claimedSide === left && UNIT_TEXT.test(checked.slice(0, checked.indexOf(' = ')))) return { status: 'unchecked', checked };
  const computed = formatNumber(computedSide.value!);
  return { status: 'contradicted', checked, computed, explanation: `${computedSide.latex} = ${computed}, not ${claimedSide.latex}`, result: resultOffset };
}

/** Computations and single-variable equations in one piece of LaTeX math. */
export function checkLatex(latex: string, continuation = false): LatexFindings {
  const computations: Computation[] = [];
  const equations: Equation[] = [];
  for (const chain of latexChains(latex)) {
    const sides = chain.map((segment) => side(cleanLatex(latex.slice(segment.start, segment.end))));
    for (let k = 0; k + 1 < chain.length; k++) {
      const left = sides[k];
      const right = sides[k + 1];
      if (!left || !right) continue;
      const checked = `${latex.slice(chain[k].start, chain[k].end)} = ${latex.slice(chain[k + 1].start, chain[k + 1].end)}`;
      const leftLiteral = NUMBER_LITERAL.test(left.latex);
      const rightLiteral = NUMBER_LITERAL.test(right.latex);
      if (left.value !== undefined && right.value !== undefined) {
        if (leftLiteral && rightLiteral) continue;
        const claimed = literalSpan(latex, rightLiteral ? chain[k + 1] : leftLiteral ? chain[k] : undefined);
        let pair = numericPair(left, right, checked, rightLiteral, leftLiteral, claimed);
        // `180^\circ - 50^\circ = 130`: degrees written on one side only are the same numbers.
        if (pair.status === 'contradicted' && DEGREES.test(checked)) {
          const [l, r] = [side(left.latex.replace(DEGREES_GLOBAL, '')), side(right.latex.replace(DEGREES_GLOBAL, ''))];
          const inDegrees = l?.value !== undefined && r?.value !== undefined ? numericPair(l, r, checked, rightLiteral, leftLiteral, claimed) : undefined;
          pair = inDegrees?.status === 'contradicted' ? inDegrees : { status: 'unchecked', checked };
        }
        computations.push(pair);
        continue;
      }
      if (left.unknowns.length === 0 || right.unknowns.length === 0) {
        const only = [...left.unknowns, ...right.unknowns];
        // `3p + e = 124`: with `e` (or `i`) about, the equation may have two unknowns, not one.
        if (chain.length === 2 && only.length === 1 && !AMBIGUOUS_CONSTANT.test(checked)) {
          equations.push({ variable: only[0], latex: checked, lhs: left.expr, rhs: right.expr, assignment: isBareSymbol(left.latex) || isBareSymbol(right.latex) });
        }
        continue;
      }
      const variables = [...new Set([...left.unknowns, ...right.unknowns])];
      const same = identical(left.expr, right.expr, variables);
      if (same === true) {
        computations.push({ status: 'verified', checked });
        continue;
      }
      if (chain.length === 2 && variables.length === 1 && !AMBIGUOUS_CONSTANT.test(checked)) equations.push({ variable: variables[0], latex: checked, lhs: left.expr, rhs: right.expr, assignment: false });
      // Rewriting in the middle of a chain (`(x+1)^2 = x^2+2x+1 = …`) must keep the value; a lone `a = b` may be an equation.
      // Rewriting (`(x+1)^2 = x^2+2x+1 = …`, or an align row continuing the previous one) must keep the value; a lone
      // `a = b` may be an equation. Solutions also substitute facts from the context (`tan A = 2cos A / cos A`),
      // so only a constant nonzero difference, a slip no context explains, is a contradiction.
      const rewriting = (k >= 1 || continuation) && sameVariables(left.unknowns, right.unknowns) && !isBareSymbol(left.latex) && !isBareSymbol(right.latex);
      const offset = same === false && rewriting && !AMBIGUOUS_CONSTANT.test(checked) ? constantDifference(left.expr, right.expr, variables) : undefined;
      if (offset !== undefined) {
        const computed = `${right.latex} ${offset > 0 ? '+' : '-'} ${formatNumber(Math.abs(offset))}`;
        computations.push({ status: 'contradicted', checked, computed, explanation: `${left.latex} = ${computed}, not ${right.latex}` });
      } else computations.push({ status: 'unchecked', checked });
    }
  }
  return { computations, equations };
}
