// The HTTP contract that holds without a Docker engine: probes, refusals of bad input (4xx naming the field,
// never a stack trace, never a 500), auth, body limits, and a Docker-less engine reported as SandboxError.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LANGUAGES } from '../../src/core/languages/registry';
import { resolveModelRoles } from '../../src/core/models/config';
import { reply, startModelServer, type ModelServer } from '../support/model-server';
import { call, metricValue, startService, type TestService } from './service-helpers';

const noDocker = { dockerHost: `unix://${join(mkdtempSync(join(tmpdir(), 'mplsandbox-svc-')), 'no-docker.sock')}` };

function assertNoStack(text: string) {
  assert.doesNotMatch(text, /\n\s+at |\.ts:\d+|node_modules/, 'no stack trace in a reply');
}

describe('service HTTP contract without Docker', () => {
  let svc: TestService;
  before(async () => {
    svc = await startService({ engine: noDocker, service: { bodyLimitBytes: 64 * 1024 } });
  });
  after(() => svc.close());

  test('GET /v1/ping answers "pong" as SandboxFusion does', async () => {
    const r = await call(svc.url, '/v1/ping');
    assert.equal(r.status, 200);
    assert.equal(r.json, 'pong');
  });

  test('/healthz is 503 and says Docker is unreachable', async () => {
    const r = await call(svc.url, '/healthz');
    assert.equal(r.status, 503);
    assert.equal(r.json.status, 'unavailable');
    assert.equal(r.json.docker.ok, false);
    assert.match(r.json.docker.error, /Docker is not running/);
  });

  test('a run without Docker is a SandboxError with a message saying what to do, not a 5xx', async () => {
    const r = await call(svc.url, '/run_code', { body: { code: 'print(1)', language: 'python' } });
    assert.equal(r.status, 200);
    assert.equal(r.json.status, 'SandboxError');
    assert.match(r.json.message, /Docker is not running .*Start it/);
    assert.equal(r.json.run_result, null);
    const native = await call(svc.url, '/v1/run', { body: { code: 'print(1)', language: 'python' } });
    assert.equal(native.json.status, 'SandboxError');
  });

  const bad: [string, string, { body?: unknown; raw?: string }, number, RegExp, string?][] = [
    ['invalid JSON', '/run_code', { raw: '{"code": "print(1)",' }, 400, /not valid JSON/],
    ['a JSON array', '/run_code', { raw: '[1,2]' }, 400, /must be a JSON object/],
    ['an empty body', '/v1/run', { raw: '' }, 400, /must be a JSON object/],
    ['unknown language', '/run_code', { body: { code: 'x', language: 'brainfuck' } }, 400, /unknown language 'brainfuck'; supported: .*python/, 'language'],
    ['a SandboxFusion language not available here', '/run_code', { body: { code: 'x', language: 'julia' } }, 400, /SandboxFusion's 'julia' cannot run here: Julia is not packaged in Debian 12.*Supported: .*kotlin_script/, 'language'],
    ['missing code', '/run_code', { body: { language: 'python' } }, 400, /code: is required/, 'code'],
    ['code of the wrong type', '/v1/run', { body: { code: 42 } }, 400, /code: is required and must be a string/, 'code'],
    ['run_timeout out of range', '/run_code', { body: { code: 'x', language: 'python', run_timeout: 3600 } }, 400, /at most 600 seconds/, 'run_timeout'],
    ['negative timeout', '/v1/run', { body: { code: 'x', timeout: -1 } }, 400, /more than 0/, 'timeout'],
    ['memory out of range', '/v1/run', { body: { code: 'x', memory: 1 << 20 } }, 400, /at most 16384 MiB/, 'memory'],
    ['a limit the engine does not know', '/v1/run', { body: { code: 'x', limits: { run: { gpus: 1 } } } }, 400, /gpus/, 'limits.run'],
    ['bad cases', '/v1/run', { body: { code: 'x', cases: { inputs: ['1'], outputs: [] } } }, 400, /same length/, 'cases'],
    ['a file outside the sandbox', '/run_code', { body: { code: 'x', language: 'python', files: { '../../etc/x': '' } } }, 400, /inside the sandbox/, 'files.../../etc/x'],
    ['an empty batch', '/v1/batch', { body: { programs: [] } }, 400, /at least one program/, 'programs'],
    ['a bad program in a batch', '/v1/batch', { body: { programs: [{ code: 'x' }, { code: 'y', language: 'brainfuck' }] } }, 400, /unknown language/, 'programs[1].language'],
    ['duplicate batch ids', '/v1/batch', { body: { programs: [{ id: 'a', code: 'x' }, { id: 'a', code: 'y' }] } }, 400, /used twice/, 'programs[1].id'],
    ['MPLSandbox request without code', '/run-app', { body: { lang: 'python', unit_cases: { inputs: [], outputs: [] } } }, 400, /code/],
    ['MPLSandbox libraries of the wrong type', '/run-app', { body: { code: 'x', libraries: 'numpy' } }, 400, /libraries/],
    ['MPLSandbox unknown lang', '/run-app', { body: { code: 'x', lang: 'brainfuck' } }, 400, /unknown language/, 'lang'],
    ['an unknown analysis category', '/v1/analyze', { body: { code: 'x', language: 'python', only: ['style'] } }, 400, /only\[0\]/, 'only[0]'],
  ];
  for (const [what, path, req, status, message, field] of bad) {
    test(`${what} → ${status} naming the field`, async () => {
      const r = await call(svc.url, path, { ...req, headers: { 'Content-Type': 'application/json' } });
      assert.equal(r.status, status, r.text);
      assert.match(r.json.error.message, message);
      if (field) assert.equal(r.json.error.field, field);
      assertNoStack(r.text);
    });
  }

  test('a body over the limit is 413 with the limit in the message', async () => {
    const r = await call(svc.url, '/run_code', { body: { code: 'x'.repeat(100 * 1024), language: 'python' } });
    assert.equal(r.status, 413);
    assert.equal(r.json.error.code, 'body_too_large');
    assert.match(r.json.error.message, /65536 bytes/);
  });

  test('a body sent as form data by a plain `curl -d` is read as JSON', async () => {
    const r = await call(svc.url, '/run_code', { raw: '{"language": "brainfuck", "code": "x"}', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'language');
  });

  test('unknown endpoints are 404 JSON listing the endpoints', async () => {
    const r = await call(svc.url, '/v2/run', { body: {} });
    assert.equal(r.status, 404);
    assert.match(r.json.error.message, /POST \/run_code/);
  });

  test('GET /v1/languages lists every language with its SandboxFusion names', async () => {
    const r = await call(svc.url, '/v1/languages');
    assert.equal(r.json.languages.length, LANGUAGES.length);
    const js = r.json.languages.find((l: { id: string }) => l.id === 'javascript');
    assert.deepEqual(js.sandboxFusionNames, ['javascript', 'nodejs']);
    assert.deepEqual(js.testModes, ['jest']);
    assert.deepEqual(r.json.languages.find((l: { id: string }) => l.id === 'python').testModes, ['pytest']);
    assert.deepEqual(r.json.languages.find((l: { id: string }) => l.id === 'ruby').testModes, []);
  });

  test('refusals are counted in /metrics', async () => {
    const r = await call(svc.url, '/metrics');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /text\/plain/);
    assert.ok(metricValue(r.text, 'mplsandbox_http_requests_total', { status: '400' }) >= bad.length - 1);
    assert.ok(metricValue(r.text, 'mplsandbox_runs_total', { verdict: 'SandboxError' }) >= 2);
  });
});

describe('service with a token', () => {
  let svc: TestService;
  const token = 'a-long-random-token-0123456789';
  before(async () => {
    svc = await startService({ engine: noDocker, service: { token } });
  });
  after(() => svc.close());

  test('every endpoint but /v1/ping and /healthz needs the bearer token', async () => {
    assert.equal((await call(svc.url, '/v1/ping')).status, 200);
    assert.equal((await call(svc.url, '/healthz')).status, 503, 'the probe answers (unhealthy: no Docker) without a token');
    for (const [path, body] of [['/run_code', { code: 'x', language: 'python' }], ['/v1/run', { code: 'x' }], ['/v1/batch', { programs: [{ code: 'x' }] }], ['/run-app', { code: 'x' }], ['/v1/languages', undefined], ['/metrics', undefined]] as const) {
      const none = await call(svc.url, path, { body });
      assert.equal(none.status, 401, path);
      assert.equal(none.json.error.code, 'unauthorized');
      assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
      const wrong = await call(svc.url, path, { body, headers: { Authorization: `Bearer ${token.slice(0, -1)}x` } });
      assert.equal(wrong.status, 401, path);
    }
    const ok = await call(svc.url, '/run_code', { body: { code: 'x', language: 'python' }, headers: { Authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.status, 'SandboxError', 'admitted: the run reached the (absent) engine');
  });
});

describe('POST /v1/critique', () => {
  let svc: TestService;
  let models: ModelServer;
  before(async () => {
    models = await startModelServer();
    svc = await startService({ engine: noDocker, service: { models: resolveModelRoles({ MPLSANDBOX_CRITIC_BASE_URL: models.baseURL, MPLSANDBOX_CRITIC_MODEL: 'critic-m' }) } });
  });
  after(async () => {
    await svc.close();
    await models.close();
  });

  const critique = [
    'Step sentence: Ann reads 3 * 15 = 45 pages.',
    'Correctness of the step: Correct',
    'Explanation: three days of fifteen pages.',
    '',
    'Step sentence: She has 120 - 45 = 85 pages left.',
    'Correctness of the step: Wrong',
    'Explanation: 120 - 45 = 75.',
    '',
    'Correctness of the final answer: Wrong',
    'Explanation: 75 pages are left.',
  ].join('\n');

  test('a question and its steps get step verdicts from the symbolic checker and the service\'s critic', async () => {
    models.enqueue(reply.text(critique));
    const r = await call(svc.url, '/v1/critique', {
      body: { question: 'Ann reads 15 pages a day for 3 days of a 120-page book. How many pages are left?', steps: ['Ann reads 3 * 15 = 45 pages.', 'She has 120 - 45 = 85 pages left.'], answer: '85' },
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.modelUsed, { critic: 'critic-m' });
    const round = r.json.problems[0].rounds[0];
    assert.equal(round.steps[1].verdict, 'wrong');
    assert.deepEqual(round.steps[1].verdicts.map((v: { source: string }) => v.source), ['symbolic', 'model']);
    assert.equal(round.finalAnswerVerdict, 'wrong');
    assert.equal(models.requests.length, 1);
  });

  test('a failing model endpoint is a 502 saying so; a bad request is a 400', async () => {
    models.enqueue(reply.status(401, { message: 'bad key' }));
    const r = await call(svc.url, '/v1/critique', { body: { note: '**Problem:** What is 2 + 2?\n\n**Solution:**\n\n1. 2 + 2 = 4.\n' } });
    assert.equal(r.status, 502, r.text);
    assert.equal(r.json.error.code, 'model_unavailable');
    const both = await call(svc.url, '/v1/critique', { body: { note: 'x', question: 'y', steps: ['z'] } });
    assert.equal(both.status, 400);
    assert.equal(both.json.error.field, 'note');
    const none = await call(svc.url, '/v1/critique', { body: { note: 'just some words' } });
    assert.equal(none.status, 400);
    assert.match(none.json.error.message, /^note: no solution steps found/);
  });
});
