/**
 * Counting what a step lists: `The factors of 24 greater than 1 are 2, 3, 4, 6, 8, 12, and 24, so we have
 * $\boxed{7}$ possible values` claims that the list has 7 members. The written count is compared with the
 * members of the nearest list in its step: the last one before it, or the one that follows it in the same
 * sentence (`the $\boxed{3}$ factors 10, 25 and 50`). A list with an ellipsis or a range counts nothing.
 */
import type { Computation } from './computation';

/** A member: a number, or a short formula (`2^1\cdot 3`). */
const MEMBER = String.raw`(?:-?\d+(?:\.\d+)?|[^\s,;.:]{1,24})(?![^\s,;.:])`;
const SEPARATOR = String.raw`\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+`;
const LIST = new RegExp(String.raw`${MEMBER}(?:(?:${SEPARATOR})${MEMBER}){1,40}`, 'g');
/** `$\boxed{7}$ possible values`, `a total of $\boxed{6}$ integers`: a count of things, said so after it. */
const COUNT = /\\boxed\{(\d+)\}\$?(?=\s+(?:possible\s+|different\s+|distinct\s+|such\s+|positive\s+)?(?:values?|numbers?|factors?|divisors?|integers?|solutions?|roots?|choices|ways|primes?|members?|elements?)\b)/g;
const ELLIPSIS = /\\l?dots|\\cdots|\.\.\.|…/;

interface Found {
  start: number;
  end: number;
  members: string[];
}

/** The step as prose, offsets kept: `$1$, $2$, and $14$` and `$1, 2^1,\text{ or }2^2$` read as plain lists. */
function plain(text: string): string {
  const pad = (s: string, by: string) => by.padEnd(s.length, ' ');
  return text
    .replace(/\\text\s*\{\s*(and|or)\s*\}/g, (s, word: string) => pad(s, ` ${word} `))
    .replace(/\\(?:,|;|quad|qquad)/g, (s) => pad(s, ' '))
    // `2^1\cdot 3` is one member: the space only ends the command's name.
    .replace(/(\\[a-zA-Z]+)(\s+)(?=[\w\\{(])/g, (_, command: string, space: string) => `${command}{}${' '.repeat(Math.max(0, space.length - 2))}`)
    .replace(/\$/g, ' ');
}

function lists(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(LIST)) {
    // Members hold a digit: `24, so we` ends the list at `so`; `apples, pears` is no list of numbers.
    let members: string[] = [];
    let run: string[] = [];
    for (const part of m[0].split(new RegExp(SEPARATOR)).map((x) => x.trim())) {
      if (/\d/.test(part) && !/\\boxed/.test(part)) run.push(part);
      else run = [];
      if (run.length > members.length) members = [...run];
    }
    if (members.length < 2) continue;
    // `between 5 and 12`, `from -3 to 7`: the ends of a range; `5 and 12` alone is too little to count.
    if (members.length === 2 && !m[0].includes(',')) continue;
    if (/\b(?:between|from)\s*$/i.test(text.slice(Math.max(0, m.index! - 12), m.index)) || /^\s*inclusive/i.test(text.slice(m.index! + m[0].length))) continue;
    found.push({ start: m.index!, end: m.index! + m[0].length, members });
  }
  return found;
}

export function listedCounts(rawText: string): Computation[] {
  if (ELLIPSIS.test(rawText) || !/\\boxed\{\d+\}/.test(rawText)) return [];
  const all = lists(plain(rawText));
  const computations: Computation[] = [];
  for (const m of rawText.matchAll(COUNT)) {
    const written = Number(m[1]);
    const at = m.index! + m[0].indexOf('\\boxed');
    // `7 - (-3) + 1 = \boxed{11}` is a computation's result, which the other checks read.
    if (/=\s*$/.test(rawText.slice(0, at))) continue;
    const sentenceEnd = (() => {
      const end = rawText.slice(at).search(/[.;](?:\s|$)/);
      return end < 0 ? rawText.length : at + end;
    })();
    // The sentence before the count and its own: a list further back is about something else.
    const sentences = [...rawText.slice(0, at).matchAll(/[.;!?](?:\s|$)/g)].map((e) => e.index! + 1);
    const from = sentences.length >= 2 ? sentences[sentences.length - 2] : 0;
    const after = all.find((l) => l.start > at && l.start < sentenceEnd);
    const before = all.filter((l) => l.end <= at && l.start >= from).pop();
    const list = after ?? before;
    if (!list) continue;
    const digits = String(written);
    const start = rawText.indexOf(digits, at);
    const checked = `${list.members.join(', ')}: ${written}`;
    const result = { start, end: start + digits.length };
    if (list.members.length === written) computations.push({ status: 'verified', checked, result });
    // Two members may be a range's ends or a sentence's pieces; three or more are a list.
    else if (list.members.length >= 3) {
      computations.push({ status: 'contradicted', checked, computed: String(list.members.length), explanation: `the list ${list.members.join(', ')} has ${list.members.length} members, not ${written}`, result });
    } else computations.push({ status: 'unchecked', checked });
  }
  return computations;
}
