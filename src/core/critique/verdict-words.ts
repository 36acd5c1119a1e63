// Reading a critic's verdict ("Correct", "Wrong", "Incorrect", true/false, …) from a word, phrase or JSON value.

export type ModelVerdict = 'correct' | 'wrong';

const NEGATIVE = /\b(?:wrong|incorrect|not correct|partially correct|false|invalid|erroneous|flawed)\b/;
const POSITIVE = /\b(?:correct|right|true|valid)\b/;

/** `correct`, `wrong`, or undefined when the value states neither (e.g. "Unclear"). */
export function readVerdict(value: unknown): ModelVerdict | undefined {
  if (typeof value === 'boolean') return value ? 'correct' : 'wrong';
  if (typeof value !== 'string') return undefined;
  const text = value.toLowerCase().replace(/[*_`"'.,;:!()]/g, ' ');
  if (/^\s*(?:no|n)\s*$/.test(text)) return 'wrong';
  if (/^\s*(?:yes|y)\s*$/.test(text)) return 'correct';
  const negative = NEGATIVE.exec(text);
  const positive = POSITIVE.exec(text);
  if (!positive) return negative ? 'wrong' : undefined;
  if (negative && negative.index <= positive.index) return 'wrong';
  // "Correct for the equation but wrong in context": the qualification decides.
  if (/\bbut\b.*\b(?:wrong|incorrect)\b/.test(text)) return 'wrong';
  return 'correct';
}
