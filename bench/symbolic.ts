/**
 * Symbolic checker benchmark: throughput on all GSM8K test solution steps, false alarms on GSM8K (with and
 * without its calculator annotations) and MATH-500 gold solutions, detection of injected computation errors.
 * Run: node --import tsx bench/symbolic.ts [injections per corpus, default 400] [seed] [--sandbox [notes]]
 * The sandbox pass also prints the verified share per step kind (all steps, and the steps that make a claim), the
 * time per note with and without the sandbox, and whether its checks can fail: injected errors run through it.
 * With --sandbox (needs Docker) the steps left unchecked are also checked with SymPy in the Python sandbox:
 * verified share, false alarms and the added time per note, for MATH-500 (all notes, or the first N).
 */
import { mapBounded } from '../src/core/critique/bounded-map';
import { verifyInSandbox } from '../src/core/critique/sandbox/verifier';
import { checkProblem, checkStepText } from '../src/core/critique/symbolic';
import { SandboxEngine } from '../src/core/sandbox/engine';
import type { SandboxSummary } from '../src/core/critique/sandbox/verifier';
import type { SymbolicFinding } from '../src/core/critique/types';
import { checkGold, CLAIMLESS_KINDS, gsm8kNotes, gsm8kSolutions, injectErrors, injectIntoNotes, math500Solutions, mutateClaim, seededRandom, stepKind, type GoldReport, type GoldSolution, type StepKind } from '../test/core/critique/checker-evaluation';

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
const row = (cells: (string | number)[]) => cells.map((c, i) => String(c)[i === 0 ? 'padEnd' : 'padStart'](i === 0 ? 16 : 14)).join(' ');

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

type Problem = ReturnType<typeof problemOf>;

function problemOf(solution: GoldSolution) {
  return { index: 0, question: solution.question ?? '', questionRange: NO_RANGE, solutionRange: NO_RANGE, steps: solution.steps };
}

interface NoteRun {
  solution: GoldSolution;
  inProcess: SymbolicFinding[];
  findings: SymbolicFinding[];
  summary: SandboxSummary;
  inProcessSeconds: number;
}

async function runNote(engine: SandboxEngine, solution: GoldSolution, problem: Problem = problemOf(solution)): Promise<NoteRun> {
  const start = performance.now();
  const inProcess = checkProblem(problem);
  const inProcessSeconds = (performance.now() - start) / 1000;
  const { findings, summary } = await verifyInSandbox(engine, problem, inProcess);
  return { solution, inProcess, findings, summary, inProcessSeconds };
}

/** The note with one step's text replaced. */
function withStep(solution: GoldSolution, stepIndex: number, text: string): GoldSolution {
  return { ...solution, steps: solution.steps.map((s) => (s.index === stepIndex ? { ...s, text, source: text } : s)) };
}

function kindTable(runs: NoteRun[]): void {
  const kinds = new Map<StepKind, { steps: number; before: number; after: number }>();
  for (const run of runs) {
    for (const f of run.findings) {
      const kind = stepKind(run.solution.steps[f.stepIndex].text);
      const k = kinds.get(kind) ?? { steps: 0, before: 0, after: 0 };
      k.steps++;
      if (run.inProcess[f.stepIndex].status === 'verified') k.before++;
      if (f.status === 'verified') k.after++;
      kinds.set(kind, k);
    }
  }
  const total = (filter: (kind: StepKind) => boolean) => [...kinds].filter(([kind]) => filter(kind)).reduce((t, [, k]) => ({ steps: t.steps + k.steps, before: t.before + k.before, after: t.after + k.after }), { steps: 0, before: 0, after: 0 });
  console.log(`  ${row(['step kind', 'steps', 'in-process', 'with sandbox'])}`);
  for (const [kind, k] of [...kinds].sort((a, b) => b[1].steps - a[1].steps)) console.log(`  ${row([kind, k.steps, percent(k.before, k.steps), percent(k.after, k.steps)])}`);
  const all = total(() => true);
  const claims = total((kind) => !CLAIMLESS_KINDS.includes(kind));
  console.log(`  ${row(['all steps', all.steps, percent(all.before, all.steps), percent(all.after, all.steps)])}`);
  console.log(`  ${row(['with a claim', claims.steps, percent(claims.before, claims.steps), percent(claims.after, claims.steps)])}  (all but ${CLAIMLESS_KINDS.join(', ')})`);
}

async function sandboxPass(): Promise<void> {
  const engine = new SandboxEngine({ poolSize: 0, maxConcurrent: 2 });
  try {
    await engine.ensureImage('python');
    let math500Runs: NoteRun[] = [];
    for (const [name, solutions] of [['MATH-500', math500.slice(0, sandboxNotes)], ['GSM8K test', gsm8k.slice(0, sandboxNotes)]] as const) {
      const start = performance.now();
      const perNote = await mapBounded(solutions, 2, (solution) => runNote(engine, solution));
      if (name === 'MATH-500') math500Runs = perNote;
      const wall = (performance.now() - start) / 1000;
      const steps = perNote.reduce((n, p) => n + p.findings.length, 0);
      const before = perNote.reduce((n, p) => n + p.inProcess.filter((f) => f.status === 'verified').length, 0);
      const after = perNote.reduce((n, p) => n + p.findings.filter((f) => f.status === 'verified').length, 0);
      const alarms = perNote.flatMap((p) => p.findings.filter((f) => f.status === 'contradicted' && f.source === 'sandbox').map((f) => ({ id: p.solution.id, f })));
      const ran = perNote.filter((p) => p.summary.claims > 0);
      const seconds = ran.map((p) => p.summary.seconds).sort((a, b) => a - b);
      const skipped = perNote.map((p) => p.summary.skipped).filter(Boolean);
      const inProcessSeconds = perNote.reduce((t, p) => t + p.inProcessSeconds, 0);
      const sandboxSeconds = perNote.reduce((t, p) => t + p.summary.seconds, 0);
      const why = new Map<string, number>();
      for (const p of perNote) for (const f of p.findings) if (f.source === 'sandbox' && f.status === 'verified') {
        const reason = /follows from/.test(f.explanation ?? '') ? 'follows from earlier equations' : /satisfies/.test(f.explanation ?? '') ? 'value satisfies earlier equations' : /the result of step/.test(f.explanation ?? '') ? 'boxed answer = previous result' : 'equality evaluated';
        why.set(reason, (why.get(reason) ?? 0) + 1);
      }
      console.log(`\nSandbox checks (SymPy in the Python sandbox), ${name}: ${perNote.length} notes, ${steps} steps`);
      console.log(`  verified: in-process ${percent(before, steps)} → with the sandbox ${percent(after, steps)} (+${after - before} steps: ${[...why].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'})`);
      kindTable(perNote);
      console.log(`  sandbox contradictions (errors in the data set or false alarms): ${alarms.length} = ${percent(alarms.length, steps)} of steps`);
      for (const a of alarms) console.log(`    ${a.id} step ${a.f.stepIndex}: ${a.f.explanation}`);
      console.log(`  added time: ${ran.length} notes ran a SymPy program (${perNote.reduce((n, p) => n + p.summary.claims, 0)} claims); per such note median ${(seconds[Math.floor(seconds.length / 2)] ?? 0).toFixed(2)} s, mean ${(seconds.reduce((a, b) => a + b, 0) / Math.max(1, seconds.length)).toFixed(2)} s; over all notes ${(wall / perNote.length).toFixed(2)} s wall per note at concurrency 2`);
      console.log(`  per note: in-process ${(1000 * inProcessSeconds / perNote.length).toFixed(1)} ms, with the sandbox ${((inProcessSeconds + sandboxSeconds) / perNote.length).toFixed(2)} s = ${((inProcessSeconds + sandboxSeconds) / Math.max(1e-9, inProcessSeconds)).toFixed(0)}× (added ${(sandboxSeconds / perNote.length).toFixed(2)} s per note)`);
      if (skipped.length) console.log(`  incomplete: ${skipped.length} notes, e.g. ${skipped[0]}`);
    }
    await injectionPass(engine, math500Runs);
  } finally {
    await engine.close();
  }
}

/**
 * Can the sandbox's checks fail? (1) The in-process injections into MATH-500 (one digit of a verified result
 * changed) run through the sandbox too: none may come out verified. (2) Every step the sandbox verified in the
 * gold pass gets one digit of its verified claim changed: it must come out contradicted or no longer verified.
 */
async function injectionPass(engine: SandboxEngine, gold: NoteRun[]): Promise<void> {
  const byId = new Map(math500.map((s) => [s.id, s]));
  const inProcessInjections = injectErrors(math500, injectionsPerCorpus, seed);
  const first = await mapBounded(inProcessInjections, 2, async (injection) => {
    const [, id, index] = /^(.*) step (\d+)$/.exec(injection.id)!;
    const run = await runNote(engine, withStep(byId.get(id)!, Number(index), injection.mutated));
    const finding = run.findings[Number(index)];
    return finding.status === 'verified' && finding.source === 'sandbox' ? 'verified by the sandbox' : finding.status;
  });
  const count = (statuses: string[], status: string) => statuses.filter((s) => s === status).length;
  console.log(`\nInjected errors in MATH-500 (seed ${seed}) with the sandbox on: ${first.length} injected, ${count(first, 'contradicted')} caught (${percent(count(first, 'contradicted'), first.length)}), ${count(first, 'verified by the sandbox')} verified by the sandbox despite the error (${count(first, 'verified')} by the in-process checker), ${count(first, 'unchecked')} unchecked`);
  const random = seededRandom(seed);
  const targets = gold.flatMap((run) => run.findings.filter((f) => f.source === 'sandbox' && f.status === 'verified').flatMap((f) => {
    const step = run.solution.steps[f.stepIndex];
    const mutated = mutateClaim(step.text, (f.checked ?? '').split('; ')[0], random);
    return mutated ? [{ solution: run.solution, stepIndex: f.stepIndex, mutated }] : [];
  }));
  const second = await mapBounded(targets, 2, async (t) => (await runNote(engine, withStep(t.solution, t.stepIndex, t.mutated))).findings[t.stepIndex]);
  const failed = second.filter((f) => f.status !== 'verified').length;
  console.log(`Sandbox-verified gold steps with one digit of the verified claim changed: ${second.length} mutated, ${count(second.map((f) => f.status), 'contradicted')} contradicted, ${failed} no longer verified (${percent(failed, second.length)}); still verified: ${second.length - failed}`);
  for (const [k, f] of second.entries()) if (f.status === 'verified') console.log(`    still verified: ${targets[k].solution.id} step ${targets[k].stepIndex}: ${targets[k].mutated.slice(0, 140)} (${f.explanation})`);
}

if (sandboxNotes > 0) {
  sandboxPass().catch((err: unknown) => {
    console.error(`sandbox pass failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
