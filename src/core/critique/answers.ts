/**
 * Final answers of a math solution: finding them in a text and comparing two of them.
 * Pure functions; offsets are 0-based UTF-16 indexes into the text given.
 */
import { getComputeEngine } from './symbolic/engine';

export interface ExtractedAnswer {
  /** As written, e.g. `\frac{3}{4}` or `18 dollars`. */
  raw: string;
  /** Canonical form, see `normalizeAnswer`. */
  normalized: string;
  startOffset: number;
  endOffset: number;
}

/** Index just past the `}` that closes the `{` at `open`, or -1 when unbalanced. */
export function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++; // an escaped brace `\{` does not count
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

function lastBoxed(text: string): { start: number; end: number } | undefined {
  const re = /\\(?:boxed|fbox)\s*\{/g;
  let found: { start: number; end: number } | undefined;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = matchBrace(text, open);
    if (close > 0) found = { start: open + 1, end: close - 1 };
  }
  return found;
}

/** Trims a span of `text` of whitespace and of sentence punctuation and math fences around the answer. */
function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  const lead = /[\s$*_]/;
  const trail = /[\s$.*_;,]/;
  while (start < end && lead.test(text[start])) start++;
  while (end > start && trail.test(text[end - 1])) end--;
  if (text.startsWith('\\(', start) && text.endsWith('\\)', end)) return trimSpan(text, start + 2, end - 2);
  if (text.startsWith('\\[', start) && text.endsWith('\\]', end)) return trimSpan(text, start + 2, end - 2);
  return { start, end };
}

const ANSWER_LINE_PATTERNS: RegExp[] = [
  /^[ \t]*####[ \t]*(.+?)[ \t]*$/dgm,
  /(?:final answer|the answer)[ \t]*(?:\*\*)?[ \t]*(?:is\b|:|=)[ \t]*(?:\*\*)?[ \t]*([^\n]+?)[ \t]*$/dgim,
  /^[ \t>*_]*answer[ \t]*(?:\*\*)?[ \t]*:[ \t]*(?:\*\*)?[ \t]*([^\n]+?)[ \t]*$/dgim,
];

/**
 * Finds the final answer of a solution: the last `\boxed{…}` (nested braces allowed), else the last
 * `#### …`, "Final answer: …", "The answer is …" or "Answer: …" line.
 */
export function extractFinalAnswer(text: string): ExtractedAnswer | undefined {
  const boxed = lastBoxed(text);
  let span: { start: number; end: number } | undefined = boxed && trimSpan(text, boxed.start, boxed.end);
  if (!span) {
    for (const pattern of ANSWER_LINE_PATTERNS) {
      let best: { start: number; end: number } | undefined;
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        const [start, end] = m.indices![1]!;
        best = { start, end };
      }
      if (best) {
        span = trimSpan(text, best.start, best.end);
        break;
      }
    }
  }
  if (!span || span.end <= span.start) return undefined;
  const raw = text.slice(span.start, span.end);
  return { raw, normalized: normalizeAnswer(raw), startOffset: span.start, endOffset: span.end };
}

function unwrapCommand(s: string, command: string): string {
  const re = new RegExp(`\\\\${command}\\s*\\{`);
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const open = m.index + m[0].length - 1;
    const close = matchBrace(s, open);
    if (close < 0) break;
    s = s.slice(0, m.index) + s.slice(open + 1, close - 1) + s.slice(close);
  }
  return s;
}

const NUMBER_WORDS_AFTER = /^(-?(?:\d+(?:\.\d*)?|\.\d+)(?:\/\d+)?)\s*(?:[a-zA-Z][a-zA-Z\s.'’-]*)$/;

/**
 * Canonical form of an answer for comparison: LaTeX spacing, `\left`/`\right`, `\dfrac`, math fences,
 * currency, thousands separators, units and words after a number, percent, degrees, trailing zeros
 * and a leading `x =` are removed; `\frac{a}{b}` becomes `a/b`.
 */
export function normalizeAnswer(raw: string): string {
  let s = raw.trim();
  s = unwrapCommand(s, 'boxed');
  s = unwrapCommand(s, 'fbox');
  s = s.replace(/\\[dt]frac/g, '\\frac');
  s = s.replace(/\\(?:left|right)\b\s*/g, '');
  s = s.replace(/\\[ ,!;:]|\\q?quad\b|~/g, ' ');
  s = s.replace(/\\\$|\$/g, '');
  s = s.replace(/\\\(|\\\)|\\\[|\\\]/g, '');
  s = s.replace(/\^\s*\{?\s*\\circ\s*\}?|°|\\degree\b/g, '');
  s = s.replace(/\\%|%|\s*\bpercent\b/gi, '');
  // Units written as text after a number: 5\text{ cm}, 18\mbox{ dollars}.
  s = s.replace(/(\d)\s*\\(?:text|mbox|mathrm|textrm)\s*\{\s*[a-zA-Z][a-zA-Z\s.]*\}/g, '$1');
  s = unwrapCommand(s, 'text');
  s = unwrapCommand(s, 'textbf');
  s = unwrapCommand(s, 'mathrm');
  s = s.replace(/(\d)\{,\}(?=\d{3})/g, '$1');
  s = s.replace(/\b(\d{1,3})((?:,\d{3})+)(?![\d,])/g, (_m, head: string, groups: string) => head + groups.replace(/,/g, ''));
  s = s.replace(/^\s*[a-zA-Z](?:_\{?\w+\}?)?\s*=\s*/, '');
  s = s.replace(/\s+/g, ' ').trim();
  s = s.replace(/[.,;:]+$/, '').trim();
  s = s.replace(/\s*([()[\],])\s*/g, '$1');
  // Thin-space thousands groups (`10\,000` became `10 000` above).
  if (/^-?\d{1,3}(?: \d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/ /g, '');
  const fraction = /^(-?)\\frac\s*(?:\{\s*(-?\d+)\s*\}|(\d))\s*(?:\{\s*(-?\d+)\s*\}|(\d))$/.exec(s);
  if (fraction) s = `${fraction[1]}${fraction[2] ?? fraction[3]}/${fraction[4] ?? fraction[5]}`;
  const numberThenWords = NUMBER_WORDS_AFTER.exec(s);
  if (numberThenWords) s = numberThenWords[1];
  if (/^-?\d+\.\d*$/.test(s)) s = s.replace(/\.?0+$/, '');
  if (/^-?\d+\.$/.test(s)) s = s.slice(0, -1);
  return s;
}

const PLAIN_NUMBER = /^(-?)(\d+(?:\.\d+)?|\.\d+)(?:\/(\d+(?:\.\d+)?))?$/;

/** The numeric value of a normalized answer, or undefined when it is not a number. */
export function answerValue(normalized: string): number | undefined {
  const plain = PLAIN_NUMBER.exec(normalized);
  if (plain) {
    const value = Number(plain[2]) / (plain[3] === undefined ? 1 : Number(plain[3]));
    return plain[1] ? -value : value;
  }
  if (!/^[\d\s\\{}()+\-*/^.a-z]+$/i.test(normalized) || /[a-z]/i.test(normalized.replace(/\\[a-z]+/gi, ''))) return undefined;
  try {
    const value = getComputeEngine().parse(normalized).N();
    const re = value.re;
    return Number.isFinite(re) && value.im === 0 ? re : undefined;
  } catch {
    return undefined;
  }
}

/** Two answers are equal when their normalized values are equal numbers (relative tolerance 1e-9) or equal strings. */
export function answersEqual(a: string, b: string): boolean {
  const na = normalizeAnswer(a);
  const nb = normalizeAnswer(b);
  if (na === nb) return true;
  const va = answerValue(na);
  const vb = answerValue(nb);
  if (va !== undefined && vb !== undefined) return Math.abs(va - vb) <= 1e-9 * Math.max(1, Math.abs(va), Math.abs(vb));
  return na.replace(/\s+/g, '') === nb.replace(/\s+/g, '');
}
