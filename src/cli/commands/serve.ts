// mplsandbox serve: the sandbox (and the critic) as a long-lived HTTP service for training and evaluation
// loops. One engine per process with a warm pool sized to the concurrency; SIGTERM drains and exits 0.
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { CliCommand } from '../cli-types';
import { EnvironmentError, UsageError } from '../cli-types';
import { parseCommandArgs } from '../input';
import { findLanguage, LANGUAGES } from '../../core/languages/registry';
import type { LanguageId } from '../../core/languages/types';
import { SandboxEngine } from '../../core/sandbox/engine';
import { resolveModelRoles } from '../../core/models/config';
import { DEFAULT_BODY_LIMIT, SandboxService } from '../../service/server';

const DEFAULT_QUEUE = 1024;

const USAGE = `Usage: mplsandbox serve [--host 127.0.0.1] [--port 8080] [--max-concurrency N] [--queue N] [--token-file F]
                        [--body-limit MB] [--languages ID,ID…] [--allow-dependency-builds] [--behind-balancer]

  --host H             address to bind (default 127.0.0.1). Any other address needs --token-file.
  --port P             port (default 8080; 0 picks a free one, printed on start)
  --max-concurrency N  programs running at once (default: the number of CPU cores); as many warm containers
  --queue N            programs that may wait beyond those (default ${DEFAULT_QUEUE}); past it requests get 429 + Retry-After
  --token-file F       a file holding a bearer token: every endpoint but GET /v1/ping and GET /healthz then needs
                       "Authorization: Bearer <token>"
  --body-limit MB      largest request body (default ${DEFAULT_BODY_LIMIT / 1024 / 1024}); larger ones get 413
  --languages L        only these languages (default all); /healthz waits for their images
  --allow-dependency-builds  let requests with \`libraries\` (MPLSandbox) build an image with them; without it
                       only library sets already built are used and others are a SandboxError saying so
  --behind-balancer    a replica behind a load balancer: a run it cannot do because its Docker engine is down
                       answers 503 + Retry-After (the balancer tries another replica) instead of 200 SandboxError

Endpoints: GET /v1/ping, POST /run_code (SandboxFusion), POST /run-app (MPLSandbox), POST /v1/run, POST /v1/batch,
POST /v1/analyze, POST /v1/critique, GET /v1/languages, GET /healthz, GET /metrics. See the README.
/run_code takes SandboxFusion's test-framework modes as its language (pytest, jest, junit, go_test): the
response then has \`tests\` too, the framework's counts and failing tests.
Critique models come from MPLSANDBOX_CRITIC_* / MPLSANDBOX_ACTOR_* (or OPENAI_API_KEY), never from requests.
SIGTERM (or Ctrl-C): new requests get 503, running programs finish, every container is removed, exit 0.`;

function wholeNumber(raw: string | undefined, flag: string, min: number, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new UsageError(`${flag} takes a whole number of at least ${min}, got '${raw}'`);
  return Number(raw);
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run the sandbox as an HTTP service (SandboxFusion /run_code, MPLSandbox /run-app, /v1/…)',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8080' },
      'max-concurrency': { type: 'string' },
      queue: { type: 'string' },
      'token-file': { type: 'string' },
      'body-limit': { type: 'string' },
      languages: { type: 'string' },
      'allow-dependency-builds': { type: 'boolean', default: false },
      'behind-balancer': { type: 'boolean', default: false },
    });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'\n${USAGE}`);
    const port = wholeNumber(values.port, '--port', 0, 8080);
    if (port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}`);
    const maxConcurrency = wholeNumber(values['max-concurrency'], '--max-concurrency', 1, availableParallelism());
    const queue = wholeNumber(values.queue, '--queue', 0, DEFAULT_QUEUE);
    const bodyLimitMb = wholeNumber(values['body-limit'], '--body-limit', 1, DEFAULT_BODY_LIMIT / 1024 / 1024);
    let languages: LanguageId[] | undefined;
    if (values.languages !== undefined) {
      languages = values.languages.split(',').map((name) => {
        const lang = findLanguage(name);
        if (!lang) throw new UsageError(`--languages: unknown language '${name}'; supported: ${LANGUAGES.map((l) => l.id).join(', ')}`);
        return lang.id;
      });
    }
    let token: string | undefined;
    if (values['token-file'] !== undefined) {
      try {
        token = (await readFile(values['token-file'], 'utf8')).trim();
      } catch (err) {
        throw new UsageError(`cannot read --token-file '${values['token-file']}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      if (token.length < 16) throw new UsageError(`the token in '${values['token-file']}' is shorter than 16 characters; use a long random one (e.g. openssl rand -hex 32)`);
    }
    const host = values.host;
    if (!isLoopback(host) && !token) {
      throw new UsageError(`refusing to bind ${host} without a token: anyone who reaches it could run code; pass --token-file FILE (or bind 127.0.0.1)`);
    }

    let models;
    try {
      models = resolveModelRoles(io.env);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const log = (line: string) => io.stderr.write(`mplsandbox serve: ${line}\n`);
    const engine = new SandboxEngine({
      dockerHost: io.env.DOCKER_HOST,
      autoBuildImages: io.env.MPLSANDBOX_AUTO_BUILD !== '0',
      maxConcurrent: maxConcurrency,
      poolSize: maxConcurrency,
      poolMaxWarm: Math.max(4, 2 * maxConcurrency),
      // A request's `libraries` would otherwise make the service build (and download into) an image.
      allowDependencyBuilds: () => values['allow-dependency-builds'],
      onBuildProgress: (p) => {
        if (/^Step \d+\/\d+/.test(p.line)) log(`building ${p.image} image: ${p.line.trim()}`);
      },
      onBackgroundError: (err) => log(`background: ${err instanceof Error ? err.message : String(err)}`),
    });
    const service = new SandboxService({ engine, maxConcurrency, queue, token, bodyLimitBytes: bodyLimitMb * 1024 * 1024, languages, log, models, behindBalancer: values['behind-balancer'] });
    let address: string;
    try {
      address = await service.listen(host, port);
    } catch (err) {
      await engine.close();
      throw new EnvironmentError(`cannot listen on ${host}:${port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    io.stdout.write(`mplsandbox serve: listening on ${address} (max concurrency ${maxConcurrency}, queue ${queue}${token ? ', token required' : ''})\n`);
    const builds = new AbortController();
    prepareImages(engine, service.languages, io.env.MPLSANDBOX_AUTO_BUILD !== '0', log, builds.signal);

    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    builds.abort();
    await service.drain();
    return 0;
  },
};

/** Builds missing images one after the other in the background, so that /healthz turns ready by itself. */
function prepareImages(engine: SandboxEngine, languages: readonly LanguageId[], autoBuild: boolean, log: (line: string) => void, signal: AbortSignal): void {
  void (async () => {
    for (const id of languages) {
      if (signal.aborted) return;
      try {
        if (await engine.isImageReady(id)) continue;
        if (!autoBuild) {
          log(`the ${id} image is missing and MPLSANDBOX_AUTO_BUILD=0: build it with \`mplsandbox images build ${id}\``);
          continue;
        }
        log(`building the ${id} image (first start on this engine)`);
        await engine.ensureImage(id, undefined, signal);
      } catch (err) {
        if (signal.aborted) return;
        log(`${id} image: ${err instanceof Error ? err.message : String(err)}`);
        // Docker unreachable: every other language fails the same way; /healthz reports it.
        if (/docker/i.test(String((err as Error)?.message))) return;
      }
    }
  })();
}
