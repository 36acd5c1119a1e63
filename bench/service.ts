// Benchmark of the HTTP service (`mplsandbox serve`): judging throughput on HumanEval-py (the canonical solutions
// with their tests, `check(entry_point)` at the end) at client concurrency 1, 2, 4, 8, 16, 64, side by side:
//   http      SandboxFusion-shaped POST /run_code to a service in this process (one engine, warm pool, FIFO queue)
//   native    python3 on the host, one subprocess per program, as many at once as the clients
//   cli       one `mplsandbox run --json` process per program (Node start, engine start, a cold container)
// At each concurrency the three sides run one after the other on the same programs. Reported: programs/s,
// p50/p99 latency per request, the warm-pool hit rate and container starts per run of the service.
// Targets: http ≥ 0.8× native at concurrency ≥ 2; ≥ 10× the per-request CLI; at 64, p99 ≤ 2× p50.
//   node --import tsx bench/service.ts [--limit N] [--cli-limit N] [--concurrency 1,2,4,8,16,64] [--max-concurrency N]
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { SandboxEngine } from '../src/core/sandbox/engine';
import { SandboxService } from '../src/service/server';
import { readJsonl } from '../test/support/corpora';

interface HumanEval {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  test: string;
  entry_point: string;
}

const exec = promisify(execFile);
const args = process.argv.slice(2);
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const limit = Number(argValue('--limit') ?? Infinity);
const cliLimit = Number(argValue('--cli-limit') ?? 16);
const concurrencies = (argValue('--concurrency') ?? '1,2,4,8,16,64').split(',').map(Number);
const serverConcurrency = Number(argValue('--max-concurrency') ?? availableParallelism());
const root = resolve(__dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const PYTHON = process.env.BENCH_PYTHON ?? 'python3';

const programs = readJsonl<HumanEval>('multipl-e/humaneval-py.jsonl')
  .slice(0, limit)
  .map((p) => ({ name: p.task_id, code: `${p.prompt}${p.canonical_solution}\n\n${p.test}\n\ncheck(${p.entry_point})\n` }));

interface Side {
  seconds: number;
  latencies: number[];
  passed: number;
  count: number;
}

/** Runs `count` jobs with `concurrency` workers pulling from one list (a client pool). */
async function drive(count: number, concurrency: number, job: (i: number) => Promise<boolean>): Promise<Side> {
  let next = 0;
  let passed = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        if (await job(i)) passed++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, latencies, passed, count };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function native(code: string): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-service-'));
  try {
    writeFileSync(join(dir, 'main.py'), code);
    await exec(PYTHON, ['-u', 'main.py'], { cwd: dir, timeout: 10_000 });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function viaCli(code: string): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-service-cli-'));
  try {
    writeFileSync(join(dir, 'main.py'), code);
    const { stdout } = await exec(process.execPath, [cli, 'run', join(dir, 'main.py'), '--json'], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    return (JSON.parse(stdout) as { status: string }).status === 'Accepted';
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function viaHttp(url: string, code: string): Promise<boolean> {
  for (;;) {
    const res = await fetch(`${url}/run_code`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code, language: 'python' }) });
    if (res.status === 429) {
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? '1') * 1000));
      continue;
    }
    const body = (await res.json()) as { status: string; message?: string };
    if (body.status === 'SandboxError') throw new Error(`sandbox error: ${body.message}`);
    return body.status === 'Success';
  }
}

const fmt = (s: Side) => `${(s.count / s.seconds).toFixed(2).padStart(7)}/s  p50 ${percentile(s.latencies, 50).toFixed(0).padStart(6)} ms  p99 ${percentile(s.latencies, 99).toFixed(0).padStart(6)} ms  pass ${s.passed}/${s.count}`;

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const engine = new SandboxEngine({ maxConcurrent: serverConcurrency, poolSize: serverConcurrency, poolMaxWarm: Math.max(4, 2 * serverConcurrency) });
  const service = new SandboxService({ engine, maxConcurrency: serverConcurrency, queue: 4096 });
  const url = await service.listen('127.0.0.1', 0);
  try {
    await engine.ensureImage('python', (p) => process.stderr.write(`  build: ${p.line}\n`));
    // Warm-up: page cache, first containers, the CLI bundle.
    await Promise.all([viaHttp(url, 'print(1)'), native('print(1)'), viaCli('print(1)')]);
    console.log(`HumanEval-py, ${programs.length} programs (CLI: first ${Math.min(cliLimit, programs.length)}); service max concurrency ${serverConcurrency}, ${availableParallelism()} cores`);
    const rows: string[] = [];
    for (const c of concurrencies) {
      const before = engine.stats().poolCounters;
      const http = await drive(programs.length, c, (i) => viaHttp(url, programs[i].code));
      const after = engine.stats().poolCounters;
      const nat = await drive(programs.length, c, (i) => native(programs[i].code));
      const cliSide = await drive(Math.min(cliLimit, programs.length), c, (i) => viaCli(programs[i].code));
      const hits = after.hits - before.hits;
      const misses = after.misses - before.misses;
      const httpRate = http.count / http.seconds;
      console.log(`concurrency ${c}`);
      console.log(`  http    ${fmt(http)}  warm-pool hits ${((100 * hits) / Math.max(1, hits + misses)).toFixed(0)}%  container starts/run ${((after.started - before.started) / http.count).toFixed(2)}`);
      console.log(`  native  ${fmt(nat)}`);
      console.log(`  cli     ${fmt(cliSide)}`);
      const ratioNative = httpRate / (nat.count / nat.seconds);
      const ratioCli = httpRate / (cliSide.count / cliSide.seconds);
      const tail = percentile(http.latencies, 99) / percentile(http.latencies, 50);
      rows.push(`  ${String(c).padStart(3)}   ${ratioNative.toFixed(2).padStart(5)}×   ${ratioCli.toFixed(1).padStart(6)}×   ${tail.toFixed(2).padStart(5)}`);
    }
    console.log('concurrency  http/native  http/cli  p99/p50 (http)   (targets: ≥ 0.8× at ≥ 2, ≥ 10×, ≤ 2 at 64)');
    for (const r of rows) console.log(r);
  } finally {
    await service.drain(60_000);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
