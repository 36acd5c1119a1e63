// The engine against a real Docker engine and the real python image (built on first use).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import { currentOwner, formatOwner, OWNER_LABEL } from '../../../src/core/sandbox/container-labels';
import type { RunResult } from '../../../src/core/sandbox/types';
import { needs } from '../../support/tiers';

const owner = formatOwner(currentOwner());

async function ourContainers(engine: SandboxEngine): Promise<string[]> {
  const list = await engine.docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${owner}`] } });
  return list.map((c) => c.Id);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SandboxEngine (python, real Docker)', { timeout: 600_000, ...needs('docker') }, () => {
  let engine: SandboxEngine;

  before(async () => {
    engine = new SandboxEngine({ maxConcurrent: 2 });
    await engine.ensureImage('python');
  });

  after(async () => {
    await engine.close();
    assert.deepEqual(await ourContainers(engine), [], 'no container is left after close()');
  });

  it('runs hello world', async () => {
    const r = await engine.runCode({ code: 'print("hello, sandbox")', language: 'python' });
    assert.equal(r.status, 'Accepted', r.message);
    assert.equal(r.run?.stdout, 'hello, sandbox\n');
    assert.equal(r.reward, 1);
    assert.equal(r.language, 'python');
    assert.equal(r.limits.run.timeoutMs, 10_000);
    assert.equal(r.compile, null, 'Python checks its syntax in the program\'s own start (checkedRun)');
  });

  it('feeds stdin and streams the run output', async () => {
    const chunks: string[] = [];
    const r = await engine.runCode({
      code: 'import sys\nfor line in sys.stdin:\n    print(line.strip().upper())',
      language: 'py',
      stdin: 'abc\ndéf\n',
      onOutput: (stream, chunk) => stream === 'stdout' && chunks.push(chunk),
    });
    assert.equal(r.status, 'Accepted', r.message);
    assert.equal(r.run?.stdout, 'ABC\nDÉF\n');
    assert.equal(chunks.join(''), 'ABC\nDÉF\n');
  });

  const sum = 'a, b = map(int, input().split())\nprint(a + b)';

  it('accepts when every case passes, whitespace- and float-tolerantly', async () => {
    const r = await engine.runCode({
      code: 'a, b = map(float, input().split())\nprint(a / b, "  ")',
      language: 'python',
      cases: [
        { input: '1 3\n', expected: '0.333333333' },
        { input: '4 2\n', expected: '2\n\n' },
      ],
    });
    assert.equal(r.status, 'Accepted', r.message);
    assert.deepEqual(r.cases.map((c) => c.status), ['Accepted', 'Accepted']);
    assert.equal(r.correctRate, 1);
    assert.equal(r.reward, 1);
  });

  it('reports a wrong answer on every case with -0.3', async () => {
    const r = await engine.runCode({
      code: 'a, b = map(int, input().split())\nprint(a * b)',
      language: 'python',
      cases: [
        { input: '1 2', expected: '3' },
        { input: '3 4', expected: '7' },
      ],
    });
    assert.equal(r.status, 'WrongAnswer');
    assert.deepEqual(r.cases.map((c) => c.actual), ['2\n', '12\n']);
    assert.equal(r.correctRate, 0);
    assert.equal(r.reward, -0.3);
    assert.match(r.message ?? '', /case 1 of 2/);
  });

  it('runs every case of a mixed run; the runtime error decides, with diagnostics from its stderr', async () => {
    const r = await engine.runCode({
      code: sum,
      language: 'python',
      fileName: 'solution.py',
      cases: [
        { input: '1 2', expected: '3' },
        { input: '2 2', expected: '5' },
        { input: 'x 2', expected: '2' },
      ],
    });
    assert.deepEqual(r.cases.map((c) => c.status), ['Accepted', 'WrongAnswer', 'RuntimeError']);
    assert.equal(r.status, 'RuntimeError');
    assert.equal(r.run, r.cases[2].run);
    assert.ok(Math.abs(r.correctRate - 1 / 3) < 1e-9);
    assert.equal(r.reward, -0.6);
    assert.match(r.message ?? '', /ValueError/);
    const d = r.diagnostics.find((x) => x.severity === 'error');
    assert.ok(d, `a diagnostic for the ValueError: ${JSON.stringify(r.diagnostics)}`);
    assert.equal(d.file, 'solution.py');
    assert.equal(d.line, 1);
  });

  it('reports a compile error with -1 and does not run', async () => {
    const r = await engine.runCode({ code: 'print("ok")\ndef f(:\n    pass\n', language: 'python', cases: [{ input: '', expected: 'ok' }] });
    assert.equal(r.status, 'CompileError');
    assert.equal(r.reward, -1);
    assert.equal(r.run, null);
    assert.deepEqual(r.cases, []);
    assert.match(r.compile?.stderr ?? '', /SyntaxError/);
    assert.ok(r.diagnostics.some((d) => d.line === 2 && d.severity === 'error'), JSON.stringify(r.diagnostics));
  });

  it('stops a busy loop at the time limit', async () => {
    const timeoutMs = 1500;
    const r = await engine.runCode({ code: 'while True:\n    pass\n', language: 'python', limits: { run: { timeoutMs } } });
    assert.equal(r.status, 'TimeLimitExceeded', r.message);
    assert.equal(r.reward, -0.6);
    assert.ok(r.run && r.run.durationMs >= timeoutMs, `run took ${r.run?.durationMs} ms`);
  });

  it('reports memory and output limits', async () => {
    const mle = await engine.runCode({ code: 'a = bytearray(512 * 1024 * 1024)\nprint(len(a))', language: 'python' });
    assert.equal(mle.status, 'MemoryLimitExceeded', mle.message);
    const ole = await engine.runCode({ code: 'while True:\n    print("x" * 1000)', language: 'python', limits: { run: { outputBytes: 64 * 1024 } } });
    assert.equal(ole.status, 'OutputLimitExceeded', ole.message);
    assert.ok(ole.run!.stdout.length <= 64 * 1024);
  });

  it('cancels a run at once and rejects with an AbortError', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = engine.runCode({
      code: 'import time\nprint("started", flush=True)\ntime.sleep(30)',
      language: 'python',
      signal: controller.signal,
      onOutput: (_s, chunk) => chunk.includes('started') && controller.abort(),
    });
    await assert.rejects(run, (err: Error) => err.name === 'AbortError');
    assert.ok(Date.now() - started < 10_000, 'cancelled long before the program would end');
    // A request cancelled before it starts never reaches a container.
    await assert.rejects(engine.runCode({ code: 'print(1)', language: 'python', signal: AbortSignal.abort() }), { name: 'AbortError' });
  });

  it("lowers a CPU quota above the Docker engine's CPU count instead of failing", async () => {
    const { NCPU } = (await engine.docker.info()) as { NCPU: number };
    const r = await engine.runCode({ code: 'print(1)', language: 'python', limits: { compile: { cpus: NCPU + 2 }, run: { cpus: NCPU + 1 } } });
    assert.equal(r.status, 'Accepted', r.message);
    assert.equal(r.limits.run.cpus, NCPU);
    assert.equal(r.limits.compile.cpus, NCPU);
  });

  it('says why it cannot run: unknown language, invalid limits', async () => {
    const unknown = await engine.runCode({ code: 'x', language: 'brainfuck' });
    assert.equal(unknown.status, 'SandboxError');
    assert.match(unknown.message ?? '', /Unknown language "brainfuck".*Supported languages: python/);
    assert.equal(unknown.reward, 0);
    const byName = await engine.runCode({ code: 'print(1)', language: 'auto', fileName: 'x.py' });
    assert.equal(byName.status, 'Accepted', byName.message);
    const byContent = await engine.runCode({ code: 'import sys\n\ndef main():\n    print(sum(int(x) for x in sys.argv[1:]))\n\nif __name__ == "__main__":\n    main()\n', language: 'AUTO' });
    assert.equal(byContent.language, 'python', byContent.message);
    assert.equal(byContent.status, 'Accepted', byContent.message);
    const bad = await engine.runCode({ code: 'print(1)', language: 'python', limits: { run: { timeoutMs: -1 } } });
    assert.equal(bad.status, 'SandboxError');
    assert.match(bad.message ?? '', /run\.timeoutMs/);
  });
});

describe('SandboxEngine isolation, queueing and errors (real Docker)', { timeout: 600_000, ...needs('docker') }, () => {
  it('never shares state between runs of a warm pool, and leaves no container', async () => {
    const engine = new SandboxEngine({ poolSize: 1, maxConcurrent: 1 });
    try {
      const probe = [
        'import os, socket',
        'print(socket.gethostname())',
        'print(os.path.exists("marker") or os.path.exists("/tmp/marker"))',
        'open("marker", "w").write("1"); open("/tmp/marker", "w").write("1")',
      ].join('\n');
      const first = await engine.runCode({ code: probe, language: 'python' });
      assert.equal(first.status, 'Accepted', first.message);
      // The next run is served by the container warmed after the first one.
      await until(() => engine.stats().pool.warm === 1, 60_000);
      const second = await engine.runCode({ code: probe, language: 'python' });
      assert.equal(second.status, 'Accepted', second.message);
      const [host1, seen1] = first.run!.stdout.trim().split('\n');
      const [host2, seen2] = second.run!.stdout.trim().split('\n');
      assert.equal(seen1, 'False');
      assert.equal(seen2, 'False', 'the file written by run 1 is absent in run 2');
      assert.notEqual(host1, host2, 'each run gets its own container');
    } finally {
      await engine.close();
    }
    assert.deepEqual(await ourContainers(engine), []);
  });

  it('every warm container dead (an engine restart) costs no run: the run takes a fresh container', async () => {
    const engine = new SandboxEngine({ poolSize: 2, maxConcurrent: 1 });
    try {
      const first = await engine.runCode({ code: 'print(1)', language: 'python' });
      assert.equal(first.status, 'Accepted', first.message);
      await until(() => engine.stats().pool.warm === 2, 60_000);
      // What a restarted engine leaves: the pool still counts containers that no longer exist.
      await Promise.all((await ourContainers(engine)).map((id) => engine.docker.getContainer(id).remove({ force: true })));
      const after = await engine.runCode({ code: 'print(2)', language: 'python' });
      assert.equal(after.status, 'Accepted', after.message);
      assert.equal(after.run?.stdout, '2\n');
    } finally {
      await engine.close();
    }
  });

  it('queues runs beyond maxConcurrent in FIFO order', async () => {
    const engine = new SandboxEngine({ maxConcurrent: 1 });
    try {
      const code = 'import time\nprint(time.time())\ntime.sleep(1)\nprint(time.time())';
      const runs: Promise<RunResult>[] = [];
      for (let i = 0; i < 3; i++) runs.push(engine.runCode({ code, language: 'python' }));
      await until(() => engine.stats().running === 1 && engine.stats().queued === 2, 10_000);
      const results = await Promise.all(runs);
      const spans = results.map((r) => {
        assert.equal(r.status, 'Accepted', r.message);
        const [start, end] = r.run!.stdout.trim().split('\n').map(Number);
        return { start, end };
      });
      assert.ok(spans[1].start >= spans[0].end, 'run 2 starts after run 1 ends');
      assert.ok(spans[2].start >= spans[1].end, 'run 3 starts after run 2 ends');
    } finally {
      await engine.close();
    }
  });

  it('reports a missing image without building it, and an unreachable engine with advice', async () => {
    const noBuild = new SandboxEngine({ autoBuildImages: false, imageOverrides: { python: 'mplsandbox/does-not-exist:0' } });
    const missing = await noBuild.runCode({ code: 'print(1)', language: 'python' });
    await noBuild.close();
    assert.equal(missing.status, 'SandboxError');
    assert.match(missing.message ?? '', /does-not-exist:0.*not present/);

    const nowhere = new SandboxEngine({ dockerHost: 'unix:///nonexistent/docker.sock' });
    const down = await nowhere.runCode({ code: 'print(1)', language: 'python' });
    await nowhere.close();
    assert.equal(down.status, 'SandboxError');
    assert.match(down.message ?? '', /Docker is not running/);
    await assert.rejects(nowhere.checkDocker(), { name: 'DockerUnavailableError' });
  });
});
