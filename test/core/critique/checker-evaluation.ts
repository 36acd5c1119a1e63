/**
 * Measures the symbolic checker on gold solutions (false alarms, verified share) and on injected
 * computation errors (detection). Shared by the corpus tests and bench/symbolic.ts.
 */
import { splitSolution } from '../../../src/core/critique/notes';
import { checkProblem, checkStepText, stepComputations } from '../../../src/core/critique/symbolic';
import type { MathStep } from '../../../src/core/critique/types';
import { readJsonl, type Gsm8kRecord, type Math500Record } from '../../support/corpora';

export interface GoldSolution {
  id: string;
  steps: MathStep[];
  /** The problem statement, whose equations the sandbox checks may build on. */
  question?: string;
}

export function gsm8kSolutions(): GoldSolution[] {
  return readJsonl<Gsm8kRecord>('gsm8k/test.jsonl').map((r, i) => ({ id: `gsm8k#${i}`, steps: splitSolution(r.answer), question: r.question }));
}

/** GSM8K as people write it: the calculator annotations `<<48/2=24>>` removed, the prose left as is. */
export function stripAnnotations(text: string): string {
  return text.replace(/<<[^<>]*>>/g, '');
}

export function gsm8kNotes(): GoldSolution[] {
  return readJsonl<Gsm8kRecord>('gsm8k/test.jsonl').map((r, i) => ({ id: `gsm8k-notes#${i}`, steps: splitSolution(stripAnnotations(r.answer)) }));
}

export function math500Solutions(): GoldSolution[] {
  return readJsonl<Math500Record>('math500/test.jsonl').map((r) => ({ id: r.unique_id, steps: splitSolution(r.solution), question: r.problem }));
}

/** mulberry32: a tiny seeded generator, so that every run injects the same errors. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Indexes 0…n−1 in a seeded random order, each once. */
function* randomOrder(n: number, random: () => number): Generator<number> {
  const tried = new Set<number>();
  while (tried.size < n) {
    const pick = Math.floor(random() * n);
    if (tried.has(pick)) continue;
    tried.add(pick);
    yield pick;
  }
}

export interface GoldReport {
  steps: number;
  verified: number;
  contradicted: { id: string; stepIndex: number; text: string; explanation?: string }[];
  seconds: number;
}

export function checkGold(solutions: GoldSolution[]): GoldReport {
  const report: GoldReport = { steps: 0, verified: 0, contradicted: [], seconds: 0 };
  const start = performance.now();
  for (const solution of solutions) {
    const findings = checkProblem({ index: 0, question: '', questionRange: emptyRange, solutionRange: emptyRange, steps: solution.steps });
    for (const finding of findings) {
      report.steps++;
      if (finding.status === 'verified') report.verified++;
      if (finding.status === 'contradicted') {
        report.contradicted.push({ id: solution.id, stepIndex: finding.stepIndex, text: solution.steps[finding.stepIndex].text, explanation: finding.explanation });
      }
    }
  }
  report.seconds = (performance.now() - start) / 1000;
  return report;
}

const emptyRange = { startOffset: 0, endOffset: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

/** The same digits with one of them changed (never to a leading zero). */
function changeOneDigit(literal: string, random: () => number): string {
  const positions = [...literal].flatMap((c, i) => (/\d/.test(c) ? [i] : []));
  const at = positions[Math.floor(random() * positions.length)];
  const leading = at === positions[0] && positions.length > 1;
  const choices = [...'0123456789'].filter((d) => d !== literal[at] && !(leading && d === '0'));
  return literal.slice(0, at) + choices[Math.floor(random() * choices.length)] + literal.slice(at + 1);
}

export interface Injection {
  id: string;
  original: string;
  mutated: string;
  detected: boolean;
}

/**
 * Changes the written result of one verified computation in one step (and GSM8K's repetition of an
 * annotation's result after `>>`), then checks the step again.
 */
export function injectErrors(solutions: GoldSolution[], count: number, seed: number): Injection[] {
  const random = seededRandom(seed);
  const candidates = solutions.flatMap((s) => s.steps.map((step) => ({ id: `${s.id} step ${step.index}`, text: step.text })));
  const injections: Injection[] = [];
  for (const pick of randomOrder(candidates.length, random)) {
    if (injections.length >= count) break;
    const { id, text } = candidates[pick];
    const results = stepComputations(text).computations.filter((c) => c.status === 'verified' && c.result);
    if (results.length === 0) continue;
    const { start, end } = results[Math.floor(random() * results.length)].result!;
    const literal = text.slice(start, end);
    const replacement = changeOneDigit(literal, random);
    let mutated = text.slice(0, start) + replacement + text.slice(end);
    const repeated = /^>>\$?([\d,.]+)/.exec(mutated.slice(start + replacement.length));
    if (repeated && repeated[1].replace(/,/g, '').replace(/\.$/, '') === literal) {
      const repeatStart = start + replacement.length + repeated[0].length - repeated[1].length;
      mutated = mutated.slice(0, repeatStart) + replacement + mutated.slice(repeatStart + repeated[1].length);
    }
    injections.push({ id, original: text, mutated, detected: checkStepText(mutated).status === 'contradicted' });
  }
  return injections;
}

/**
 * GSM8K-style notes with one written result changed: a step whose prose shows a computation
 * (`6 x 3 = <<6*3=18>>18`) gets one digit of that result changed, its annotations are removed, and the
 * step is checked as a person would have written it (`6 x 3 = 19`). Candidates are every annotation whose
 * prose has `=` right before it and an operation in the same sentence, so the computation is on the page
 * (`Monday = 725 letters` is a value, not a computation); the checker must catch the change.
 */
/** An operation as people write one: a sign, an operator word, `6x2`, `20% of`, or an earlier `=` (an equation). */
const WRITTEN_OPERATION = /[-+*/×÷·–−^=]|\b(?:x|times|plus|minus|divided by|multiplied by)\b|\dx\s?\d|%\s*of\b/;

/** Results written after a computation shown in the prose (`6 x 3 = <<6*3=18>>18`): where they stand in the step. */
function writtenResults(stepText: string): { at: number; literal: string }[] {
  return [...stepText.matchAll(/<<[^<>]*>>([\d,]*\.?\d+)/g)].flatMap((m) => {
    const before = stripAnnotations(stepText.slice(0, m.index));
    const sentence = before.split(/(?<=[.!?])\s+(?=[A-Z])|\n/).pop()!;
    const shown = /=\s*\$?\s*$/.test(before) && WRITTEN_OPERATION.test(sentence.replace(/=\s*\$?\s*$/, ''));
    return shown ? [{ at: m.index + m[0].length - m[1].length, literal: m[1] }] : [];
  });
}

export function injectIntoNotes(count: number, seed: number): Injection[] {
  const random = seededRandom(seed);
  const candidates: { id: string; text: string; at: number; literal: string }[] = [];
  readJsonl<Gsm8kRecord>('gsm8k/test.jsonl').forEach((record, i) => {
    splitSolution(record.answer).forEach((step) => {
      for (const result of writtenResults(step.text)) candidates.push({ id: `gsm8k-notes#${i} step ${step.index}`, text: step.text, ...result });
    });
  });
  const injections: Injection[] = [];
  for (const pick of randomOrder(candidates.length, random)) {
    if (injections.length >= count) break;
    const { id, text, at, literal } = candidates[pick];
    const mutated = stripAnnotations(text.slice(0, at) + changeOneDigit(literal, random) + text.slice(at + literal.length));
    injections.push({ id, original: stripAnnotations(text), mutated, detected: checkStepText(mutated).status === 'contradicted' });
  }
  return injections;
}

/** A ProcessBench record. */
export interface ProcessBenchRecord {
  id: string;
  problem: string;
  steps: string[];
  label: number;
}

/**
 * A ProcessBench-format file built from GSM8K notes (annotations removed): every other solution gets one
 * written result changed in a random step that shows a computation (its label is that step), the rest
 * stay as they are (label −1). Solutions whose text GSM8K itself gets wrong are left out.
 */
export function gsm8kStepBenchmark(count: number, seed: number): ProcessBenchRecord[] {
  const random = seededRandom(seed);
  const knownTextErrors = new Set([501, 802, 931, 1024]);
  const records: ProcessBenchRecord[] = [];
  const all = readJsonl<Gsm8kRecord>('gsm8k/test.jsonl');
  for (let i = 0; i < all.length && records.length < count; i++) {
    if (knownTextErrors.has(i)) continue;
    const steps = splitSolution(all[i].answer);
    const id = `gsm8k-${i}`;
    const plain = steps.map((s) => stripAnnotations(s.text));
    if (records.length % 2 === 1) {
      records.push({ id, problem: all[i].question, steps: plain, label: -1 });
      continue;
    }
    const candidates = steps.flatMap((step) => writtenResults(step.text).map((r) => ({ step: step.index, ...r })));
    if (candidates.length === 0) continue;
    const { step, at, literal } = candidates[Math.floor(random() * candidates.length)];
    const text = steps[step].text;
    const mutated = plain.slice();
    mutated[step] = stripAnnotations(text.slice(0, at) + changeOneDigit(literal, random) + text.slice(at + literal.length));
    records.push({ id, problem: all[i].question, steps: mutated, label: step });
  }
  return records;
}

/**
 * What a gold step says, for the verified share per kind: a diagram or program line (`[asy]`, `draw(…);`),
 * a connective without math or relation (`Then`, `so`, `We have`), math or prose stating no relation
 * (a displayed expression, an argument in words), a definition (`Let a = x - 3`), an inequality, a boxed
 * answer, an equality. The first three make no mathematical claim a checker could establish.
 */
export type StepKind = 'diagram or code' | 'connective' | 'no relation' | 'definition' | 'inequality' | 'boxed answer' | 'equality';
export const CLAIMLESS_KINDS: readonly StepKind[] = ['diagram or code', 'connective', 'no relation'];

const CODE_LINE = /\[asy\]|\[\/asy\]|\b(?:draw|label|pair|unitsize|size|dot|fill|filldraw|import|defaultpen|path|xaxis|yaxis|xequals|yequals)\s*\(|;\s*$|^\s*(?:pair|real|int|path|import|for)\b|--/;
const RELATION = /[=<>]|\\(?:le|ge|leq|geq|lt|gt|ne|neq|equiv|approx|in|sim|cong|Rightarrow|implies)\b/;

export function stepKind(text: string): StepKind {
  const s = text.replace(/\n/g, ' ');
  if (CODE_LINE.test(s) && !/\$/.test(s.replace(/label\("\$[^"]*"/g, ''))) return 'diagram or code';
  const math = /\$|\\[a-zA-Z]|[=<>^]/.test(s);
  if (!math && !/\d/.test(s) && s.length < 80) return 'connective';
  if (/\\boxed/.test(s)) return 'boxed answer';
  if (!RELATION.test(s)) return 'no relation';
  if (/\\(?:le|ge|leq|geq|lt|gt)\b|[<>]/.test(s) && !/=/.test(s)) return 'inequality';
  if (/\b(?:let|define|denote|setting|set)\b/i.test(s)) return 'definition';
  return 'equality';
}

/** One digit of a number inside `claim` (the last side of a verified equality) changed, where it stands in the step. */
export function mutateClaim(stepText: string, claim: string, random: () => number): string | undefined {
  const side = claim.split(' = ').pop()!.trim();
  const at = side.length > 0 ? stepText.lastIndexOf(side) : -1;
  if (at < 0) return undefined;
  const numbers = [...side.matchAll(/\d+/g)];
  if (numbers.length === 0) return undefined;
  const number = numbers[Math.floor(random() * numbers.length)];
  const start = at + number.index!;
  return stepText.slice(0, start) + changeOneDigit(number[0], random) + stepText.slice(start + number[0].length);
}
