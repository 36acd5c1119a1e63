// Benchmark P1: latency of `print(1)`, median of N, through SandboxEngine.runCode:
//   native          /usr/bin/python3 main.py on the host (a file written, a process spawned)
//   native+check    the same two steps the sandbox runs: the syntax check, then the program
//   warm pool       the engine with its warm pool (a run is messages to a ready container); Python checks the
//                   syntax and runs the program in one interpreter start (LanguageSpec.checkedRun)
//   warm, 2 starts  the same with the separate syntax-check start before the program's (checkedRun off)
//   per-run         the engine with the pool off (poolSize 0): a container is created for every run
// The variants run round-robin, so a noisy machine slows all of them alike.
// Targets: warm pool ≤ 1.25× native (P1, with the CompileError verdict and its line kept), ≤ 0.5× per-run.
//   node --import tsx bench/latency.ts [--runs 30]
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SandboxEngine } from '../src/core/sandbox/engine';

const run = promisify(execFile);
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 30;
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const CODE = 'print(1)\n';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function native(check: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-latency-'));
  try {
    writeFileSync(join(dir, 'main.py'), CODE);
    if (check) await run(PYTHON, ['-I', '-S', '-c', 'import sys; compile(open(sys.argv[1], "rb").read(), sys.argv[1], "exec")', 'main.py'], { cwd: dir });
    const { stdout } = await run(PYTHON, ['-u', 'main.py'], { cwd: dir });
    if (stdout !== '1\n') throw new Error(`native printed ${JSON.stringify(stdout)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Time inside the container (the agent's wall time of the check and of the program), per warm run. */
const phases = { check: [] as number[], program: [] as number[], checkedProgram: [] as number[] };

async function sandboxed(engine: SandboxEngine, record?: 'one start' | 'two starts'): Promise<void> {
  const r = await engine.runCode({ code: CODE, language: 'python' });
  if (r.status !== 'Accepted' || r.run?.stdout !== '1\n') throw new Error(`sandbox: ${r.status} ${r.message ?? ''}`);
  if (record === 'two starts') {
    phases.check.push(r.compile?.durationMs ?? 0);
    phases.program.push(r.run.durationMs);
  } else if (record === 'one start') {
    phases.checkedProgram.push(r.run.durationMs);
  }
}

async function main(): Promise<void> {
  const warm = new SandboxEngine({ poolSize: 1, maxConcurrent: 1 });
  const twoStarts = new SandboxEngine({ poolSize: 1, maxConcurrent: 1, languages: { python: { checkedRun: undefined } } });
  const perRun = new SandboxEngine({ poolSize: 0, maxConcurrent: 1 });
  try {
    await warm.ensureImage('python', (p) => process.stderr.write(`  build: ${p.line}\n`));
    const variants: [string, () => Promise<void>][] = [
      ['native', () => native(false)],
      ['native+check', () => native(true)],
      ['warm pool', () => sandboxed(warm, 'one start')],
      ['warm, 2 starts', () => sandboxed(twoStarts, 'two starts')],
      ['per-run', () => sandboxed(perRun)],
    ];
    for (const [, fn] of variants) await fn(); // warm-up: page cache, first containers
    const samples = new Map<string, number[]>(variants.map(([name]) => [name, []]));
    for (let i = 0; i < runs; i++) {
      for (const [name, fn] of variants) {
        // The warm pool refills in the background after each run; give it the moment a real user's
        // typing would, so that it is measured warm rather than competing with its own refill.
        if (name === 'warm pool') await waitForWarm(warm);
        if (name === 'warm, 2 starts') await waitForWarm(twoStarts);
        samples.get(name)!.push(await timed(fn));
      }
    }
    const m = Object.fromEntries([...samples].map(([name, xs]) => [name, median(xs)]));
    console.log(`P1 latency of print(1), median of ${runs} (ms):`);
    for (const [name, value] of Object.entries(m)) console.log(`  ${name.padEnd(14)} ${value.toFixed(1)}`);
    console.log(`  (inside the container: one start ${median(phases.checkedProgram)} ms; two starts: check ${median(phases.check)} ms + program ${median(phases.program)} ms)`);
    console.log(`  warm pool / native          ${(m['warm pool'] / m.native).toFixed(2)}×  (target ≤ 1.25×)`);
    console.log(`  warm, 2 starts / native     ${(m['warm, 2 starts'] / m.native).toFixed(2)}×  (before: a separate check start)`);
    console.log(`  warm pool / native+check    ${(m['warm pool'] / m['native+check']).toFixed(2)}×`);
    console.log(`  warm pool / per-run         ${(m['warm pool'] / m['per-run']).toFixed(2)}×  (target ≤ 0.5×)`);
  } finally {
    await Promise.all([warm.close(), twoStarts.close(), perRun.close()]);
  }
}

async function waitForWarm(engine: SandboxEngine): Promise<void> {
  const start = Date.now();
  while (engine.stats().pool.warm < 1 && Date.now() - start < 30_000) await new Promise((r) => setTimeout(r, 10));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
