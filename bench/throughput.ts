// Benchmark P2: throughput on MultiPL-E humaneval-cpp (161 programs: solution + the corpus's tests,
// which exit non-zero on failure), compiled and run through the engine (warm pool) against native g++
// on the host, at concurrency 1 and 2, side by side in one process. Both sides use the registry's
// compile command (same flags, same -O level), so the ratio compares sandboxing, not compilers.
// Programs are built by the conformance tests' adapters (solution + the corpus's test tail).
// The two sides alternate in chunks of programs (and which goes first alternates too), so load from
// elsewhere on the machine falls on both alike.
//   node --import tsx bench/throughput.ts [--limit N] [--concurrency 1,2]
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getLanguage } from '../src/core/languages/registry';
import { SandboxEngine } from '../src/core/sandbox/engine';
import { buildProgram, corpusFile, readJsonl, type MultiplEProblem } from '../test/conformance/multipl-e-adapters';

interface BenchProgram {
  name: string;
  code: string;
}

function loadCppPrograms(): BenchProgram[] {
  return readJsonl<MultiplEProblem>(corpusFile('cpp')).map((p) => ({ name: p.name, code: buildProgram('cpp', p) }));
}

const run = promisify(execFile);
const args = process.argv.slice(2);
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const limit = Number(argValue('--limit') ?? Infinity);
const concurrencies = (argValue('--concurrency') ?? '1,2').split(',').map(Number);

const cpp = getLanguage('cpp');
const compileArgv = cpp.compile!('main.cpp');

interface Outcome {
  passed: boolean;
}

/** Compile and run one program natively, in a fresh directory, with the sandbox's compile command and time limits. */
async function runNative(program: BenchProgram): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-native-'));
  try {
    writeFileSync(join(dir, 'main.cpp'), program.code);
    await run(compileArgv[0], compileArgv.slice(1), { cwd: dir, timeout: 30_000 });
    try {
      await run('./main', [], { cwd: dir, timeout: 10_000 });
      return { passed: true };
    } catch {
      return { passed: false };
    }
  } catch {
    return { passed: false };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runSandboxed(engine: SandboxEngine, program: BenchProgram): Promise<Outcome> {
  const r = await engine.runCode({ code: program.code, language: 'cpp' });
  if (r.status === 'SandboxError') throw new Error(`${program.name}: ${r.message}`);
  return { passed: r.status === 'Accepted' };
}

/** Runs the programs with `concurrency` workers; returns the seconds taken and the pass count. */
async function runAll(programs: BenchProgram[], concurrency: number, one: (p: BenchProgram) => Promise<Outcome>) {
  let next = 0;
  let passed = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < programs.length) {
        const p = programs[next++];
        if ((await one(p)).passed) passed++;
      }
    }),
  );
  return { seconds: (performance.now() - start) / 1000, passed };
}

const CHUNK = 16;

/** Both sides over all programs, alternating chunk by chunk. */
async function measureSideBySide(programs: BenchProgram[], concurrency: number, engine: SandboxEngine) {
  const totals = { native: { seconds: 0, passed: 0 }, sandbox: { seconds: 0, passed: 0 } };
  for (let i = 0, n = 0; i < programs.length; i += CHUNK, n++) {
    const chunk = programs.slice(i, i + CHUNK);
    const sides: ('native' | 'sandbox')[] = n % 2 === 0 ? ['native', 'sandbox'] : ['sandbox', 'native'];
    for (const side of sides) {
      const r = await runAll(chunk, concurrency, side === 'native' ? runNative : (p) => runSandboxed(engine, p));
      totals[side].seconds += r.seconds;
      totals[side].passed += r.passed;
    }
  }
  const rate = (t: { seconds: number }) => programs.length / t.seconds;
  return { native: { ...totals.native, perSecond: rate(totals.native) }, sandbox: { ...totals.sandbox, perSecond: rate(totals.sandbox) } };
}

async function main(): Promise<void> {
  const programs = loadCppPrograms().slice(0, limit);
  console.log(`P2 throughput: ${programs.length} MultiPL-E humaneval-cpp programs; compile: ${compileArgv.join(' ')}`);
  for (const concurrency of concurrencies) {
    // One warm container more than runs at once: a run never waits for a container start, and each
    // replacement starts while the other runs work.
    const engine = new SandboxEngine({ maxConcurrent: concurrency, poolSize: concurrency + 1 });
    try {
      await engine.ensureImage('cpp', (p) => process.stderr.write(`  build: ${p.line}\n`));
      // Warm-up outside the measurement: page cache for both compilers, and the pool's first containers.
      await runNative(programs[0]);
      await runSandboxed(engine, programs[0]);
      const { native, sandbox } = await measureSideBySide(programs, concurrency, engine);
      console.log(
        `concurrency ${concurrency}: native ${native.perSecond.toFixed(2)} programs/s (${native.seconds.toFixed(1)} s, ${native.passed} pass)` +
          ` | sandbox ${sandbox.perSecond.toFixed(2)} programs/s (${sandbox.seconds.toFixed(1)} s, ${sandbox.passed} pass)` +
          ` | ratio sandbox/native ${(sandbox.perSecond / native.perSecond).toFixed(2)}×`,
      );
    } finally {
      await engine.close();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
