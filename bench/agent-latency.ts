// Latency of `print(1)` at the SandboxContainer level (no engine, no pool), median of N:
//   native      `/usr/bin/python3 -c 'print(1)'` spawned on the host (BENCH_PYTHON overrides)
//   agent       the same command through a started container's agent (create/start not timed)
//   agent+file  main.py written over the protocol, then `python3 -u main.py` (what a real run does)
//   per-run     create + start + the same command + remove: a fresh container for every run
// Variants run round-robin so that a noisy machine slows all of them alike.
// Targets: agent ≤ 3.5× native and ≤ 0.5× per-run. Also prints the host's RSS growth during a
// 100 MB stdout flood cut at a 1 MB cap.
//   node --import tsx bench/agent-latency.ts [--runs 30]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connectDocker } from '../src/core/sandbox/docker-connection';
import { buildImage, findImagesDir, imageExists, imageTag } from '../src/core/sandbox/images';
import { createSandboxContainer, type SandboxContainer } from '../src/core/sandbox/sandbox-container';
import type { PhaseLimits, SandboxLimits } from '../src/core/sandbox/types';

const run = promisify(execFile);
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 30;
const MB = 1024 * 1024;
// Debian's interpreter, the one the python image has: PATH may lead to a slower shim (pyenv) or another version.
const NATIVE_PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const PHASE: PhaseLimits = { timeoutMs: 10_000, memoryBytes: 256 * MB, cpus: 1, pids: 64, outputBytes: 1 * MB };
// Same limits for both phases: a run costs no container.update().
const LIMITS: SandboxLimits = { compile: PHASE, run: PHASE, tmpfsBytes: 64 * MB, fileSizeBytes: 16 * MB, nofile: 256 };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function check(stdout: string, who: string): void {
  if (stdout !== '1\n') throw new Error(`${who} printed ${JSON.stringify(stdout)}`);
}

async function main(): Promise<void> {
  const docker = connectDocker();
  const imagesDir = findImagesDir(__dirname);
  let image = imageTag(imagesDir, 'python');
  if (!(await imageExists(docker, image))) image = await buildImage(docker, imagesDir, 'python');
  const spec = { image, limits: LIMITS };
  const argv = ['python3', '-c', 'print(1)'];

  // Each sample gets its own started container, as a warm pool would hand out; disposal is not timed.
  const warmSample = async (withFile: boolean): Promise<number> => {
    const c = await createSandboxContainer(docker, spec);
    try {
      const t = performance.now();
      if (withFile) {
        await c.writeFiles([{ path: 'main.py', content: 'print(1)\n' }]);
        check((await c.exec({ argv: ['python3', '-u', 'main.py'], limits: PHASE })).stdout, 'agent+file');
      } else {
        check((await c.exec({ argv, limits: PHASE })).stdout, 'agent');
      }
      return performance.now() - t;
    } finally {
      await c.dispose();
    }
  };
  const variants: [string, () => Promise<number>][] = [
    ['native', async () => {
      const t = performance.now();
      check((await run(NATIVE_PYTHON, ['-c', 'print(1)'])).stdout, 'native');
      return performance.now() - t;
    }],
    ['agent', () => warmSample(false)],
    ['agent+file', () => warmSample(true)],
    ['per-run', async () => {
      const t = performance.now();
      const c = await createSandboxContainer(docker, spec);
      try {
        check((await c.exec({ argv, limits: PHASE })).stdout, 'per-run');
      } finally {
        await c.dispose();
      }
      return performance.now() - t;
    }],
  ];
  for (const [, fn] of variants) await fn(); // warm-up: page cache, image layers
  const samples = new Map<string, number[]>(variants.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i++) for (const [name, fn] of variants) samples.get(name)!.push(await fn());

  const m = Object.fromEntries([...samples].map(([name, xs]) => [name, median(xs)]));
  console.log(`print(1) latency, median of ${runs} (ms):`);
  for (const [name, value] of Object.entries(m)) console.log(`  ${name.padEnd(11)} ${value.toFixed(1)}`);
  console.log(`  agent / native        ${(m.agent / m.native).toFixed(2)}×  (target ≤ 3.5×)`);
  console.log(`  agent+file / native   ${(m['agent+file'] / m.native).toFixed(2)}×`);
  console.log(`  agent / per-run       ${(m.agent / m['per-run']).toFixed(2)}×  (target ≤ 0.5×)`);

  await floodMemory(await createSandboxContainer(docker, spec));
}

/** Host RSS growth while a program writes 100 MB to stdout against a 1 MB cap. */
async function floodMemory(c: SandboxContainer): Promise<void> {
  try {
    const before = process.memoryUsage().rss;
    let peak = before;
    const t = performance.now();
    const r = await c.exec({
      argv: ['python3', '-c', 'import sys\nb = b"x" * (1 << 20)\nfor _ in range(100): sys.stdout.buffer.write(b)'],
      limits: PHASE,
      onOutput: () => (peak = Math.max(peak, process.memoryUsage().rss)),
    });
    const ms = performance.now() - t;
    console.log(`100 MB stdout flood: truncated=${r.truncated}, kept ${(r.stdout.length / MB).toFixed(1)} MB, ended in ${ms.toFixed(0)} ms, host RSS +${((peak - before) / MB).toFixed(1)} MB`);
  } finally {
    await c.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
