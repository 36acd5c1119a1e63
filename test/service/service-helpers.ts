// Starting a real service on 127.0.0.1 for tests, and talking to it over real HTTP.
import http from 'node:http';
import { after } from 'node:test';
import { SandboxEngine, type SandboxEngineOptions } from '../../src/core/sandbox/engine';
import { SandboxService, type ServiceOptions } from '../../src/service/server';

export interface TestService {
  url: string;
  service: SandboxService;
  engine: SandboxEngine;
  log: string[];
  close(): Promise<void>;
}

/** Services a test has not closed yet. A test that times out never reaches its `finally`, and its listening
 *  server would then keep the file's process, and the whole node:test run, waiting forever. */
const openServices = new Set<TestService>();
after(async () => {
  await Promise.all([...openServices].map((s) => s.close()));
});

export async function startService(
  opts: { engine?: SandboxEngineOptions; service?: Partial<Omit<ServiceOptions, 'engine'>> } = {},
): Promise<TestService> {
  const maxConcurrency = opts.service?.maxConcurrency ?? 2;
  const engine = new SandboxEngine({ maxConcurrent: maxConcurrency, poolSize: maxConcurrency, autoBuildImages: true, ...opts.engine });
  const log: string[] = [];
  const service = new SandboxService({ engine, maxConcurrency, queue: 16, log: (l) => log.push(l), ...opts.service });
  const url = await service.listen('127.0.0.1', 0);
  let closed = false;
  const started: TestService = {
    url,
    service,
    engine,
    log,
    async close() {
      if (closed) return;
      closed = true;
      openServices.delete(started);
      await service.drain(30_000);
    },
  };
  openServices.add(started);
  return started;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export async function call(url: string, path: string, init: { method?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const body = init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined);
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? (body !== undefined ? 'POST' : 'GET'),
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Sends a request and leaves it open; `giveUp()` destroys the socket, like a client that stops waiting. */
export function openRequest(url: string, path: string, body: unknown): { giveUp(): void } {
  const req = http.request(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
  req.on('error', () => {});
  req.end(JSON.stringify(body));
  return { giveUp: () => req.destroy() };
}

export async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A counter's value in Prometheus text, summed over the label sets that match. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(\{[^}]*\})?\s+([0-9.eE+-]+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const set = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`))) sum += Number(m[3]);
  }
  return sum;
}
