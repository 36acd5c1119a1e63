// Benchmark P2: throughput on MultiPL-E humaneval-cpp (161 programs: solution + the corpus's tests,
// which exit non-zero on failure), compiled and run through the engine (warm pool) against native g++
// on the host, at concurrency 1 and 2, side by side in one process. Both sides use the registry's
// compile command (same flags, same -O level), so the ratio compares sandboxing, not compilers.
//   node --import tsx bench/throughput.ts [--limit N] [--concurrency 1,2]
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getLanguage } from '../src/core/languages/registry';
import { SandboxEngine } from '../src/core/sandbox/engine';
import { loadCppPrograms, type BenchProgram } from './multipl-e-cpp';

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

/** Runs every program with `concurrency` workers; returns programs per second and the pass count. */
async function measure(programs: BenchProgram[], concurrency: number, one: (p: BenchProgram) => Promise<Outcome>) {
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
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: programs.length / seconds, seconds, passed };
}

async function main(): Promise<void> {
  const programs = loadCppPrograms().slice(0, limit);
  console.log(`P2 throughput: ${programs.length} MultiPL-E humaneval-cpp programs; compile: ${compileArgv.join(' ')}`);
  for (const concurrency of concurrencies) {
    const engine = new SandboxEngine({ maxConcurrent: concurrency, poolSize: concurrency });
    try {
      await engine.ensureImage('cpp', (p) => process.stderr.write(`  build: ${p.line}\n`));
      // Warm-up outside the measurement: page cache for both compilers, and the pool's first containers.
      await runNative(programs[0]);
      await runSandboxed(engine, programs[0]);
      const native = await measure(programs, concurrency, runNative);
      const sandbox = await measure(programs, concurrency, (p) => runSandboxed(engine, p));
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
