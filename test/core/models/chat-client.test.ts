import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { ChatClient } from '../../../src/core/models/chat-client';
import { parseModelRoleConfig } from '../../../src/core/models/config';
import {
  ModelAuthError,
  ModelCancelledError,
  ModelNotFoundError,
  ModelRateLimitError,
  ModelReplyError,
  ModelServerError,
  ModelTimeoutError,
  ModelUnreachableError,
} from '../../../src/core/models/errors';
import { reply, startModelServer, type ModelServer } from '../../support/model-server';

let server: ModelServer;
before(async () => {
  server = await startModelServer({ models: ['test-critic'] });
});
after(() => server.close());

const fastRetries = { baseDelayMs: 5, maxDelayMs: 20, maxRetries: 3 };

function client(overrides: Record<string, unknown> = {}, retry: Record<string, number> = fastRetries) {
  const config = parseModelRoleConfig('critic', { baseURL: server.baseURL, model: 'test-critic', timeoutMs: 5_000, ...overrides });
  const notices: { retry: number; delayMs: number }[] = [];
  return { chat: new ChatClient(config, { role: 'critic', retry, onRetry: (n) => notices.push(n) }), notices };
}

const hello = [{ role: 'user' as const, content: 'hello' }];

test('non-streaming reply: text, finish reason and the request the server saw', async () => {
  server.enqueue(reply.text('Step sentence: 1 + 1 = 2'));
  const before = server.chatRequests().length;
  const { chat } = client({ temperature: 0.3, maxTokens: 77 });
  const result = await chat.complete({ messages: hello });
  assert.equal(result.text, 'Step sentence: 1 + 1 = 2');
  assert.equal(result.finishReason, 'stop');
  assert.equal(result.truncated, false);
  assert.equal(result.attempts, 1);
  const seen = server.chatRequests()[before].body;
  assert.equal(seen?.model, 'test-critic');
  assert.equal(seen?.stream, false);
  assert.equal(seen?.temperature, 0.3);
  assert.equal(seen?.max_tokens, 77);
  assert.deepEqual(seen?.messages, hello);
});

test('streaming reply arrives in several deltas that add up to the text', async () => {
  const text = 'Step sentence: She sold 30 / 2 = 15 eggs\nCorrectness of the step: Wrong\n';
  server.enqueue(reply.text(text, { chunkChars: 5 }));
  const deltas: string[] = [];
  const { chat } = client();
  const result = await chat.complete({ messages: hello, stream: true, onDelta: (d) => deltas.push(d) });
  assert.equal(result.text, text);
  assert.equal(deltas.join(''), text);
  assert.ok(deltas.length >= Math.floor(text.length / 5));
  assert.equal(result.finishReason, 'stop');
});

test('429 with Retry-After in seconds is retried after the delay the server asked for', async () => {
  server.enqueue(reply.rateLimited('0.15'), reply.text('ok'));
  const { chat, notices } = client();
  const t0 = Date.now();
  const result = await chat.complete({ messages: hello });
  assert.equal(result.text, 'ok');
  assert.equal(result.attempts, 2);
  assert.equal(notices.length, 1);
  assert.equal(notices[0].delayMs, 150);
  assert.ok(Date.now() - t0 >= 140, 'waited for Retry-After');
});

test('Retry-After beyond the cap is capped', async () => {
  server.enqueue(reply.rateLimited('3600'), reply.text('ok'));
  const { chat, notices } = client({}, { ...fastRetries, maxRetryAfterMs: 30 });
  await chat.complete({ messages: hello });
  assert.equal(notices[0].delayMs, 30);
});

test('500 then success: retried with backoff', async () => {
  server.enqueue(reply.serverError(), reply.text('recovered'));
  const { chat, notices } = client();
  const result = await chat.complete({ messages: hello, stream: true });
  assert.equal(result.text, 'recovered');
  assert.equal(notices.length, 1);
  assert.ok(notices[0].delayMs <= fastRetries.baseDelayMs);
});

test('persistent 500: gives up after the bounded number of retries', async () => {
  const before = server.chatRequests().length;
  server.enqueue(reply.serverError(), reply.serverError(), reply.serverError());
  const { chat } = client({}, { ...fastRetries, maxRetries: 2 });
  await assert.rejects(chat.complete({ messages: hello }), (err: unknown) => {
    assert.ok(err instanceof ModelServerError);
    assert.match(err.message, /HTTP 500/);
    return true;
  });
  assert.equal(server.chatRequests().length - before, 3);
});

test('persistent 429 ends in a rate-limit error', async () => {
  server.enqueue(reply.rateLimited('0'), reply.rateLimited('0'));
  const { chat } = client({}, { ...fastRetries, maxRetries: 1 });
  await assert.rejects(chat.complete({ messages: hello }), ModelRateLimitError);
});

test('401: says how to set the key, is not retried and never shows the key', async () => {
  const before = server.chatRequests().length;
  server.enqueue(reply.unauthorized());
  const { chat } = client({ apiKey: 'sk-secret-test-value' });
  await assert.rejects(chat.complete({ messages: hello }), (err: unknown) => {
    assert.ok(err instanceof ModelAuthError);
    assert.match(err.message, /MPLSANDBOX_CRITIC_API_KEY/);
    assert.match(err.message, /rejected the API key/);
    assert.doesNotMatch(err.message, /sk-secret-test-value/);
    return true;
  });
  assert.equal(server.chatRequests().length - before, 1);
  assert.equal(server.chatRequests()[before].headers.authorization, 'Bearer sk-secret-test-value');
});

test('401 without a key says that none was set', async () => {
  server.enqueue(reply.unauthorized());
  const { chat } = client();
  await assert.rejects(chat.complete({ messages: hello }), /needs an API key and none was set/);
});

test('404: names the model and the base URL', async () => {
  const { chat } = client({ model: 'no-such-model' });
  await assert.rejects(chat.complete({ messages: hello }), (err: unknown) => {
    assert.ok(err instanceof ModelNotFoundError);
    assert.match(err.message, /'no-such-model'/);
    assert.ok(err.message.includes(server.baseURL));
    return true;
  });
});

test('no data within timeoutMs: a timeout error that names the setting', async () => {
  server.enqueue(reply.hang());
  const { chat } = client({ timeoutMs: 150 }, { ...fastRetries, maxRetries: 0 });
  const t0 = Date.now();
  await assert.rejects(chat.complete({ messages: hello, stream: true }), (err: unknown) => {
    assert.ok(err instanceof ModelTimeoutError);
    assert.match(err.message, /150 ms/);
    assert.match(err.message, /MPLSANDBOX_CRITIC_TIMEOUT_MS/);
    return true;
  });
  assert.ok(Date.now() - t0 < 10_000, 'the hanging reply was given up on, not waited for');
});

test('unreachable host (a closed port on 127.0.0.1): asks whether the server is running there', async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const config = parseModelRoleConfig('critic', { baseURL: `http://127.0.0.1:${port}/v1`, model: 'm' });
  const chat = new ChatClient(config, { retry: { ...fastRetries, maxRetries: 1 } });
  await assert.rejects(chat.complete({ messages: hello }), (err: unknown) => {
    assert.ok(err instanceof ModelUnreachableError);
    assert.match(err.message, /ECONNREFUSED/);
    assert.ok(err.message.includes(`is the server running at http://127.0.0.1:${port}/v1?`));
    return true;
  });
});

test('cancellation mid-stream rejects with ModelCancelledError and stops the request', async () => {
  server.enqueue(reply.slow('a slow reply that takes a while to arrive', 40));
  const { chat } = client();
  const controller = new AbortController();
  const deltas: string[] = [];
  const pending = chat.complete({
    messages: hello,
    stream: true,
    signal: controller.signal,
    onDelta: (d) => {
      deltas.push(d);
      if (deltas.length === 2) controller.abort();
    },
  });
  await assert.rejects(pending, ModelCancelledError);
  assert.equal(deltas.length, 2);
});

test('cancellation while waiting to retry', async () => {
  server.enqueue(reply.rateLimited('5'));
  const { chat } = client();
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const t0 = Date.now();
  await assert.rejects(chat.complete({ messages: hello, signal: controller.signal }), ModelCancelledError);
  assert.ok(Date.now() - t0 < 4_000, 'cancelled before the 5 s Retry-After ran out');
});

test('finish_reason length marks the reply truncated', async () => {
  const text = 'Step sentence: a\nCorrectness of the step: Correct\nExplanation: fine\n';
  server.enqueue(reply.truncated(text, 30, 'length'));
  const { chat } = client();
  const result = await chat.complete({ messages: hello, stream: true });
  assert.equal(result.text, text.slice(0, 30));
  assert.equal(result.finishReason, 'length');
  assert.equal(result.truncated, true);
});

test('a stream dropped mid-way returns the text so far as interrupted, without retrying', async () => {
  const text = 'Step sentence: a\nCorrectness of the step: Correct\nExplanation: fine\n';
  const before = server.chatRequests().length;
  server.enqueue(reply.truncated(text, 36, 'drop'));
  const { chat } = client();
  const result = await chat.complete({ messages: hello, stream: true });
  assert.equal(result.text, text.slice(0, 36));
  assert.equal(result.finishReason, 'interrupted');
  assert.equal(result.truncated, true);
  assert.equal(server.chatRequests().length - before, 1);
});

test('a malformed body is a reply error', async () => {
  server.enqueue(reply.malformed());
  const { chat } = client({}, { ...fastRetries, maxRetries: 0 });
  await assert.rejects(chat.complete({ messages: hello }), ModelReplyError);
});

const rejectMaxTokens = "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";

test('reasoning models get max_completion_tokens and no temperature; others keep max_tokens', async () => {
  const own = await startModelServer({ models: ['o3-mini', 'gpt-4o'] });
  try {
    own.enqueue(reply.text('ok'), reply.text('ok'));
    for (const model of ['o3-mini', 'gpt-4o']) {
      const config = parseModelRoleConfig('critic', { baseURL: own.baseURL, model, maxTokens: 300, temperature: 0 });
      await new ChatClient(config).complete({ messages: hello });
    }
    const [reasoning, plain] = own.chatRequests().map((r) => r.body);
    assert.equal(reasoning?.max_completion_tokens, 300);
    assert.equal(reasoning?.max_tokens, undefined);
    assert.equal(reasoning?.temperature, undefined);
    assert.equal(plain?.max_tokens, 300);
    assert.equal(plain?.max_completion_tokens, undefined);
    assert.equal(plain?.temperature, 0);
  } finally {
    await own.close();
  }
});

test('a server that rejects max_tokens gets max_completion_tokens at once, and on later requests too', async () => {
  const own = await startModelServer();
  try {
    own.respondWith((request) => (request.body?.max_tokens !== undefined ? reply.status(400, { message: rejectMaxTokens }) : reply.text('fine')));
    const chat = new ChatClient(parseModelRoleConfig('critic', { baseURL: own.baseURL, model: 'my-reasoner', maxTokens: 99 }), { retry: { ...fastRetries, maxRetries: 0 } });
    const first = await chat.complete({ messages: hello });
    assert.equal(first.text, 'fine');
    await chat.complete({ messages: hello, stream: true });
    const bodies = own.chatRequests().map((r) => r.body);
    assert.deepEqual(bodies.map((b) => [b?.max_tokens, b?.max_completion_tokens]), [[99, undefined], [undefined, 99], [undefined, 99]]);
  } finally {
    await own.close();
  }
});

test('an explicit length parameter is sent as set, and a rejection of it is reported, not worked around', async () => {
  const own = await startModelServer();
  try {
    own.respondWith((request) => (request.body?.max_tokens !== undefined ? reply.status(400, { message: rejectMaxTokens }) : reply.text('fine')));
    const chat = new ChatClient(parseModelRoleConfig('critic', { baseURL: own.baseURL, model: 'm', tokenLimitParameter: 'max_tokens' }), { retry: { ...fastRetries, maxRetries: 0 } });
    await assert.rejects(chat.complete({ messages: hello }), /HTTP 400.*max_completion_tokens/);
    assert.equal(own.chatRequests().length, 1);
    const forced = new ChatClient(parseModelRoleConfig('critic', { baseURL: own.baseURL, model: 'm', tokenLimitParameter: 'max_completion_tokens', maxTokens: 5 }));
    assert.equal((await forced.complete({ messages: hello })).text, 'fine');
    assert.equal(own.chatRequests()[1].body?.max_completion_tokens, 5);
  } finally {
    await own.close();
  }
});

test('the overall deadline ends a reply that keeps streaming, keeping the text so far as truncated', async () => {
  server.enqueue(reply.slow('x'.repeat(400), 30));
  const { chat } = client({ timeoutMs: 5_000, deadlineMs: 250 });
  const result = await chat.complete({ messages: hello, stream: true });
  assert.equal(result.truncated, true);
  assert.equal(result.finishReason, 'deadline');
  assert.ok(result.text.length > 0 && result.text.length < 400, `got ${result.text.length} characters`);
});

test('the overall deadline is not retried and names its setting', async () => {
  server.enqueue(reply.hang());
  const before = server.chatRequests().length;
  const { chat } = client({ timeoutMs: 5_000, deadlineMs: 200 });
  await assert.rejects(chat.complete({ messages: hello }), (err: unknown) => {
    assert.ok(err instanceof ModelTimeoutError);
    assert.match(err.message, /within 200 ms/);
    assert.match(err.message, /MPLSANDBOX_CRITIC_DEADLINE_MS/);
    return true;
  });
  assert.equal(server.chatRequests().length - before, 1);
});

test('a config built without a deadline (as the VS Code language-model adapter builds one) has none', async () => {
  server.enqueue(reply.slow('no hurry', 20));
  const chat = new ChatClient({ baseURL: server.baseURL, model: 'test-critic', temperature: 0, maxTokens: 10, timeoutMs: 5_000 });
  assert.equal((await chat.complete({ messages: hello, stream: true })).text, 'no hurry');
});
