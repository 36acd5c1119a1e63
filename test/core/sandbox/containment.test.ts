// Containment of the warm sandbox container, against a real Docker engine and the python image.
// Network checks look only from inside (interfaces, routes): nothing here connects anywhere.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import type Dockerode from 'dockerode';
import { connectDocker } from '../../../src/core/sandbox/docker-connection';
import { buildImage, findImagesDir, imageExists, imageTag } from '../../../src/core/sandbox/images';
import { createSandboxContainer, type SandboxContainer } from '../../../src/core/sandbox/sandbox-container';
import { MANAGED_LABEL, OWNER_LABEL, currentOwner, formatOwner } from '../../../src/core/sandbox/container-labels';
import { removeOrphanContainers } from '../../../src/core/sandbox/orphans';
import type { PhaseLimits, SandboxLimits } from '../../../src/core/sandbox/types';
import { needs } from '../../support/tiers';

const MB = 1024 * 1024;
const RUN: PhaseLimits = { timeoutMs: 3000, memoryBytes: 128 * MB, cpus: 1, pids: 64, outputBytes: 1 * MB };
// The compile phase differs, so the first run-phase exec exercises container.update().
const LIMITS: SandboxLimits = {
  compile: { ...RUN, memoryBytes: 256 * MB, pids: 128, timeoutMs: 10_000 },
  run: RUN,
  tmpfsBytes: 64 * MB,
  fileSizeBytes: 32 * MB,
  nofile: 256,
};

let docker: Dockerode;
let image: string;
const open = new Set<SandboxContainer>();

async function sandbox(limits: SandboxLimits = LIMITS): Promise<SandboxContainer> {
  const c = await createSandboxContainer(docker, { image, limits });
  open.add(c);
  return c;
}

/** Runs a Python snippet in the run phase. */
async function py(c: SandboxContainer, code: string, over: Partial<PhaseLimits> = {}, stdin?: string) {
  return c.exec({ argv: ['python3', '-c', code], limits: { ...RUN, ...over }, stdin });
}

/** Processes in the container's pid namespace other than the agent and the process that looks. */
async function strayProcesses(c: SandboxContainer): Promise<string[]> {
  const r = await py(c, `import os
me = os.getpid()
for p in os.listdir('/proc'):
    if p.isdigit() and int(p) not in (1, me):
        try: print(p, open(f'/proc/{p}/cmdline').read().replace('\\0', ' '))
        except OSError: pass`);
  assert.equal(r.exitCode, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean);
}

async function ourContainers(): Promise<Dockerode.ContainerInfo[]> {
  // Other people's test runs share the engine: only this process's containers are ours to check.
  return docker.listContainers({ all: true, filters: { label: [`${MANAGED_LABEL}=true`, `${OWNER_LABEL}=${formatOwner(currentOwner())}`] } });
}

// File-level hooks only when the Docker tier runs (test/support/tiers.ts).
const dockerTier = needs('docker');
if (!dockerTier.skip) {
  before(async () => {
    docker = connectDocker();
    // Through the image builder rather than the language registry, which this suite does not need.
    const imagesDir = findImagesDir(__dirname);
    image = imageTag(imagesDir, 'python');
    if (!(await imageExists(docker, image))) image = await buildImage(docker, imagesDir, 'python');
  }, { timeout: 600_000 });

  afterEach(async () => {
    await Promise.all([...open].map((c) => c.dispose()));
    open.clear();
    assert.deepEqual((await ourContainers()).map((c) => c.Id), [], 'a sandbox container was left behind');
  });

  after(async () => {
    assert.equal((await ourContainers()).length, 0);
  });
}

describe('sandbox container: running programs', dockerTier, () => {
  it('runs hello world with its result, duration and peak memory', async () => {
    const c = await sandbox();
    await c.writeFiles([{ path: 'main.py', content: 'print("hello, world")\n' }]);
    const r = await c.exec({ argv: ['python3', 'main.py'], limits: RUN });
    assert.equal(r.stdout, 'hello, world\n');
    assert.equal(r.stderr, '');
    assert.equal(r.exitCode, 0);
    assert.equal(r.signal, null);
    assert.equal(r.timedOut || r.truncated || r.oomKilled, false);
    assert.ok(r.peakMemoryBytes! > 1 * MB && r.peakMemoryBytes! < 100 * MB, `peak ${r.peakMemoryBytes}`);
    assert.ok(r.durationMs >= 0 && r.durationMs < RUN.timeoutMs);
  });

  it('echoes stdin byte for byte, serves several runs, reports exit codes and signal names', async () => {
    const c = await sandbox();
    const input = 'line 1\nünïcödé ✓\n\nlast without newline';
    const echo = await py(c, 'import sys; sys.stdout.write(sys.stdin.read())', {}, input);
    assert.equal(echo.stdout, input);
    // Larger than one frame: it follows the RUN as STDIN frames.
    const big = 'abcdefghij\n'.repeat(1_000_000);
    const counted = await py(c, 'import sys, hashlib; d = sys.stdin.buffer.read(); print(len(d), hashlib.sha256(d).hexdigest())', {}, big);
    assert.equal(counted.stdout, `${big.length} ${createHash('sha256').update(big).digest('hex')}\n`, counted.stderr);
    const failed = await py(c, 'import sys; print("bad", file=sys.stderr); sys.exit(3)');
    assert.equal(failed.exitCode, 3);
    assert.equal(failed.stderr, 'bad\n');
    const crashed = await py(c, 'import os, signal; os.kill(os.getpid(), signal.SIGSEGV)');
    assert.equal(crashed.exitCode, null);
    assert.equal(crashed.signal, 'SIGSEGV');
    const missing = await c.exec({ argv: ['no-such-program'], limits: RUN });
    assert.equal(missing.exitCode, 127);
    assert.match(missing.stderr, /no-such-program/);
  });

  it('streams output live, before the program ends', async () => {
    const c = await sandbox();
    const seen: { stream: string; text: string; at: number }[] = [];
    const started = Date.now();
    const r = await c.exec({
      argv: ['python3', '-u', '-c', 'import sys, time\nprint("first")\nprint("warn", file=sys.stderr)\ntime.sleep(0.8)\nprint("second")'],
      limits: RUN,
      onOutput: (stream, chunk) => seen.push({ stream, text: chunk.toString(), at: Date.now() - started }),
    });
    const ended = Date.now() - started;
    const first = seen.find((s) => s.text.includes('first'));
    assert.ok(first, JSON.stringify(seen));
    assert.ok(ended - first.at >= 500, `first chunk at ${first.at} ms, run ended at ${ended} ms`);
    assert.ok(seen.some((s) => s.stream === 'stderr' && s.text === 'warn\n'));
    assert.equal(r.stdout, 'first\nsecond\n');
  });

  it('keeps stdin open for interactive runs', async () => {
    const c = await sandbox();
    const outputs: string[] = [];
    const p = c.startInteractive({
      argv: ['python3', '-u', '-c', 'import sys\nfor line in sys.stdin: print(line.strip().upper())'],
      limits: RUN,
      onOutput: (_s, chunk) => outputs.push(chunk.toString()),
    });
    p.write('hello\n');
    const deadline = Date.now() + 2000;
    while (!outputs.join('').includes('HELLO\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(outputs.join(''), 'HELLO\n', 'the answer to the first line came before stdin was closed');
    p.write('world\n');
    p.end();
    const r = await p.result;
    assert.equal(r.stdout, 'HELLO\nWORLD\n');
    assert.equal(r.exitCode, 0);
    // kill() ends an interactive program that would wait for input forever.
    const waiting = c.startInteractive({ argv: ['sleep', '1000'], limits: { ...RUN, timeoutMs: 60_000 } });
    setTimeout(() => waiting.kill(), 200);
    const started = Date.now();
    const killed = await waiting.result;
    assert.equal(killed.signal, 'SIGKILL');
    assert.equal(killed.timedOut, false);
    assert.ok(Date.now() - started < 30_000, 'killed long before the 60 s limit');
  });
});

describe('sandbox container: limits', dockerTier, () => {
  it('contains a fork bomb with the pids limit; the run ends and the agent survives', async () => {
    const c = await sandbox();
    const r = await py(c, 'import os\nwhile True:\n    try: os.fork()\n    except OSError: pass', { timeoutMs: 2000, pids: 32 });
    assert.equal(r.timedOut, true);
    assert.equal(r.signal, 'SIGKILL');
    assert.deepEqual(await strayProcesses(c), []);
    assert.equal((await py(c, 'print("still here")')).stdout, 'still here\n');
  });

  it('reports a memory hog as oomKilled under the run phase memory limit', async () => {
    const c = await sandbox();
    // 200 MB written page by page: more than the run phase's 128 MB, less than the compile phase's 256 MB.
    const r = await py(c, 'x = b"a" * (200 << 20)\nprint(len(x))');
    assert.equal(r.oomKilled, true, JSON.stringify(r));
    assert.equal(r.signal, 'SIGKILL');
    assert.equal(r.stdout, '');
    // The same program fits the compile phase's limit: the phases really have their own limits.
    const big = await c.exec({ argv: ['python3', '-c', 'x = b"a" * (200 << 20)\nprint(len(x))'], limits: LIMITS.compile });
    assert.equal(big.stdout, `${200 * MB}\n`);
    assert.equal(big.oomKilled, false);
    assert.ok(big.peakMemoryBytes! >= 200 * MB, `peak ${big.peakMemoryBytes}`);
  });

  it('stops an infinite loop at the time limit', async () => {
    const c = await sandbox();
    const started = Date.now();
    const r = await py(c, 'while True: pass', { timeoutMs: 1000 });
    const elapsed = Date.now() - started;
    assert.equal(r.timedOut, true);
    assert.equal(r.signal, 'SIGKILL');
    // Killed by the timer (timedOut), not before the limit; how long after it depends on the machine's load.
    assert.ok(elapsed >= 1000, `loop run took ${elapsed} ms`);
    assert.ok(r.durationMs >= 1000);
  });

  it('cuts a 100 MB stdout flood at the cap quickly, with bounded host memory', async () => {
    const c = await sandbox();
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    let streamed = 0;
    const r = await c.exec({
      argv: ['python3', '-c', 'import sys\nblock = b"x" * (1 << 20)\nfor _ in range(100): sys.stdout.buffer.write(block)\nprint("done", file=sys.stderr)'],
      limits: { ...RUN, timeoutMs: 20_000 },
      onOutput: (_s, chunk) => {
        streamed += chunk.length;
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      },
    });
    assert.equal(r.truncated, true);
    assert.equal(r.stdout.length, RUN.outputBytes);
    assert.equal(streamed, RUN.outputBytes);
    assert.equal(r.stderr, '', 'the flood was stopped before the program finished writing');
    assert.equal(r.timedOut, false, 'cut by the output cap, not by the time limit');
    const growth = rssPeak - rssBefore;
    assert.ok(growth < 40 * MB, `host RSS grew ${(growth / MB).toFixed(1)} MB during the flood`);
  });

  it('kills a SIGTERM-ignoring process and background children that outlive main', async () => {
    const c = await sandbox();
    const r = await py(c, `import os, signal, subprocess, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
# A child keeping our stdout open, and a daemon in its own session.
subprocess.Popen(['sleep', '1000'])
subprocess.Popen(['python3', '-c', 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(1000)'], start_new_session=True, stdout=subprocess.DEVNULL)
print('main exits')`, { timeoutMs: 10_000 });
    assert.equal(r.stdout, 'main exits\n');
    assert.equal(r.exitCode, 0);
    assert.equal(r.timedOut, false, 'the run ended with main, not when the background children did (or the limit)');
    assert.deepEqual(await strayProcesses(c), []);
  });

  it('survives the program signalling or prying on the agent (pid 1)', async () => {
    const c = await sandbox();
    const r = await py(c, 'import os, signal\nfor s in (signal.SIGKILL, signal.SIGTERM, signal.SIGSTOP, signal.SIGINT):\n    os.kill(1, s)\nprint("sent")');
    assert.equal(r.stdout, 'sent\n');
    assert.equal((await py(c, 'print(1)')).stdout, '1\n');
    // The agent is not dumpable: its pipes and memory are out of the program's reach through /proc.
    const peek = await py(c, `import os
for what in ('/proc/1/fd', '/proc/1/mem', '/proc/1/environ'):
    try:
        os.listdir(what) if what.endswith('fd') else open(what, 'rb').read(1)
        print(what, 'OPEN')
    except PermissionError:
        print(what, 'denied')`);
    assert.equal(peek.stdout, '/proc/1/fd denied\n/proc/1/mem denied\n/proc/1/environ denied\n', peek.stderr);
  });
});

describe('sandbox container: isolation', dockerTier, () => {
  it('has no network: only the loopback interface and no route', async () => {
    const c = await sandbox();
    const r = await py(c, `import os
print(sorted(os.listdir('/sys/class/net')))
print([l.split(':')[0].strip() for l in open('/proc/net/dev').read().splitlines()[2:]])
print(len(open('/proc/net/route').read().splitlines()[1:]))
print(len([l for l in open('/proc/net/ipv6_route').read().splitlines() if not l.split()[-1] == 'lo']) if os.path.exists('/proc/net/ipv6_route') else 0)`);
    assert.equal(r.stdout, "['lo']\n['lo']\n0\n0\n", r.stderr);
  });

  it('cannot write outside the tmpfs mounts; /tmp is noexec, the work dir is not', async () => {
    const c = await sandbox();
    const r = await py(c, `import errno, os
for path in ['/etc/x', '/usr/x', '/x', '/opt/mplsandbox/agent', '/home/x']:
    try:
        open(path, 'w').close(); print(path, 'WRITABLE')
    except OSError as e:
        print(path, errno.errorcode[e.errno])
open('/sandbox/ok', 'w').write('1')
with open('/tmp/run.sh', 'w') as f: f.write('#!/bin/sh\\necho ran\\n')
os.chmod('/tmp/run.sh', 0o755)
try:
    os.execv('/tmp/run.sh', ['/tmp/run.sh'])
except OSError as e:
    print('/tmp exec', errno.errorcode[e.errno])`);
    assert.equal(
      r.stdout,
      ['/etc/x EROFS', '/usr/x EROFS', '/x EROFS', '/opt/mplsandbox/agent EROFS', '/home/x EROFS', '/tmp exec EACCES', ''].join('\n'),
      r.stderr,
    );
    await c.writeFiles([{ path: 'bin/run.sh', content: '#!/bin/sh\necho "ran in $(pwd)"\n', mode: 0o755 }]);
    const ran = await c.exec({ argv: ['./run.sh'], cwd: 'bin', limits: RUN });
    assert.equal(ran.stdout, 'ran in /sandbox/bin\n', ran.stderr);
  });

  it('runs as uid 1000 without capabilities or privilege escalation', async () => {
    const c = await sandbox();
    const r = await py(c, `import os
status = dict(l.split(':\\t', 1) for l in open('/proc/self/status').read().splitlines() if ':\\t' in l)
print(os.getuid(), os.geteuid(), os.getgid())
print(status['CapEff'].strip(), status['CapPrm'].strip(), status['CapBnd'].strip())
print(status['NoNewPrivs'].strip())`);
    assert.equal(r.stdout, '1000 1000 1000\n0000000000000000 0000000000000000 0000000000000000\n1\n', r.stderr);
  });

  it('refuses file writes that escape the work dir, also through a symlink', async () => {
    const c = await sandbox();
    await assert.rejects(c.writeFiles([{ path: '../etc/passwd', content: 'x' }]), /refused path/);
    await assert.rejects(c.writeFiles([{ path: '/tmp/abs', content: 'x' }]), /refused path/);
    const link = await py(c, 'import os; os.symlink("/tmp", "/sandbox/escape"); os.symlink("/tmp/t", "/sandbox/leaf")');
    assert.equal(link.exitCode, 0, link.stderr);
    await assert.rejects(c.writeFiles([{ path: 'escape/x', content: 'x' }]), /ELOOP|Not a directory|symbolic links/i);
    await assert.rejects(c.writeFiles([{ path: 'leaf', content: 'x' }]), /ELOOP|symbolic links/i);
    const r = await py(c, 'import os; print(os.path.exists("/tmp/x"), os.path.exists("/tmp/t"))');
    assert.equal(r.stdout, 'False False\n');
    // A large file arrives whole (it travels in several frames).
    const big = Buffer.alloc(3 * MB + 123, 'z');
    await c.writeFiles([{ path: 'data/big.txt', content: big }]);
    assert.equal((await py(c, 'print(len(open("data/big.txt").read()))')).stdout, `${big.length}\n`);
  });
});

describe('sandbox container: lifecycle', dockerTier, () => {
  it('cancellation kills the container at once', async () => {
    const c = await sandbox();
    const controller = new AbortController();
    const run = c.exec({ argv: ['sleep', '1000'], limits: { ...RUN, timeoutMs: 60_000 }, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 300));
    const aborted = Date.now();
    controller.abort();
    await assert.rejects(run, (err: Error) => err.name === 'AbortError');
    assert.ok(Date.now() - aborted < 30_000, 'the run was rejected long before its 60 s limit');
    // Stopped (and, with AutoRemove, on its way out) without waiting for dispose().
    const deadline = Date.now() + 2000;
    let running = true;
    while (running && Date.now() < deadline) {
      running = await docker.getContainer(c.id).inspect().then((i) => i.State.Running, () => false);
      if (running) await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(running, false);
    await assert.rejects(py(c, 'print(1)'), /cancel|abort/i);
  });

  it('removes itself when the process that owns it is killed', async () => {
    // A separate Node process creates a container, reports its id and is SIGKILLed: no dispose() runs.
    const script = `
      const { connectDocker } = require(${JSON.stringify(require.resolve('../../../src/core/sandbox/docker-connection'))});
      const { createSandboxContainer } = require(${JSON.stringify(require.resolve('../../../src/core/sandbox/sandbox-container'))});
      (async () => {
        const c = await createSandboxContainer(connectDocker(), { image: ${JSON.stringify(image)}, limits: ${JSON.stringify(LIMITS)} });
        c.exec({ argv: ['sleep', '1000'], limits: ${JSON.stringify({ ...RUN, timeoutMs: 60_000 })} }).catch(() => {});
        console.log(c.id);
      })();
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const id = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
      child.once('exit', (code) => reject(new Error(`helper exited with ${code}`)));
    });
    assert.equal((await docker.getContainer(id).inspect()).State.Running, true);
    child.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    let exists = true;
    while (exists && Date.now() < deadline) {
      exists = await docker.getContainer(id).inspect().then(() => true, () => false);
      if (exists) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(exists, false, 'the container outlived its owner');
  });

  it('orphan cleanup removes the containers of owners that are gone, and only those', async () => {
    const c = await sandbox();
    const removed = await removeOrphanContainers(docker, { ownerAlive: (o) => o.pid !== process.pid || o.hostname !== currentOwner().hostname });
    assert.deepEqual(removed, [c.id]);
    await assert.rejects(docker.getContainer(c.id).inspect(), (err: { statusCode?: number }) => err.statusCode === 404);
  });
});
