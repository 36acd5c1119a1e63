/**
 * Equations in one unknown written in plain text, as GSM8K solutions write them: `6x=180 x=30`,
 * `5B = 19 - 4`, `2x + 180 – x = 304 humps. x = 304 – 180`. They are handed to the same solution-set
 * check across steps as LaTeX equations. A run of math is split where two operands stand side by side
 * with a space between them (`180 x=30`): that is a new equation, not a product.
 */
import { getComputeEngine } from './engine';
import type { Equation } from './latex-check';

type MathToken = { kind: 'num' | 'var' | 'op' | 'open' | 'close' | 'eq'; text: string; start: number; end: number };

const MATH_TOKEN = /\s*(?:((?<![\d.])\d+(?:\.\d+)?(?: [1-9]\d*\/[1-9]\d*(?![\d.]))?|(?<![\d.])\.\d+)|((?<![\p{L}'’])\p{L}(?![\p{L}'’]))|([-+*/×÷·^–−])|([(])|([)])|(=))/uy;
const OPERATOR_LATEX: Record<string, string> = { '*': '\\cdot ', '×': '\\cdot ', '·': '\\cdot ', '/': '/', '÷': '/', '^': '^', '-': '-', '–': '-', '−': '-', '+': '+' };
/** Single letters that are words in prose, never unknowns. */
const NOT_VARIABLES = new Set(['a', 'A', 'I']);

/** Maximal runs of math tokens, split where two operands are juxtaposed with a space. */
function mathRuns(text: string): MathToken[][] {
  const runs: MathToken[][] = [];
  let run: MathToken[] = [];
  let i = 0;
  while (i < text.length) {
    MATH_TOKEN.lastIndex = i;
    const m = MATH_TOKEN.exec(text);
    if (!m) {
      if (run.length > 0) runs.push(run);
      run = [];
      i++;
      continue;
    }
    const kind = m[1] ? 'num' : m[2] ? 'var' : m[3] ? 'op' : m[4] ? 'open' : m[5] ? 'close' : 'eq';
    const body = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6];
    const start = m.index + m[0].length - body.length;
    const token: MathToken = { kind, text: body, start, end: start + body.length };
    const previous = run[run.length - 1];
    const operandEnd = previous && (previous.kind === 'num' || previous.kind === 'var' || previous.kind === 'close');
    // `4 (Y - 7)` is a product; `180 x=30` starts a new equation.
    const operandStart = kind === 'num' || kind === 'var';
    // `=105 (7/2)x=105`: after a lone number on the right of `=`, a parenthesis starts the next equation.
    const sinceEquals = run.length - 1 - run.map((t) => t.kind).lastIndexOf('eq');
    const newEquation = kind === 'open' && previous?.kind === 'num' && sinceEquals === 1 && run.length > 1;
    if (operandEnd && (operandStart || newEquation) && previous.end !== start) {
      runs.push(run);
      run = [];
    }
    run.push(token);
    i = m.index + m[0].length;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** `3 1/2` is a mixed number, `.3` a decimal. */
function numberLatex(literal: string): string {
  const mixed = /^(\d+) (\d+)\/(\d+)$/.exec(literal);
  if (mixed) return `(${mixed[1]}+\\frac{${mixed[2]}}{${mixed[3]}})`;
  return literal.startsWith('.') ? `0${literal}` : literal;
}

function sideLatex(tokens: MathToken[]): string | undefined {
  if (tokens.length === 0) return undefined;
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if ((first.kind === 'op' && first.text !== '-' && first.text !== '−' && first.text !== '–') || last.kind === 'op' || last.kind === 'open') return undefined;
  // `3/2x` is (3/2)x to its writer and 3/(2x) to a parser: leave it.
  if (tokens.some((t, k) => t.kind === 'op' && (t.text === '/' || t.text === '÷') && tokens[k + 1]?.kind === 'num' && tokens[k + 2]?.kind === 'var' && tokens[k + 2].start === tokens[k + 1].end)) return undefined;
  return tokens.map((t) => (t.kind === 'op' ? OPERATOR_LATEX[t.text] : t.kind === 'num' ? numberLatex(t.text) : t.text)).join(' ').replace(/(\d) (?=[a-zA-Z(])/g, '$1');
}

/** Plain-text equations in one unknown, in text order. */
export function plainEquations(text: string): Equation[] {
  const equations: Equation[] = [];
  const ce = getComputeEngine();
  for (const run of mathRuns(text)) {
    const variables = new Set(run.filter((t) => t.kind === 'var').map((t) => t.text));
    if (variables.size !== 1 || !run.some((t) => t.kind === 'eq')) continue;
    const variable = [...variables][0];
    if (NOT_VARIABLES.has(variable)) continue;
    const sides: MathToken[][] = [[]];
    for (const t of run) if (t.kind === 'eq') sides.push([]); else sides[sides.length - 1].push(t);
    for (let k = 0; k + 1 < sides.length; k++) {
      const [left, right] = [sideLatex(sides[k]), sideLatex(sides[k + 1])];
      if (!left || !right) continue;
      if (!sides[k].some((t) => t.kind === 'var') && !sides[k + 1].some((t) => t.kind === 'var')) continue;
      try {
        const lhs = ce.parse(left);
        const rhs = ce.parse(right);
        if (!lhs.isValid || !rhs.isValid) continue;
        const unknowns = new Set([...lhs.unknowns, ...rhs.unknowns]);
        if (unknowns.size !== 1 || !unknowns.has(variable)) continue;
        // `x = 5` is a value; `x = 304 - 180` computes one, and the next equation must keep it.
        const bare = (side: MathToken[]) => side.length === 1 && side[0].kind === 'var';
        const other = bare(sides[k]) ? sides[k + 1] : sides[k];
        const assignment = (bare(sides[k]) || bare(sides[k + 1])) && other.length === 1;
        equations.push({ variable, latex: `${left} = ${right}`, lhs, rhs, assignment });
      } catch {
        continue;
      }
    }
  }
  return equations;
}
