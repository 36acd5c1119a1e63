/**
 * When does a written result agree with the value the checker computed? Exact equality is too strict for
 * worked solutions: results are rounded to the shown decimals, money to cents, big numbers to tens.
 */

/** Numbers closer than this (relative) are the same number; floating point noise must not be an error. */
export const RELATIVE_EPSILON = 1e-9;

export function nearlyEqual(a: number, b: number, relative = RELATIVE_EPSILON): boolean {
  return Math.abs(a - b) <= relative * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A number as written: its value and how precisely it was written. */
export interface WrittenNumber {
  value: number;
  /** Digits after the decimal point. */
  decimals: number;
  /** Trailing zeros of an integer (`140` → 1), which may stand for rounding to tens. */
  trailingZeros: number;
}

export function writtenNumber(literal: string, value: number): WrittenNumber {
  const digits = literal.replace(/[^\d.]/g, '');
  const point = digits.indexOf('.');
  const decimals = point < 0 ? 0 : digits.length - point - 1;
  const trailingZeros = point < 0 ? (/0+$/.exec(digits)?.[0].length ?? 0) : 0;
  return { value, decimals, trailingZeros: Math.min(trailingZeros, Math.max(0, digits.length - 1)) };
}

/**
 * Whether `claimed` (a number written in the solution) agrees with `computed`: equal, or `computed` rounded,
 * truncated or ceiled at the precision `claimed` was written with. An integer result of exact integer
 * arithmetic has to match exactly.
 */
export function agreesWithRounding(computed: number, claimed: WrittenNumber): boolean {
  if (nearlyEqual(computed, claimed.value)) return true;
  // A value that can be written exactly at the claimed precision (9, 0.24, 20.5 at two decimals) must be written exactly.
  const scaled = computed * 10 ** claimed.decimals;
  if (nearlyEqual(scaled, Math.round(scaled))) return false;
  const unit = claimed.decimals > 0 ? 10 ** -claimed.decimals : 10 ** claimed.trailingZeros;
  return Math.abs(computed - claimed.value) < unit * (1 + 1e-9);
}

/** A short number for explanations: integers as is, others with up to 6 significant decimals. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (nearlyEqual(value, Math.round(value))) return String(Math.round(value));
  const fixed = Math.abs(value) >= 1e-4 && Math.abs(value) < 1e15 ? value.toFixed(6) : value.toPrecision(7);
  return fixed.includes('.') && !fixed.includes('e') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}
