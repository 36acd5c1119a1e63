// Scale-out benchmark: judging throughput through the balancer of the local cluster (npm run cluster)
// with 1, 2 and 3 replica hosts, against one server on the host engine, side by side in one run; plus the
// numbers a real cluster's capacity model needs — runs/s per core, container starts per second per
// engine (the host's and a replica's own), the balancer's request rate — and the first bottleneck.
// On this 2-core machine every replica shares the same two cores: more replicas cannot add throughput
// (expect ≈ 1× or less, from the replicas' own engines and the extra hop), which is what it shows.
//   node --import tsx bench/cluster.ts [--replicas 1,2,3] [--limit 60] [--concurrency 8]
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import Dockerode from 'dockerode';
import { findLanguage } from '../src/core/languages/registry';
import { managedContainerLabels } from '../src/core/sandbox/container-labels';
import { findImagesDir, ImageManager } from '../src/core/sandbox/images';
import { down, listReplicas, up } from '../src/cluster/local-cluster';
import { readJsonl } from '../test/support/corpora';

const args = process.argv.slice(2);
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const replicaCounts = (argValue('--replicas') ?? '1,2,3').split(',').map(Number);
const limit = Number(argValue('--limit') ?? 60);
const concurrency = Number(argValue('--concurrency') ?? 8);
const root = dirname(findImagesDir(__dirname));
const docker = new Dockerode();
const python = findLanguage('python')!;
const name = `mplsandbox-bench-${process.pid}`;

interface HumanEvalProblem {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  test: string;
  entry_point: string;
}
const programs = readJsonl<HumanEvalProblem>('multipl-e/humaneval-py.jsonl')
  .slice(0, limit)
  .map((p) => `${p.prompt}${p.canonical_solution}\n\n${p.test}\n\ncheck(${p.entry_point})\n`);

interface Measured {
  runsPerSecond: number;
  p50: number;
  p99: number;
  passed: number;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function judge(url: string, headers: Record<string, string> = {}): Promise<Measured> {
  const latencies: number[] = [];
  let passed = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < programs.length; i = next++) {
        const s = performance.now();
        const res = await fetch(`${url}/run_code`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ language: 'python', code: programs[i] }) });
        const body = (await res.json()) as { status?: string };
        latencies.push(performance.now() - s);
        if (body.status === 'Success') passed++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { runsPerSecond: programs.length / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), passed };
}

/** Requests per second of GET /v1/ping (no sandbox): what a hop costs, with `c` in flight. */
async function pingRate(url: string, count = 2000, c = 32): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: c }, async () => {
      for (let i = next++; i < count; i = next++) await (await fetch(`${url}/v1/ping`)).text();
    }),
  );
  return count / ((performance.now() - t0) / 1000);
}

/** Containers created, started, waited for and removed per second on one engine (what each run costs it). */
async function startRate(engine: Dockerode, image: string, count = 24, c = 4): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: c }, async () => {
      for (let i = next++; i < count; i = next++) {
        const container = await engine.createContainer({ Image: image, Entrypoint: ['true'], Labels: managedContainerLabels(), NetworkDisabled: true, HostConfig: { NetworkMode: 'none' } });
        await container.start();
        await container.wait();
        await container.remove({ force: true });
      }
    }),
  );
  return count / ((performance.now() - t0) / 1000);
}

async function startHostServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'serve', '--port', String(port), '--languages', 'python', '--max-concurrency', String(availableParallelism())], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('the host server did not become healthy');
}

const fmt = (x: number, d = 1) => x.toFixed(d);

async function main(): Promise<void> {
  const cores = availableParallelism();
  const image = await new ImageManager(docker).ensure(python);
  console.log(`HumanEval-py canonical solutions: ${programs.length} programs, ${concurrency} in flight; ${cores} cores here`);

  const hostPort = 18600 + (process.pid % 300);
  const host = await startHostServer(hostPort);
  const rows: { setup: string; m: Measured }[] = [];
  let hostPing = 0;
  try {
    await judge(`http://127.0.0.1:${hostPort}`); // warm-up
    rows.push({ setup: 'one server, host engine', m: await judge(`http://127.0.0.1:${hostPort}`) });
    hostPing = await pingRate(`http://127.0.0.1:${hostPort}`);
  } finally {
    host.kill('SIGTERM');
  }
  const hostStarts = await startRate(docker, image);

  let balancerPing = 0;
  let replicaStarts = 0;
  try {
    for (const n of replicaCounts) {
      const info = await up(docker, { name, root, replicas: n, port: 18900 + (process.pid % 90), languages: [python], serveArgs: ['--max-concurrency', String(cores)], log: () => {} });
      await judge(info.url); // warm-up: every replica's pool
      rows.push({ setup: `${n} replica host${n > 1 ? 's' : ''} behind nginx`, m: await judge(info.url) });
      if (n === replicaCounts[0]) {
        balancerPing = await pingRate(info.url);
        const [first] = await listReplicas(docker, name);
        const u = new URL(first.engineUrl!);
        replicaStarts = await startRate(new Dockerode({ host: u.hostname, port: Number(u.port), protocol: 'http' }), image);
      }
    }
  } finally {
    await down(docker, { name });
  }

  const base = rows[0].m.runsPerSecond;
  console.log('\n| setup | runs/s | × one server | p50 ms | p99 ms | passed |');
  console.log('|---|---|---|---|---|---|');
  for (const { setup, m } of rows) console.log(`| ${setup} | ${fmt(m.runsPerSecond)} | ${fmt(m.runsPerSecond / base, 2)} | ${fmt(m.p50, 0)} | ${fmt(m.p99, 0)} | ${m.passed}/${programs.length} |`);
  console.log(`\nOn ${cores} cores every replica shares the same cores: no gain is possible here; the ratios show the cost of the replicas' own engines and the balancer hop.`);

  const perCore = base / cores;
  console.log('\nCapacity model for a real cluster (measured here, then multiplied out):');
  console.log(`  runs/s per core (one server, host engine): ${fmt(perCore, 2)}`);
  console.log(`  container starts/s per engine: host engine ${fmt(hostStarts, 1)}, a replica's own engine ${fmt(replicaStarts, 1)} (each run uses one container: the warm pool replaces every one it hands out)`);
  console.log(`  balancer (nginx, 1 replica behind it): ${fmt(balancerPing, 0)} GET /v1/ping per s; the server alone ${fmt(hostPing, 0)} per s`);
  console.log('\n| cores per replica | runs/s one replica could judge (cores × per-core) | its engine\'s start limit | first bottleneck |');
  console.log('|---|---|---|---|');
  for (const c of [2, 4, 8, 16, 32]) {
    const cpu = c * perCore;
    const bottleneck = cpu < replicaStarts ? 'CPU (add cores or replicas)' : "the replica's Docker engine (container starts): more, smaller replicas";
    console.log(`| ${c} | ${fmt(cpu)} | ${fmt(replicaStarts)} | ${bottleneck} |`);
  }
  const replicasForBalancer = balancerPing / Math.min(8 * perCore, replicaStarts);
  console.log(`\nThe balancer passes ${fmt(balancerPing, 0)} requests/s on this machine's cores: about ${fmt(replicasForBalancer, 0)} replicas of 8 cores before it (not the replicas) limits; a real cluster's Service (kube-proxy/IPVS) does not proxy in user space at all.`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
