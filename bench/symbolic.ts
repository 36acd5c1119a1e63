/**
 * Symbolic checker benchmark: throughput on all GSM8K test solution steps, false alarms on GSM8K (with and
 * without its calculator annotations) and MATH-500 gold solutions, detection of injected computation errors.
 * Run: node --import tsx bench/symbolic.ts [injections per corpus, default 400] [seed]
 */
import { checkStepText } from '../src/core/critique/symbolic';
import { checkGold, gsm8kNotes, gsm8kSolutions, injectErrors, injectIntoNotes, math500Solutions, type GoldReport } from '../test/core/critique/checker-evaluation';

const injectionsPerCorpus = Number(process.argv[2] ?? 400);
const seed = Number(process.argv[3] ?? 20240611);

const gsm8k = gsm8kSolutions();
const math500 = math500Solutions();

// Warm up compute-engine (it loads its solver and definitions on first use) and the JIT so the timed
// pass measures steady-state throughput; the warm-up pass is reported too.
const gsm8kSteps = gsm8k.flatMap((s) => s.steps);
const warmUpStart = performance.now();
for (const step of gsm8kSteps) checkStepText(step.text);
const warmUpSeconds = (performance.now() - warmUpStart) / 1000;

const throughputStart = performance.now();
for (const step of gsm8kSteps) checkStepText(step.text);
const throughputSeconds = (performance.now() - throughputStart) / 1000;

const reports: [string, GoldReport][] = [
  ['GSM8K test', checkGold(gsm8k)],
  ['GSM8K notes', checkGold(gsm8kNotes())],
  ['MATH-500', checkGold(math500)],
];
const injected = [
  ['GSM8K notes', injectIntoNotes(injectionsPerCorpus, seed)],
  ['GSM8K test', injectErrors(gsm8k, injectionsPerCorpus, seed)],
  ['MATH-500', injectErrors(math500, injectionsPerCorpus, seed)],
] as const;

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)}%`;
const row = (cells: (string | number)[]) => cells.map((c, i) => String(c)[i === 0 ? 'padEnd' : 'padStart'](i === 0 ? 12 : 14)).join(' ');

console.log(`\nThroughput: ${gsm8kSteps.length} GSM8K steps in ${throughputSeconds.toFixed(2)} s = ${Math.round(gsm8kSteps.length / throughputSeconds)} steps/s (checkStepText, single thread; first pass incl. warm-up ${warmUpSeconds.toFixed(2)} s)\n`);
console.log(row(['corpus', 'steps', 'verified', 'contradicted', 'false alarms', 'steps/s']));
for (const [name, report] of reports) {
  console.log(row([name, report.steps, percent(report.verified, report.steps), report.contradicted.length, percent(report.contradicted.length, report.steps), Math.round(report.steps / report.seconds)]));
}
console.log('\nContradicted gold steps (errors in the data sets or false alarms):');
for (const [name, report] of reports) for (const c of report.contradicted) console.log(`  ${name} ${c.id} step ${c.stepIndex}: ${c.explanation}\n    ${c.text.slice(0, 160)}`);

console.log(`\nInjected computation errors (seed ${seed}). GSM8K notes: one digit of a result written after a computation in the prose changed, annotations removed; GSM8K test / MATH-500: one digit of one verified result changed:`);
console.log(row(['corpus', 'injected', 'detected', 'rate']));
let total = 0;
let detected = 0;
for (const [name, injections] of injected) {
  const caught = injections.filter((i) => i.detected).length;
  total += injections.length;
  detected += caught;
  console.log(row([name, injections.length, caught, percent(caught, injections.length)]));
}
console.log(row(['all', total, detected, percent(detected, total)]));
