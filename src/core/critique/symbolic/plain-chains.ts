/**
 * Equality chains `a = b = c` in plain text, checked pair by pair with the plain arithmetic parser.
 * Only pairs whose both ends are cleanly delimited are checked: an expression cut off by words
 * (`half of 50 * 2`), a time (`3:30`), a range (`3-4 hours`) or a rate (`700/week`) is left alone.
 */
import { agreesWithRounding, formatNumber, nearlyEqual, writtenNumber } from './compare';
import type { Computation } from './computation';
import { parseExpression, tokenize, type PercentMode, type Token } from './plain-arithmetic';

interface Segment {
  from: number;
  to: number;
  usable: boolean;
}

const PERCENT_MODES: PercentMode[] = ['divide', 'ignore'];
const CLEAN_BEFORE = new Set(['(', '[', '$', '"', "'", '“', '‘', '{', '`']);
/** Words that, right before an expression, may take part in it: `half of 50 * 2`, `twice 3 + 4`, `$5 per 2 + 3`. */
const CUT_WORDS = new Set(['x', 'per', 'over', 'times', 'twice', 'double', 'triple', 'thrice', 'quadruple', 'half']);
/** `of` continues an expression after these (`half of 50 * 2`, `3/4 of 364`); after `a total of` it does not. */
const FRACTION_WORDS = /^(?:half|halves|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth|twelfth|hundredth|percent|twice|double|triple|thrice|times|much|many|all|rest)s?$/i;
/** `Divide 60 by 3 * 2`: `by` continues the expression only after such a verb. */
const DIVIDE_WORDS = /^(?:divid|multipl|split|shar)/i;

function adjacent(a: Token, b: Token): boolean {
  return a.end === b.start;
}

function valid(tokens: Token[], from: number, to: number): boolean {
  return parseExpression(tokens, from, to, 'divide') !== undefined;
}

function headBoundaryOk(tokens: Token[], start: number): boolean {
  const before = tokens[start - 1];
  if (!before) return true;
  if (before.kind === 'op' || before.kind === 'num' || before.kind === 'rparen') return false;
  if (before.kind === 'word' && cutsBefore(tokens, start - 1)) return false;
  if (before.kind === 'other' && /^[a-zA-Z]$/.test(before.ch)) return false;
  // `Third Bag:300/2=100` is a label; `3:30` is a time.
  if (before.kind === 'other' && before.ch === ':') return !(tokens[start - 2]?.kind === 'num' && adjacent(tokens[start - 2], before) && adjacent(before, tokens[start]));
  if (before.kind === 'eq') return true;
  // `25 classmates + his 1 teacher + 1`: words after an operator mean the expression started earlier.
  for (let i = start - 1; i >= 0 && i >= start - 3 && tokens[i].kind === 'word'; i--) if (tokens[i - 1]?.kind === 'op') return false;
  if (!adjacent(before, tokens[start])) return true;
  return before.kind === 'other' && CLEAN_BEFORE.has(before.ch);
}

/** Whether the word at `at`, right before an expression, may be part of it. */
function cutsBefore(tokens: Token[], at: number): boolean {
  const word = (tokens[at] as { word: string }).word.toLowerCase();
  if (CUT_WORDS.has(word)) return true;
  const before = tokens[at - 1];
  if (word === 'of') return !before || before.kind === 'num' || before.kind === 'rparen' || (before.kind === 'word' && FRACTION_WORDS.test(before.word));
  if (word === 'by') return tokens.slice(Math.max(0, at - 6), at).some((t) => t.kind === 'word' && DIVIDE_WORDS.test(t.word));
  return false;
}

function tailBoundaryOk(tokens: Token[], end: number): boolean {
  const after = tokens[end];
  if (!after || after.kind === 'eq') return true;
  // `= 5 (15 minutes)`: a remark in parentheses after a space; `= 5(2)` would be a product.
  if (after.kind === 'lparen' && !adjacent(tokens[end - 1], after) && tokens[end + 1]?.kind === 'word') return true;
  if (after.kind === 'op' || after.kind === 'lparen' || after.kind === 'num') return false;
  if (after.kind === 'other' && (after.ch === ':' || /^[a-zA-Z]$/.test(after.ch))) return false;
  // `= 9 times` ends the result; `= 9 times 4` does not (`times` before an operand is already an operator).
  const next = tokens[end + 1];
  const operandNext = next !== undefined && (next.kind === 'num' || next.kind === 'lparen');
  const word = after.kind === 'word' ? after.word.toLowerCase() : '';
  return !(word !== 'per' && (CUT_WORDS.has(word) || word === 'of' || word === 'by') && operandNext);
}

/** A whole side `3-4` written without spaces is a range, not a subtraction: ranges go up, GSM8K's tight `20-16` goes down. */
function looksLikeRange(tokens: Token[], from: number, to: number): boolean {
  if (to - from !== 3) return false;
  const [a, t, b] = tokens.slice(from, to);
  return t.kind === 'op' && t.op === '-' && a.kind === 'num' && b.kind === 'num' && adjacent(a, t) && adjacent(t, b) && a.value < b.value;
}

/** The longest expression ending at `to` (the head of a chain). */
function headSegment(tokens: Token[], from: number, to: number): Segment | undefined {
  for (let start = from; start < to; start++) {
    const first = tokens[start];
    const previous = tokens[start - 1];
    // `18 pink - 6`: a sign right after a word or number is a cut-off subtraction, not a negative number.
    if (first.kind === 'op' && previous && (previous.kind === 'num' || previous.kind === 'word' || previous.kind === 'rparen')) continue;
    if (valid(tokens, start, to)) return { from: start, to, usable: headBoundaryOk(tokens, start) };
  }
  return undefined;
}

/** The longest expression starting at `from` (the tail of a chain). */
function tailSegment(tokens: Token[], from: number, to: number): Segment | undefined {
  for (let end = to; end > from; end--) {
    if (valid(tokens, from, end)) {
      const isLiteral = parseExpression(tokens, from, end, 'divide')!.operators === 0;
      return { from, to: end, usable: tailBoundaryOk(tokens, end) && (isLiteral || !looksLikeRange(tokens, from, end)) };
    }
  }
  return undefined;
}

/** Chains of segments joined by `=`; a region between two `=` that is not one expression ends a chain. */
function chains(tokens: Token[]): Segment[][] {
  const eqs = tokens.flatMap((t, i) => (t.kind === 'eq' ? [i] : []));
  const result: Segment[][] = [];
  let chain: Segment[] = [];
  const close = () => {
    if (chain.length > 1) result.push(chain);
    chain = [];
  };
  for (let k = 0; k <= eqs.length; k++) {
    const from = k === 0 ? 0 : eqs[k - 1] + 1;
    const to = k === eqs.length ? tokens.length : eqs[k];
    if (k > 0 && k < eqs.length && chain.length > 0 && valid(tokens, from, to)) {
      chain.push({ from, to, usable: true });
      continue;
    }
    if (k > 0 && chain.length > 0) {
      const tail = tailSegment(tokens, from, to);
      if (tail) chain.push(tail);
      close();
    }
    if (k < eqs.length) {
      const head = headSegment(tokens, from, to);
      chain = head ? [head] : [];
    }
  }
  close();
  return result;
}

function sourceOf(text: string, tokens: Token[], segment: Segment): string {
  return text.slice(tokens[segment.from].start, tokens[segment.to - 1].end);
}

/** Relative slack for results built from rounded decimals (`0.33 * 900 = 297`): the rounding error of each literal with 2+ decimals, doubled. */
function roundingSlack(text: string, tokens: Token[], segment: Segment): number {
  let slack = 0;
  for (let i = segment.from; i < segment.to; i++) {
    const t = tokens[i];
    if (t.kind !== 'num' || t.value === 0) continue;
    const written = writtenNumber(text.slice(t.start, t.end), t.value);
    if (written.decimals >= 2) slack += (2 * 0.5 * 10 ** -written.decimals) / Math.abs(t.value);
  }
  return slack;
}

/** Words were dropped as a unit after the segment (`1.5 quarts =`). */
function hasUnit(text: string, tokens: Token[], segment: Segment): boolean {
  const next = tokens[segment.to];
  const between = text.slice(tokens[segment.to - 1].end, next ? next.start : text.length);
  return /\p{L}/u.test(between);
}

function comparePair(text: string, tokens: Token[], left: Segment, right: Segment, strict: boolean): Computation | undefined {
  const parsed = PERCENT_MODES.map((mode) => ({ left: parseExpression(tokens, left.from, left.to, mode)!, right: parseExpression(tokens, right.from, right.to, mode)! }));
  const leftIsLiteral = parsed[0].left.operators === 0;
  const rightIsLiteral = parsed[0].right.operators === 0;
  if (leftIsLiteral && rightIsLiteral) return undefined;
  const leftText = sourceOf(text, tokens, left);
  const rightText = sourceOf(text, tokens, right);
  const checked = `${leftText} = ${rightText}`;
  // The written result is the literal side (the right one when both could be); the other side is computed.
  const claimedSide = rightIsLiteral ? right : leftIsLiteral ? left : undefined;
  const agrees = parsed.some(({ left: l, right: r }, m) => {
    const mode = PERCENT_MODES[m];
    if (!claimedSide) {
      const slack = Math.max(roundingSlack(text, tokens, left), roundingSlack(text, tokens, right));
      return nearlyEqual(l.value, r.value, Math.max(slack, 1e-9));
    }
    const [computed, claimed] = claimedSide === right ? [l.value, r.value] : [r.value, l.value];
    // A percentage is written to some decimals of a percent: compare in percent so that `1% * 5% = 0.00%` is not rounding.
    const scale = mode === 'divide' && tokens.slice(claimedSide.from, claimedSide.to).some((t) => t.kind === 'num' && t.percent) ? 100 : 1;
    return agreesWithRounding(computed * scale, writtenNumber(sourceOf(text, tokens, claimedSide), claimed * scale));
  });
  const claimedToken = claimedSide && tokens.slice(claimedSide.from, claimedSide.to).find((t) => t.kind === 'num');
  const result = claimedToken ? { start: claimedToken.start, end: claimedToken.end } : undefined;
  if (agrees) return { status: 'verified', checked, result };
  // `$3/2 = $1.50 + $3.00 = $4.50`: a running total writes the result and goes on adding to it.
  const rightFirst = tokens[right.from];
  if (!strict && !claimedSide && rightFirst.kind === 'num' && parsed.some((p) => agreesWithRounding(p.left.value, writtenNumber(text.slice(rightFirst.start, rightFirst.end), rightFirst.value)))) {
    return { status: 'verified', checked: `${leftText} = ${text.slice(rightFirst.start, rightFirst.end)}` };
  }
  // `4 students drank 1.5 quarts = 4 * 1.5 = 6`, `i.e. 48 = 100% + 20%`: a number after words and before a
  // computation is often a label, not its claimed value.
  if (!strict && claimedSide === left && (left.from > 0 || hasUnit(text, tokens, left))) return { status: 'unchecked', checked };
  const claimedValue = claimedSide && parsed[0][claimedSide === left ? 'left' : 'right'].value;
  const rangeLike = looksLikeRange(tokens, left.from, left.to) || looksLikeRange(tokens, right.from, right.to);
  if (!strict && rangeLike && (claimedValue === undefined || claimedValue > 0)) return { status: 'unchecked', checked };
  const computedSide = claimedSide === left ? parsed[0].right.value : parsed[0].left.value;
  const computedText = claimedSide === left ? rightText : leftText;
  const claimedText = claimedSide === left ? leftText : rightText;
  const computed = formatNumber(computedSide);
  return { status: 'contradicted', checked, computed, explanation: `${computedText} = ${computed}, not ${claimedText}`, result };
}

/**
 * Every checkable equality in plain text, in order. `strict` is for calculator annotations such as GSM8K's
 * `<<16-3-4=9>>`, where `3-4` is a subtraction and never a range.
 */
export function plainComputations(text: string, strict = false): Computation[] {
  const tokens = tokenize(text);
  if (!tokens.some((t) => t.kind === 'eq')) return [];
  const found: Computation[] = [];
  for (const chain of chains(tokens)) {
    for (let i = 0; i + 1 < chain.length; i++) {
      if (!chain[i].usable || !chain[i + 1].usable) continue;
      const computation = comparePair(text, tokens, chain[i], chain[i + 1], strict);
      if (computation) found.push(computation);
    }
  }
  return found;
}
