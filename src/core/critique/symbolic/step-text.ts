/**
 * All computations in one step's text: GSM8K calculator annotations, plain-text arithmetic in the prose,
 * and LaTeX math (inline `$…$`, `\(…\)`, display blocks, or a whole align row).
 */
import type { Computation } from './computation';
import { checkLatex, type Equation } from './latex-check';
import { listedCounts } from './listed-counts';
import { plainComputations } from './plain-chains';
import { plainEquations } from './plain-equations';

export interface StepComputations {
  computations: Computation[];
  equations: Equation[];
}

const ANNOTATION = /<<([^<>]*)>>/g;
/** LaTeX commands, braces, sub/superscripts: the text is math rather than a word problem with `$` amounts. */
const TEX_MARKERS = /\\[a-zA-Z()[\]$]|[\^_{}]/;
/** A `$…$` pair holding a formula rather than two dollar amounts: no word of three letters or more. */
const FORMULA_CONTENT = /^(?![^\\]*(?<![\\a-zA-Z])[a-zA-Z]{3,})[^$]+$/;

export interface MathSpan {
  start: number;
  end: number;
}

function shift(c: Computation, by: number): Computation {
  return c.result ? { ...c, result: { start: c.result.start + by, end: c.result.end + by } } : c;
}

/**
 * Math spans (content offsets) of a step; the whole text when it is a bare formula such as an align row, or
 * when `display` says the step is a row of display math (`2x = 4` has no LaTeX marker, yet is math there).
 */
export function mathSpans(text: string, display = false): MathSpan[] {
  const tex = TEX_MARKERS.test(text);
  const spans: MathSpan[] = [];
  const delimited = /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|(?<!\\)\$((?:[^$\\]|\\.)+?)(?<!\\)\$/g;
  for (let m = delimited.exec(text); m; m = delimited.exec(text)) {
    const content = m[1] ?? m[2] ?? m[3] ?? m[4];
    const contentStart = m.index + m[0].indexOf(content, m[0].startsWith('$$') || m[0].startsWith('\\') ? 2 : 1);
    // `$1040000 + $960000`: a `$` right before a digit opens an amount, it does not close math.
    const amount = !tex && /\d/.test(text[m.index + m[0].length] ?? '');
    if (m[4] !== undefined && !tex && (amount || !FORMULA_CONTENT.test(content))) {
      delimited.lastIndex = m.index + 1; // a dollar amount, not a math fence: pair the next `$` instead
      continue;
    }
    spans.push({ start: contentStart, end: contentStart + content.length });
  }
  const bare = display || (tex && (/\\[a-zA-Z]/.test(text) || FORMULA_CONTENT.test(text.replace(/\\\$/g, ' '))));
  if (spans.length === 0 && bare && !/(?<!\\)\$/.test(text)) spans.push({ start: 0, end: text.length });
  return spans;
}

/** A step that says an equality fails ("which is not true") or splits into cases is not claiming its equalities. */
export const NOT_CLAIMED = /\bnot (?:true|equal|possible|valid)\b|\bfalse\b|\bimpossible\b|\bcontradict|\babsurd|\bextraneous\b/i;
/** Case analyses: consecutive equations are alternatives, not consequences. */
export const CASES = /\bor\b|\bcases?\b|\beither\b/i;

/**
 * Computations of a step, in text order of their kinds (annotations, math, prose). `continuation` marks an
 * align row that continues the previous one, whose equalities are rewritings.
 */
export function stepComputations(rawText: string, continuation = false, display = false): StepComputations {
  const found = collect(rawText, continuation, display);
  const computations = NOT_CLAIMED.test(rawText)
    ? found.computations.map((c): Computation => (c.status === 'contradicted' ? { status: 'unchecked', checked: c.checked } : c))
    : found.computations;
  return { computations, equations: CASES.test(rawText) ? [] : found.equations };
}

function collect(rawText: string, continuation: boolean, display: boolean): StepComputations {
  // Markdown emphasis markers would read as multiplication signs.
  const text = rawText.replace(/\*\*|__/g, '  ').replace(/(?<!\\)&/g, ' ');
  const computations: Computation[] = [];
  const equations: Equation[] = [];
  let prose = text;
  for (let m = ANNOTATION.exec(text); m; m = ANNOTATION.exec(text)) {
    const innerStart = m.index + 2;
    computations.push(...plainComputations(m[1], true).map((c) => shift(c, innerStart)));
    prose = prose.slice(0, m.index) + ' '.repeat(m[0].length) + prose.slice(m.index + m[0].length);
  }
  for (const span of mathSpans(prose, display)) {
    const found = checkLatex(prose.slice(span.start, span.end), continuation);
    computations.push(...found.computations.map((c) => shift(c, span.start)));
    equations.push(...found.equations);
    // The formula is not prose: mask it so the plain pass neither reads it nor joins across it.
    prose = prose.slice(0, span.start) + '¦'.repeat(span.end - span.start) + prose.slice(span.end);
  }
  computations.push(...plainComputations(prose), ...listedCounts(text));
  equations.push(...plainEquations(prose));
  return { computations, equations };
}
