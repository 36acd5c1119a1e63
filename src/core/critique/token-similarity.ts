// Bags of weighted tokens for matching a critic's repeated step sentence against a note's step. Numbers and
// words carry the meaning; stop words, operators and LaTeX markup carry little, so they weigh less or nothing.

export type TokenBag = Map<string, number>;

const STOP_WORDS = new Set(
  'a an the of to and or is are was were be been it its this that these those we us our you your he she they them his her their so then thus therefore hence which as at by for from in into on with than but if'.split(' '),
);
const LATEX_MARKUP = new Set(['boxed', 'text', 'mathrm', 'left', 'right', 'begin', 'end', 'aligned', 'align', 'quad', 'displaystyle', 'dfrac', 'tfrac']);

/** Plain text of a step or sentence for comparison: calculator annotations (`<<5/30=0.17>>`) and markup removed. */
export function normalizeForMatching(text: string): string {
  return text
    .replace(/<<[^>]*>>/g, ' ')
    .replace(/\\(?:\[|\]|\(|\)|,|;|!|\\)/g, ' ')
    .replace(/\\([a-zA-Z]+)/g, ' $1 ')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/[$&{}*_`#]/g, ' ')
    .toLowerCase();
}

function weightOf(token: string): number {
  // Bigrams ("a b") keep a little of the word order, which tells "7(7·19+2)" from "7(7·2+19)".
  if (token.includes(' ')) return 0.2;
  if (/^\d/.test(token)) return 1.5;
  if (/^[a-z]$/.test(token)) return 0.8;
  if (/^[^a-z0-9]$/.test(token)) return 0.3;
  if (STOP_WORDS.has(token)) return 0.25;
  return 1;
}

export function tokenBag(text: string): TokenBag {
  const bag: TokenBag = new Map();
  let previous: string | undefined;
  for (const match of normalizeForMatching(text).matchAll(/\d+(?:\.\d+)?|[a-z]+|[=+\-/^<>×÷·≤≥()]/g)) {
    let token = match[0];
    if (LATEX_MARKUP.has(token)) continue;
    // Light stemming so that "eggs"/"egg" and "sold"/"sells" are closer.
    if (token.length > 4 && token.endsWith('s') && !token.endsWith('ss')) token = token.slice(0, -1);
    if (token !== '(' && token !== ')') bag.set(token, (bag.get(token) ?? 0) + 1);
    if (previous !== undefined) bag.set(`${previous} ${token}`, (bag.get(`${previous} ${token}`) ?? 0) + 1);
    previous = token;
  }
  return bag;
}

export function bagWeight(bag: TokenBag): number {
  let total = 0;
  for (const [token, count] of bag) total += weightOf(token) * count;
  return total;
}

/** Weighted size of the multiset intersection. */
export function bagOverlap(a: TokenBag, b: TokenBag): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let total = 0;
  for (const [token, count] of small) {
    const other = large.get(token);
    if (other) total += weightOf(token) * Math.min(count, other);
  }
  return total;
}

export function mergeBags(bags: TokenBag[]): TokenBag {
  const out: TokenBag = new Map();
  for (const bag of bags) for (const [token, count] of bag) out.set(token, (out.get(token) ?? 0) + count);
  return out;
}
