/**
 * Symbolic checker benchmark: throughput on all GSM8K test solution steps, false alarms on GSM8K (with and
 * without its calculator annotations) and MATH-500 gold solutions, detection of injected computation errors.
 * Run: node --import tsx bench/symbolic.ts [injections per corpus, default 400] [seed] [--sandbox [notes]]
 * With --sandbox (needs Docker) the steps left unchecked are also checked with SymPy in the Python sandbox:
 * verified share, false alarms and the added time per note, for MATH-500 (all notes, or the first N).
 */
import { mapBounded } from '../src/core/critique/bounded-map';
import { verifyInSandbox } from '../src/core/critique/sandbox/verifier';
import { checkProblem, checkStepText } from '../src/core/critique/symbolic';
import { SandboxEngine } from '../src/core/sandbox/engine';
import { checkGold, gsm8kNotes, gsm8kSolutions, injectErrors, injectIntoNotes, math500Solutions, type GoldReport } from '../test/core/critique/checker-evaluation';

const args = process.argv.slice(2);
const sandboxAt = args.indexOf('--sandbox');
const sandboxNotes = sandboxAt >= 0 ? (Number(args[sandboxAt + 1]) || Infinity) : 0;
if (sandboxAt >= 0) args.splice(sandboxAt, /^\d+$/.test(args[sandboxAt + 1] ?? '') ? 2 : 1);
const injectionsPerCorpus = Number(args[0] ?? 400);
const seed = Number(args[1] ?? 20240611);

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

const NO_RANGE = { startOffset: 0, endOffset: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
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

async function sandboxPass(): Promise<void> {
  const engine = new SandboxEngine({ poolSize: 0, maxConcurrent: 2 });
  try {
    await engine.ensureImage('python');
    for (const [name, solutions] of [['MATH-500', math500.slice(0, sandboxNotes)], ['GSM8K test', gsm8k.slice(0, sandboxNotes)]] as const) {
      const start = performance.now();
      const perNote = await mapBounded(solutions, 2, async (solution) => {
        const problem = { index: 0, question: '', questionRange: NO_RANGE, solutionRange: NO_RANGE, steps: solution.steps };
        const inProcess = checkProblem(problem);
        const { findings, summary } = await verifyInSandbox(engine, problem, inProcess);
        return { solution, inProcess, findings, summary };
      });
      const wall = (performance.now() - start) / 1000;
      const steps = perNote.reduce((n, p) => n + p.findings.length, 0);
      const before = perNote.reduce((n, p) => n + p.inProcess.filter((f) => f.status === 'verified').length, 0);
      const after = perNote.reduce((n, p) => n + p.findings.filter((f) => f.status === 'verified').length, 0);
      const alarms = perNote.flatMap((p) => p.findings.filter((f) => f.status === 'contradicted' && f.source === 'sandbox').map((f) => ({ id: p.solution.id, f })));
      const ran = perNote.filter((p) => p.summary.claims > 0);
      const seconds = ran.map((p) => p.summary.seconds).sort((a, b) => a - b);
      const skipped = perNote.map((p) => p.summary.skipped).filter(Boolean);
      console.log(`\nSandbox checks (SymPy in the Python sandbox), ${name}: ${perNote.length} notes, ${steps} steps`);
      console.log(`  verified: in-process ${percent(before, steps)} → with the sandbox ${percent(after, steps)} (+${after - before} steps)`);
      console.log(`  sandbox contradictions (errors in the data set or false alarms): ${alarms.length} = ${percent(alarms.length, steps)} of steps`);
      for (const a of alarms) console.log(`    ${a.id} step ${a.f.stepIndex}: ${a.f.explanation}`);
      console.log(`  added time: ${ran.length} notes ran a SymPy program (${perNote.reduce((n, p) => n + p.summary.claims, 0)} claims); per such note median ${(seconds[Math.floor(seconds.length / 2)] ?? 0).toFixed(2)} s, mean ${(seconds.reduce((a, b) => a + b, 0) / Math.max(1, seconds.length)).toFixed(2)} s; over all notes ${(wall / perNote.length).toFixed(2)} s wall per note at concurrency 2`);
      if (skipped.length) console.log(`  incomplete: ${skipped.length} notes, e.g. ${skipped[0]}`);
    }
  } finally {
    await engine.close();
  }
}

if (sandboxNotes > 0) {
  sandboxPass().catch((err: unknown) => {
    console.error(`sandbox pass failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
