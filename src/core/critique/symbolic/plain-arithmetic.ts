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

const NUMBER = /(?:\d{1,3}(?:,\d{3})+(?![\d,]\d)|\d+)(?:\.\d+)?|\.\d+/y;
const WORD = /[\p{L}][\p{L}'’]*/uy;
const OPERATORS: Record<string, '+' | '-' | '*' | '/' | '^'> = {
  '+': '+', '-': '-', '–': '-', '−': '-', '*': '*', '×': '*', '·': '*', '⋅': '*', '∙': '*', '/': '/', '÷': '/', '^': '^',
};
/** Words after a number that are not its unit: they join clauses. */
const NOT_UNITS = new Set(['and', 'or', 'is', 'are', 'was', 'of', 'so', 'then', 'to', 'for', 'from', 'in', 'on', 'at', 'by', 'with', 'than', 'which', 'that', 'the', 'a', 'an', 'times', 'x', 'plus', 'minus']);

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function startsNumber(text: string, at: number): boolean {
  const i = text[at] === '$' ? at + 1 : at;
  return /[\d.(]/.test(text[i] ?? '') && (text[i] !== '.' || /\d/.test(text[i + 1] ?? ''));
}

/** Tokens of `text`; whitespace is dropped (adjacency is read from the offsets). Unit words after numbers are dropped too. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const previous = tokens[tokens.length - 1];
    const afterOperand = previous && (previous.kind === 'num' || previous.kind === 'rparen');
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      let end = i + number[0].length;
      const percentWord = /^\s?(?:%|percent\b)/i.exec(text.slice(end, end + 9));
      const percent = percentWord !== null;
      if (percentWord) end += percentWord[0].length;
      tokens.push({ kind: 'num', value: Number(number[0].replace(/,/g, '')), percent, start: i, end });
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
      const lower = word[0].toLowerCase();
      const nextOperand = startsNumber(text, nextNonSpace(text, end));
      // `3 x 4`, `3x4`, `2 times 5` multiply; `2x` alone is a variable, `20% of 50` is a product.
      if (afterOperand && nextOperand && (lower === 'x' || lower === 'times')) tokens.push({ kind: 'op', op: '*', start: i, end });
      else if (previous?.kind === 'num' && previous.percent && lower === 'of' && nextOperand) tokens.push({ kind: 'op', op: '*', start: i, end });
      // `2L`, `3r`, `(5/2)x`: a single letter glued to a number is a variable, never a unit.
      else if (word[0].length === 1 && afterOperand && previous.end === i) tokens.push({ kind: 'other', ch: word[0], start: i, end });
      else tokens.push({ kind: 'word', word: word[0], start: i, end });
      i = end;
      continue;
    }
    tokens.push({ kind: 'other', ch: c, start: i, end: i + 1 });
    i++;
  }
  return dropUnits(tokens);
}

/** `18 pink - 6`, `2 inches * 2 = 4 inches`: up to two words between a number and an operator are its unit. */
function dropUnits(tokens: Token[]): Token[] {
  const keep = tokens.map(() => true);
  for (let i = 0; i < tokens.length; i++) {
    const before = tokens[i - 1];
    if (tokens[i].kind !== 'word' || !before || (before.kind !== 'num' && before.kind !== 'rparen')) continue;
    let j = i;
    while (j < tokens.length && j < i + 2 && tokens[j].kind === 'word' && !NOT_UNITS.has((tokens[j] as { word: string }).word.toLowerCase())) j++;
    const after = tokens[j];
    if (j > i && after && (after.kind === 'op' || after.kind === 'eq' || after.kind === 'rparen')) for (let k = i; k < j; k++) keep[k] = false;
  }
  return tokens.filter((_t, i) => keep[i]);
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
  if (t.kind === 'num') return { value: t.percent && percent === 'divide' ? t.value / 100 : t.value, next: at + 1, operators: 0 };
  if (t.kind === 'lparen') {
    const inner = parseSum(tokens, at + 1, to, percent);
    if (!inner || inner.next >= to || tokens[inner.next].kind !== 'rparen') return undefined;
    return { value: inner.value, next: inner.next + 1, operators: inner.operators };
  }
  return undefined;
}
