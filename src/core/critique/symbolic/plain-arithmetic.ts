/**
 * Plain-text arithmetic as written in word-problem solutions: `16 - 3 - 4 = 9`, `$80,000 * 1.5`,
 * `3 x 4`, `20% of 50`, `<<48/2=24>>`. This is the fast path of the checker: a small tokenizer and
 * recursive-descent parser with the same semantics as compute-engine on the same expressions
 * (usual precedence, left-associative `-` and `/`, right-associative `^`, `%` as /100).
 */

export type Token =
  | { kind: 'num'; value: number; percent: boolean; start: number; end: number }
  | { kind: 'op'; op: '+' | '-' | '*' | '/' | '^'; start: number; end: number }
  | { kind: 'lparen' | 'rparen' | 'eq'; start: number; end: number }
  | { kind: 'word'; word: string; start: number; end: number }
  | { kind: 'other'; ch: string; start: number; end: number };

/** Thousands separated by commas or (narrow) no-break/thin spaces: `80,000`, `350 000`. */
const NUMBER = /(?:\d{1,3}(?:[,\u00a0\u2009\u202f]\d{3})+(?![\d,]\d)|\d+)(?:\.\d+)?|\.\d+/y;
/** `3 1/2`, `4 1/2 hours`: a whole number and a proper fraction, one space apart. */
const MIXED_NUMBER = /(\d+) (\d+)\/(\d+)(?![\d.,/])/y;
/** `$350 000`: an amount may group thousands with plain spaces. */
const SPACED_AMOUNT = /\d{1,3}(?: \d{3})+(?![\d,.]\d)(?:\.\d\d)?/y;
/** Words, hyphenated ones included (`non-work`, `two-thirds`). */
const WORD = /[\p{L}][\p{L}'’]*(?:-[\p{L}][\p{L}'’]*)*/uy;
/** `1-ounce`, `6-person`, `3-year-old`: a number glued to a hyphenated word is an adjective, not a subtraction. */
const COMPOUND_ADJECTIVE = /\d+(?:\.\d+)?-\p{L}{2,}(?:-\p{L}+)*/uy;
const OPERATORS: Record<string, '+' | '-' | '*' | '/' | '^'> = {
  '+': '+', '-': '-', '–': '-', '−': '-', '*': '*', '×': '*', '·': '*', '⋅': '*', '∙': '*', '/': '/', '÷': '/', '^': '^',
};
/** Operator words between two operands: `3 times 4`, `6 x 3`, `10 divided by 2`, `7 plus 5`. */
const OPERATOR_WORDS: Record<string, '+' | '-' | '*' | '/'> = { x: '*', times: '*', plus: '+', minus: '-', multiplied: '*', divided: '/' };
/**
 * Words that end the description after a number (`5 apples and 3 pears`): they join clauses or compare.
 * Anything else between a number and an operator describes the number (`30 minutes for the first train +`).
 */
const UNIT_BREAKS = new Set(['and', 'or', 'is', 'are', 'was', 'were', 'so', 'then', 'which', 'than', 'if', 'but', 'because', 'since', 'when', 'where', 'while', 'x', 'plus', 'minus', 'times', 'more', 'less', 'fewer', 'as', 'by', 'gives', 'makes', 'equals', 'leaves', 'we', 'he', 'she', 'it', 'they', 'you', 'i', 'his', 'her', 'their']);
/** A rate's denominator (`/day`) or a unit word may not be one of these. */
const NOT_UNITS = new Set([...UNIT_BREAKS, 'of', 'to', 'for', 'from', 'in', 'on', 'at', 'with', 'the', 'a', 'an', 'per']);
const MAX_UNIT_WORDS = 7;

/** Raw tokens: numbers (with `%`/`percent`), operators, parentheses, `=`, words and other characters. */
function rawTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    COMPOUND_ADJECTIVE.lastIndex = i;
    const compound = /\d/.test(c) && (i === 0 || !/[\d.,]/.test(text[i - 1])) ? COMPOUND_ADJECTIVE.exec(text) : null;
    if (compound) {
      // `65-minute concert – 15-minute encore`: the number, then its unit.
      const dash = compound[0].indexOf('-');
      tokens.push({ kind: 'num', value: Number(compound[0].slice(0, dash)), percent: false, start: i, end: i + dash });
      tokens.push({ kind: 'word', word: compound[0].slice(dash + 1), start: i + dash + 1, end: i + compound[0].length });
      i += compound[0].length;
      continue;
    }
    MIXED_NUMBER.lastIndex = i;
    const mixed = /\d/.test(c) && (i === 0 || !/[\d.,/]/.test(text[i - 1])) ? MIXED_NUMBER.exec(text) : null;
    if (mixed && Number(mixed[2]) < Number(mixed[3])) {
      tokens.push({ kind: 'num', value: Number(mixed[1]) + Number(mixed[2]) / Number(mixed[3]), percent: false, start: i, end: i + mixed[0].length });
      i += mixed[0].length;
      continue;
    }
    NUMBER.lastIndex = i;
    SPACED_AMOUNT.lastIndex = i;
    const number = (i > 0 && text[i - 1] === '$' ? SPACED_AMOUNT.exec(text) : null) ?? NUMBER.exec(text);
    if (number) {
      let end = i + number[0].length;
      const percentWord = /^\s?(?:%|percent\b)/i.exec(text.slice(end, end + 9));
      const percent = percentWord !== null;
      if (percentWord) end += percentWord[0].length;
      tokens.push({ kind: 'num', value: Number(number[0].replace(/[,\s]/g, '')), percent, start: i, end });
      i = end;
      continue;
    }
    if (c === '$' && /^\s*[\d.]/.test(text.slice(i + 1, i + 4))) {
      i++; // currency sign of the number that follows
      continue;
    }
    if (c === '=' || c === '≈' || c === '<' || c === '>') {
      const end = text[i + 1] === '=' ? i + 2 : i + 1;
      tokens.push(c === '=' ? { kind: 'eq', start: i, end } : { kind: 'other', ch: c, start: i, end });
      i = end;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (OPERATORS[c]) {
      tokens.push({ kind: 'op', op: OPERATORS[c], start: i, end: i + 1 });
      i++;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    if (word) {
      const end = i + word[0].length;
      const previous = tokens[tokens.length - 1];
      // `700x2`, `$2000x 10/100`: an `x` glued to a number before another number multiplies.
      const glued = previous && (previous.kind === 'num' || previous.kind === 'rparen') && previous.end === i;
      if (glued && word[0].toLowerCase() === 'x' && /^\s?\d/.test(text.slice(end, end + 2))) tokens.push({ kind: 'word', word: word[0], start: i, end });
      // `2L`, `3r`, `(5/2)x`: a single letter glued to a number is a variable, never a unit.
      else if (word[0].length === 1 && previous && (previous.kind === 'num' || previous.kind === 'rparen') && previous.end === i) tokens.push({ kind: 'other', ch: word[0], start: i, end });
      else tokens.push({ kind: 'word', word: word[0], start: i, end });
      i = end;
      continue;
    }
    tokens.push({ kind: 'other', ch: c, start: i, end: i + 1 });
    i++;
  }
  return tokens;
}

const isWord = (t: Token | undefined, ...words: string[]): boolean => t?.kind === 'word' && words.includes(t.word.toLowerCase());
const isOperandEnd = (t: Token | undefined): boolean => t?.kind === 'num' || t?.kind === 'rparen';

/**
 * The unit after an operand (`feet wide`, `packets of chicken`, `guides/group`, `per pack`): where it ends,
 * and where its last rate (`/day`) ends. A rate is a unit wherever it stands: nobody divides by a word.
 */
function unitAfter(tokens: Token[], at: number): { end: number; rateEnd: number } {
  let j = at;
  let words = 0;
  let end = at;
  let rateEnd = at;
  while (j < tokens.length && words < MAX_UNIT_WORDS) {
    const t = tokens[j];
    const next = tokens[j + 1];
    if (t.kind === 'op' && t.op === '/' && next?.kind === 'word' && !NOT_UNITS.has(next.word.toLowerCase())) {
      j += 2;
      words++;
      end = rateEnd = j;
      continue;
    }
    if (t.kind !== 'word' || UNIT_BREAKS.has(t.word.toLowerCase())) break;
    j++;
    words++;
    if (!NOT_UNITS.has(t.word.toLowerCase())) end = j;
  }
  return { end, rateEnd };
}

/** An operator word (`x`, `times`, `divided by`) with an operand before it (its unit may be between) and one after it. */
function operatorWord(tokens: Token[], i: number, operandBefore: boolean): { op: '+' | '-' | '*' | '/'; length: number } | undefined {
  const t = tokens[i];
  if (t.kind !== 'word' || !operandBefore) return undefined;
  const lower = t.word.toLowerCase();
  const op = OPERATOR_WORDS[lower];
  if (!op) return undefined;
  const length = lower === 'multiplied' || lower === 'divided' ? (isWord(tokens[i + 1], 'by') ? 2 : 0) : 1;
  const next = tokens[i + length];
  if (length === 0 || !next || (next.kind !== 'num' && next.kind !== 'lparen')) return undefined;
  return { op, length };
}

/**
 * Tokens of `text`; whitespace is dropped (adjacency is read from the offsets). Operator words become
 * operators, and the units of operands (`3 groups * 7 guides/group`) are dropped.
 */
export function tokenize(text: string): Token[] {
  const raw = rawTokens(text);
  const tokens: Token[] = [];
  let operandBefore = false;
  for (let i = 0; i < raw.length; ) {
    const t = raw[i];
    const asOperator = operatorWord(raw, i, operandBefore);
    if (asOperator) {
      tokens.push({ kind: 'op', op: asOperator.op, start: t.start, end: raw[i + asOperator.length - 1].end });
      i += asOperator.length;
      operandBefore = false;
      continue;
    }
    // `20% of 50` is a product.
    const previous = tokens[tokens.length - 1];
    if (previous?.kind === 'num' && previous.percent && isWord(t, 'of') && (raw[i + 1]?.kind === 'num' || raw[i + 1]?.kind === 'lparen')) {
      tokens.push({ kind: 'op', op: '*', start: t.start, end: t.end });
      i++;
      operandBefore = false;
      continue;
    }
    tokens.push(t);
    i++;
    if (isOperandEnd(t)) {
      const { end, rateEnd } = unitAfter(raw, i);
      const after = raw[end];
      // A unit is dropped when an operator, `=` or `)` follows it (`18 pink - 6`); a rate (`$2/eraser`) always is.
      const followed = after !== undefined && (after.kind === 'op' || after.kind === 'eq' || after.kind === 'rparen' || operatorWord(raw, end, true) !== undefined);
      if (end > i && followed) i = end;
      else if (rateEnd > i) i = rateEnd;
      operandBefore = true;
    } else operandBefore = false;
  }
  return tokens;
}

export type PercentMode = 'divide' | 'ignore';

interface Parsed {
  value: number;
  next: number;
  /** Binary operators used (a bare literal has none). */
  operators: number;
}

/** Parses tokens[from, to) completely; undefined when they are not one expression. */
export function parseExpression(tokens: Token[], from: number, to: number, percent: PercentMode): { value: number; operators: number } | undefined {
  if (from >= to) return undefined;
  const result = parseSum(tokens, from, to, percent);
  return result && result.next === to && Number.isFinite(result.value) ? { value: result.value, operators: result.operators } : undefined;
}

function parseSum(tokens: Token[], at: number, to: number, percent: PercentMode): Parsed | undefined {
  let left = parseProduct(tokens, at, to, percent);
  while (left && left.next < to) {
    const t = tokens[left.next];
    if (t.kind !== 'op' || (t.op !== '+' && t.op !== '-')) break;
    const right = parseProduct(tokens, left.next + 1, to, percent);
    if (!right) return undefined;
    left = { value: t.op === '+' ? left.value + right.value : left.value - right.value, next: right.next, operators: left.operators + right.operators + 1 };
  }
  return left;
}

function parseProduct(tokens: Token[], at: number, to: number, percent: PercentMode): Parsed | undefined {
  let left = parseUnary(tokens, at, to, percent);
  while (left && left.next < to) {
    const t = tokens[left.next];
    if (t.kind === 'op' && (t.op === '*' || t.op === '/')) {
      const right = parseUnary(tokens, left.next + 1, to, percent);
      if (!right) return undefined;
      left = { value: t.op === '*' ? left.value * right.value : left.value / right.value, next: right.next, operators: left.operators + right.operators + 1 };
    } else if ((t.kind === 'lparen' || (t.kind === 'num' && tokens[left.next - 1].kind === 'rparen')) && tokens[left.next - 1].end === t.start) {
      // implicit product, only when written without a space: 2(3 + 4), (3 + 4)(2), (3)4
      const right = parseUnary(tokens, left.next, to, percent);
      if (!right) return undefined;
      left = { value: left.value * right.value, next: right.next, operators: left.operators + right.operators + 1 };
    } else break;
  }
  return left;
}

function parseUnary(tokens: Token[], at: number, to: number, percent: PercentMode): Parsed | undefined {
  const t = tokens[at];
  if (at < to && t.kind === 'op' && (t.op === '-' || t.op === '+')) {
    const operand = parseUnary(tokens, at + 1, to, percent);
    return operand && { ...operand, value: t.op === '-' ? -operand.value : operand.value };
  }
  return parsePower(tokens, at, to, percent);
}

function parsePower(tokens: Token[], at: number, to: number, percent: PercentMode): Parsed | undefined {
  const base = parsePrimary(tokens, at, to, percent);
  if (!base || base.next >= to) return base;
  const t = tokens[base.next];
  if (t.kind !== 'op' || t.op !== '^') return base;
  const exponent = parseUnary(tokens, base.next + 1, to, percent);
  return exponent && { value: base.value ** exponent.value, next: exponent.next, operators: base.operators + exponent.operators + 1 };
}

function parsePrimary(tokens: Token[], at: number, to: number, percent: PercentMode): Parsed | undefined {
  if (at >= to) return undefined;
  const t = tokens[at];
  if (t.kind === 'num') {
    // `1 1/2 / 1/2`: a fraction written tight after a spaced division is one number, as its writer reads it.
    const slash = tokens[at + 1];
    const denominator = tokens[at + 2];
    const before = tokens[at - 1];
    if (before?.kind === 'op' && before.op === '/' && before.end !== t.start && at + 2 < to && slash.kind === 'op' && slash.op === '/' && denominator.kind === 'num' && t.end === slash.start && slash.end === denominator.start) {
      return { value: t.value / denominator.value, next: at + 3, operators: 1 };
    }
    return { value: t.percent && percent === 'divide' ? t.value / 100 : t.value, next: at + 1, operators: 0 };
  }
  if (t.kind === 'lparen') {
    const inner = parseSum(tokens, at + 1, to, percent);
    if (!inner || inner.next >= to || tokens[inner.next].kind !== 'rparen') return undefined;
    return { value: inner.value, next: inner.next + 1, operators: inner.operators };
  }
  return undefined;
}
