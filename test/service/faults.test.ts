// The service's behaviour at the edges of its life: SIGTERM drains (503 for new requests, in-flight runs finish,
// every container removed, exit 0), and a Docker engine that goes away and comes back (runs end with
// SandboxError, /healthz turns 503, the service recovers by itself). The engine "restarts" behind a socket
// proxy that this test cuts and restores, so that the shared Docker engine of the machine is never touched.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Dockerode from 'dockerode';
import { OWNER_LABEL } from '../../src/core/sandbox/container-labels';
import { needs } from '../support/tiers';
import { call, startService, until } from './service-helpers';

const root = resolve(__dirname, '..', '..');
const sleeper = (seconds: number) => ({ code: `import time\ntime.sleep(${seconds})\nprint("done")`, language: 'python', run_timeout: 60 });

/** The real engine's socket path (DOCKER_HOST=unix://… or the default). */
function dockerSocket(): string {
  const host = process.env.DOCKER_HOST;
  return host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

/** A Unix socket that forwards to the Docker engine until cut; `restore()` opens it again. */
class EngineProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  constructor(readonly path: string) {}

  /** Opens the socket; a no-op while it is open (a second listener would leave the first one holding the
   *  process open after the tests, and node:test would wait for it forever). */
  async restore(): Promise<void> {
    if (this.server?.listening) return;
    rmSync(this.path, { force: true });
    this.server = net.createServer((client) => {
      const upstream = net.connect(dockerSocket());
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((r) => this.server!.listen(this.path, r));
  }

  /** Like an engine that stops: every connection drops and the socket is gone. */
  async cut(): Promise<void> {
    const closed = new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    for (const s of this.sockets) s.destroy();
    await closed;
    this.server = undefined;
    rmSync(this.path, { force: true });
  }
}

function startServeProcess(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string; exit: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'serve', '--port', '0', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolvePromise, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolvePromise({ child, url: m[1], stderr: () => err, exit });
    });
    void exit.then((code) => reject(new Error(`serve exited ${code} before listening: ${err}`)));
  });
}

describe('service faults (real Docker)', { timeout: 300_000, ...needs('docker') }, () => {
  test('SIGTERM: new requests get 503, the running program finishes, containers are removed, exit 0', async () => {
    const serve = await startServeProcess(['--max-concurrency', '1', '--languages', 'python']);
    try {
      await until(async () => (await call(serve.url, '/healthz')).status === 200, 120_000, 'the service to be ready');
      const running = call(serve.url, '/run_code', { body: sleeper(3) });
      await until(async () => (await call(serve.url, '/metrics')).text.includes('mplsandbox_in_flight 1'), 60_000, 'the run to start');
      serve.child.kill('SIGTERM');
      await until(async () => (await call(serve.url, '/healthz')).status === 503, 10_000, '/healthz to say draining');
      const refused = await call(serve.url, '/run_code', { body: sleeper(0) });
      assert.equal(refused.status, 503);
      assert.equal(refused.json.error.code, 'draining');
      const done = await running;
      assert.equal(done.json.status, 'Success', 'the run in flight finished');
      assert.equal(done.json.run_result.stdout, 'done\n');
      assert.equal(await serve.exit, 0, serve.stderr());
      const docker = new Dockerode({ socketPath: dockerSocket() });
      const left = await docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${hostname()}:${serve.child.pid}`] } });
      assert.equal(left.length, 0, 'no container of the service is left, warm ones included');
      assert.match(serve.stderr(), /drained: every sandbox container is removed/);
    } finally {
      if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
    }
  });

  describe('the Docker engine goes away and comes back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mplsandbox-proxy-'));
    const proxy = new EngineProxy(join(dir, 'docker.sock'));
    after(() => proxy.cut());
    /** The engine back: /healthz recovers by itself and a run succeeds again. */
    const restoreAndRecover = async (url: string) => {
      await proxy.restore();
      await until(async () => (await call(url, '/healthz')).status === 200, 30_000, '/healthz to recover');
      const again = await call(url, '/run_code', { body: sleeper(0) });
      assert.equal(again.json.status, 'Success', again.text);
    };

    test('runs end with SandboxError, /healthz is 503, and the service recovers by itself', async () => {
      await proxy.restore();
      const svc = await startService({ engine: { dockerHost: `unix://${proxy.path}` }, service: { maxConcurrency: 1, languages: ['python'] } });
      try {
        assert.equal((await call(svc.url, '/healthz')).status, 200);
        const warm = await call(svc.url, '/run_code', { body: sleeper(0) });
        assert.equal(warm.json.status, 'Success', warm.text);

        const inFlight = call(svc.url, '/run_code', { body: sleeper(30) });
        await until(() => svc.engine.stats().pool.inUse === 1, 60_000, 'the run to start');
        await proxy.cut();
        const broken = await inFlight;
        assert.equal(broken.status, 200);
        assert.equal(broken.json.status, 'SandboxError', broken.text);
        assert.match(broken.json.message, /Docker is not running .*Start it/, 'says what happened and what to do');
        const health = await call(svc.url, '/healthz');
        assert.equal(health.status, 503);
        assert.match(health.json.docker.error, /Docker is not running/);
        const meanwhile = await call(svc.url, '/run_code', { body: sleeper(0) });
        assert.equal(meanwhile.json.status, 'SandboxError');
        assert.match(meanwhile.json.message, /Docker is not running/);

        await restoreAndRecover(svc.url);
      } finally {
        await svc.close();
      }
    });

    test('behind a balancer, a run on a dead engine is 503 + Retry-After (the balancer retries it elsewhere)', async () => {
      await proxy.restore();
      const svc = await startService({ engine: { dockerHost: `unix://${proxy.path}` }, service: { maxConcurrency: 1, languages: ['python'], behindBalancer: true } });
      try {
        const warm = await call(svc.url, '/run_code', { body: sleeper(0) });
        assert.equal(warm.json.status, 'Success', warm.text);
        await proxy.cut();
        const refused = await call(svc.url, '/run_code', { body: sleeper(0) });
        assert.equal(refused.status, 503, refused.text);
        assert.equal(refused.headers.get('retry-after'), '5');
        assert.match(refused.text, /Docker is not running.*another replica/);
        assert.doesNotMatch(refused.text, /\n\s+at /, 'no stack trace');
        await restoreAndRecover(svc.url);
      } finally {
        await svc.close();
      }
    });
  });
});
