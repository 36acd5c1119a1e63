// The HTTP service (`mplsandbox serve`): a thin front end over one SandboxEngine. Routing, body limits and
// parsing are Fastify's; every request body is checked with zod (./sandbox-fusion.ts, ./native.ts); runs go
// through the engine's queue and container path like the CLI's and the extension's.
//
// Loud degradation: a full queue is 429 with Retry-After; a draining server is 503; a client that goes
// away cancels its run (the engine removes the container at once); caller mistakes are 4xx naming the
// field; a 5xx is only ever the service's own fault, and no reply carries a stack trace.
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { LANGUAGES } from '../core/languages/registry';
import type { LanguageId } from '../core/languages/types';
import { resolveModelRoles, type ModelRoles } from '../core/models/config';
import type { SandboxEngine } from '../core/sandbox/engine';
import type { RunRequest, RunResult } from '../core/sandbox/types';
import { Admission } from './admission';
import { ApiError, type ApiErrorBody } from './errors';
import { HealthCheck } from './health';
import { ServiceMetrics } from './metrics';
import { parseBatchRequest, parseRunRequest, runResponse } from './native';
import { MAX_TIMEOUT_SECONDS } from './request-fields';
import { TEST_MODES } from '../core/languages/test-modes';
import { executorName, parseRunCodeRequest, toRunCodeResponse } from './sandbox-fusion';
import { runCodeNames } from './sandbox-fusion-languages';
import { registerExtraRoutes } from './routes-extra';
import { isAbortError } from '../core/abort';

export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

export interface ServiceOptions {
  engine: SandboxEngine;
  /** Runs at once (the engine's own limit should match). */
  maxConcurrency: number;
  /** Runs that may wait beyond those; past it, 429. */
  queue: number;
  /** With a token, every endpoint but GET /v1/ping and GET /healthz needs `Authorization: Bearer <token>`. */
  token?: string;
  bodyLimitBytes?: number;
  /** Languages this service runs (default all); /healthz waits for their images. */
  languages?: LanguageId[];
  /** One line per event worth an operator's attention. */
  log?: (line: string) => void;
  /** Critic and actor models for /v1/critique (`resolveModelRoles(env)`); without a critic only the symbolic checker runs. */
  models?: ModelRoles;
  /**
   * A replica behind a balancer: a single run it cannot do because its Docker engine is down answers 503 with
   * Retry-After (the balancer retries 503 on another replica; runs are idempotent) instead of 200 SandboxError.
   * A balancer keeps sending to a replica for a moment after its readiness probe fails (Kubernetes' endpoint
   * update, nginx's reload), and such a run would otherwise reach the client as a sandbox fault.
   */
  behindBalancer?: boolean;
}

/** Endpoints that need no token: probes and the SandboxFusion liveness check. */
const OPEN_ROUTES = new Set(['GET /v1/ping', 'GET /healthz']);

function abortedByClient(err: unknown): boolean {
  return isAbortError(err);
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1].trim());
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

export class SandboxService {
  readonly app: FastifyInstance;
  readonly admission: Admission;
  readonly metrics: ServiceMetrics;
  readonly health: HealthCheck;
  readonly engine: SandboxEngine;
  readonly languages: readonly LanguageId[];
  readonly models: ModelRoles;
  private draining = false;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: ServiceOptions) {
    this.engine = opts.engine;
    this.log = opts.log ?? (() => {});
    this.languages = opts.languages ?? LANGUAGES.map((l) => l.id);
    this.models = opts.models ?? resolveModelRoles({});
    this.admission = new Admission(opts.maxConcurrency, opts.queue);
    this.metrics = new ServiceMetrics(this.engine, this.admission);
    this.health = new HealthCheck(this.engine, this.languages);
    this.app = Fastify({
      bodyLimit: opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
      logger: false,
      // A SIGTERM drain answers 503 itself; Fastify's own closing replies would skip our JSON shape.
      return503OnClosing: false,
      forceCloseConnections: 'idle',
    });
    this.hooks();
    this.routes();
    registerExtraRoutes(this);
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async listen(host: string, port: number): Promise<string> {
    return this.app.listen({ host, port });
  }

  /**
   * SIGTERM: refuse new work with 503, let admitted runs finish (at most `graceMs`), then close the
   * listener and remove every container of the engine (warm ones included).
   */
  async drain(graceMs: number = (MAX_TIMEOUT_SECONDS + 5) * 1000): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    this.health.invalidate();
    this.log(`draining: ${this.admission.inFlight} run(s) in flight, new requests get 503`);
    const deadline = Date.now() + graceMs;
    while (this.admission.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (this.admission.inFlight > 0) this.log(`drain: ${this.admission.inFlight} run(s) still running after ${graceMs} ms; stopping them`);
    await this.app.close();
    await this.engine.close();
    this.log('drained: every sandbox container is removed');
  }

  /** Admits `count` runs or throws 429 (503 while draining). */
  admit(count = 1): void {
    if (this.draining) {
      this.metrics.rejected.inc({ reason: 'draining' });
      throw new ApiError(503, 'draining', 'the service is shutting down; send the request to another replica or retry shortly', undefined, undefined, { 'Retry-After': '5', Connection: 'close' });
    }
    if (count > this.admission.capacity) {
      this.metrics.rejected.inc({ reason: 'too_large' });
      throw new ApiError(413, 'batch_too_large', `programs: ${count} programs exceed what this service admits at once (${this.admission.capacity} = max concurrency + queue); split the batch`, 'programs');
    }
    if (!this.admission.tryEnter(count)) {
      this.metrics.rejected.inc({ reason: 'queue_full' });
      const wait = this.admission.retryAfterSeconds(count);
      throw new ApiError(
        429,
        'queue_full',
        `the run queue is full (${this.admission.inFlight} admitted, at most ${this.admission.capacity}); retry after ${wait} s`,
        undefined,
        undefined,
        { 'Retry-After': String(wait) },
      );
    }
  }

  /**
   * Runs one admitted request: metrics, and the admission slot is given back whatever happens. `single`: the
   * request is this one run (not a batch item), so behind a balancer a dead engine may answer 503.
   */
  async run(req: RunRequest, signal: AbortSignal, single = false): Promise<RunResult> {
    const t0 = performance.now();
    try {
      const result = await this.engine.runCode({ ...req, signal });
      this.metrics.runs.inc({ language: result.language, verdict: result.status });
      if (result.status !== 'SandboxError') return result;
      const { explained, engineDown } = await this.explainFault(result);
      if (engineDown && single && this.opts.behindBalancer) {
        throw new ApiError(503, 'engine_unavailable', `${explained.message ?? 'the sandbox engine is down'} (this replica cannot run code now; send the request to another replica or retry shortly)`, undefined, undefined, { 'Retry-After': '5' });
      }
      return explained;
    } catch (err) {
      if (abortedByClient(err)) this.metrics.cancelled.inc();
      throw err;
    } finally {
      const seconds = (performance.now() - t0) / 1000;
      this.metrics.runSeconds.observe({ language: req.language }, seconds);
      this.admission.leave(seconds);
    }
  }

  /**
   * A run that broke mid-way ("the sandbox container stopped") says why when the cause is the Docker
   * engine itself, and the next /healthz probes afresh.
   */
  private async explainFault(result: RunResult): Promise<{ explained: RunResult; engineDown: boolean }> {
    this.health.invalidate();
    const report = await this.health.check();
    if (report.docker.ok) return { explained: result, engineDown: false };
    if (!result.message || result.message.includes(report.docker.error)) return { explained: result, engineDown: true };
    return { explained: { ...result, message: `${result.message.replace(/^sandbox engine error: /, '')}: ${report.docker.error}` }, engineDown: true };
  }

  /** Aborts when the client closes its connection before the reply is complete. */
  clientSignal(reply: FastifyReply): AbortSignal {
    const controller = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) controller.abort(new DOMException('the client disconnected', 'AbortError'));
    });
    return controller.signal;
  }

  private hooks(): void {
    // Any body is JSON, whatever its Content-Type says: `curl -d` sends form encoding by default.
    this.app.removeAllContentTypeParsers();
    this.app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch (err) {
        done(new ApiError(400, 'invalid_json', `the request body is not valid JSON: ${(err as Error).message}`), undefined);
      }
    });

    this.app.addHook('onRequest', async (request, reply) => {
      const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
      if (this.opts.token && !OPEN_ROUTES.has(route) && !tokenMatches(request.headers.authorization, this.opts.token)) {
        this.metrics.rejected.inc({ reason: 'unauthorized' });
        throw new ApiError(401, 'unauthorized', 'this service needs `Authorization: Bearer <token>` (the token of its --token-file)', undefined, undefined, {
          'WWW-Authenticate': 'Bearer realm="mplsandbox"',
        });
      }
      void reply;
    });

    this.app.addHook('onResponse', async (request, reply) => {
      this.metrics.httpRequests.inc({ route: request.routeOptions.url ?? 'unknown', method: request.method, status: String(reply.statusCode) });
    });

    this.app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, request, reply) => {
      let api: ApiError;
      if (err instanceof ApiError) api = err;
      else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        api = new ApiError(413, 'body_too_large', `the request body is larger than this service accepts (${this.opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT} bytes); send fewer or smaller programs per request`);
      } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        api = new ApiError(err.statusCode, 'invalid_request', err.message);
      } else {
        this.log(`internal error on ${request.method} ${request.url}: ${err.stack ?? err.message}`);
        api = new ApiError(500, 'internal_error', 'the service failed on this request; its log has the details');
      }
      void reply.code(api.statusCode).headers(api.headers).send(api.body());
    });

    this.app.setNotFoundHandler((request, reply) => {
      const body: ApiErrorBody = {
        error: {
          code: 'not_found',
          message: `no endpoint ${request.method} ${request.url.split('?')[0]}; endpoints: GET /v1/ping, GET /healthz, GET /metrics, GET /v1/languages, POST /run_code, POST /run-app, POST /v1/run, POST /v1/batch, POST /v1/analyze, POST /v1/critique`,
        },
      };
      void reply.code(404).send(body);
    });
  }

  private routes(): void {
    const app = this.app;

    // FastAPI's `return 'pong'`: a JSON string.
    app.get('/v1/ping', async (_request, reply) => reply.type('application/json').send('"pong"'));

    app.get('/healthz', async (_request, reply) => {
      if (this.draining) return reply.code(503).send({ status: 'draining', message: 'the service is shutting down' });
      const report = await this.health.check();
      return reply.code(report.status === 'ok' ? 200 : 503).send({
        ...report,
        queue: { admitted: this.admission.inFlight, capacity: this.admission.capacity, maxConcurrency: this.admission.maxConcurrency },
      });
    });

    app.get('/metrics', async (_request, reply) => {
      const text = await this.metrics.registry.metrics();
      return reply.header('Content-Type', this.metrics.registry.contentType).send(text);
    });

    app.get('/v1/languages', async () => ({
      languages: LANGUAGES.filter((l) => this.languages.includes(l.id)).map((l) => ({
        id: l.id,
        displayName: l.displayName,
        aliases: l.aliases,
        extensions: l.extensions,
        sandboxFusionNames: runCodeNames(l.id),
        // SandboxFusion's test-framework modes that run this language (its `language` values pytest, jest, …).
        testModes: TEST_MODES.filter((m) => m.language === l.id).map((m) => m.id),
      })),
    }));

    app.post('/run_code', async (request, reply) => {
      const parsed = parseRunCodeRequest(request.body);
      this.checkEnabled(parsed.language, 'language');
      this.admit();
      const signal = this.clientSignal(reply);
      try {
        return toRunCodeResponse(await this.run(parsed.request, signal, true), parsed, executorName());
      } catch (err) {
        if (abortedByClient(err)) return reply.code(499).send({ error: { code: 'cancelled', message: 'the client disconnected' } });
        throw err;
      }
    });

    app.post('/v1/run', async (request, reply) => {
      const parsed = parseRunRequest(request.body);
      if (parsed.request.language !== 'auto') this.checkEnabled(parsed.request.language as LanguageId, 'language');
      this.admit();
      const signal = this.clientSignal(reply);
      try {
        return runResponse(await this.run(parsed.request, signal, true), parsed);
      } catch (err) {
        if (abortedByClient(err)) return reply.code(499).send({ error: { code: 'cancelled', message: 'the client disconnected' } });
        throw err;
      }
    });

    app.post('/v1/batch', async (request, reply) => {
      const items = parseBatchRequest(request.body);
      items.forEach((item) => {
        if (item.request.language !== 'auto') this.checkEnabled(item.request.language as LanguageId, `programs[${item.index}].language`);
      });
      this.admit(items.length);
      const signal = this.clientSignal(reply);
      // Results go out as each program finishes (NDJSON, completion order), so that a training step
      // can score early finishers while the rest still run.
      reply.hijack();
      reply.raw.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
      const write = (line: unknown) => {
        if (!reply.raw.destroyed) reply.raw.write(`${JSON.stringify(line)}\n`);
      };
      await Promise.all(
        items.map(async (item) => {
          try {
            const result = await this.run(item.request, signal);
            write({ id: item.id, index: item.index, ...runResponse(result, item) });
          } catch (err) {
            if (abortedByClient(err)) return;
            this.log(`batch item ${item.index} failed: ${(err as Error).stack ?? String(err)}`);
            write({ id: item.id, index: item.index, status: 'SandboxError', message: 'the service failed on this program; its log has the details' });
          }
        }),
      );
      reply.raw.end();
      this.metrics.httpRequests.inc({ route: '/v1/batch', method: 'POST', status: signal.aborted ? '499' : '200' });
    });
  }

  /** A language this service does not run is the caller's mistake. */
  checkEnabled(language: LanguageId, field: string): void {
    if (!this.languages.includes(language)) {
      throw new ApiError(400, 'invalid_request', `${field}: ${language} is not enabled on this service; enabled: ${this.languages.join(', ')}`, field, [...this.languages]);
    }
  }
}
