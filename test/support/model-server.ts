/**
 * A scripted OpenAI-compatible model server for tests. It listens on 127.0.0.1 (a free port) and serves
 *   POST /v1/chat/completions   streaming (SSE: `data: {chunk}` … `data: [DONE]`) and non-streaming
 *   GET  /v1/models             the configured model names
 * Each chat request takes the next reply from a queue (`enqueue`) or from a function of the request (`respondWith`);
 * with neither, it answers 500 "no scripted reply", so a test that asks more than it scripted fails visibly.
 * Every request is recorded in `requests` for assertions.
 *
 *   const server = await startModelServer();
 *   server.enqueue(reply.status(429, { retryAfter: '0' }), reply.text('Step sentence: …'));
 *   const config = { baseURL: server.baseURL, model: 'test-critic' };
 *   …
 *   await server.close();
 *
 * Replies (build them with `reply.*`): text (optionally slow: a token rate or a delay per chunk), JSON, truncated
 * (finish_reason `length`, or the connection dropped mid-stream), malformed bodies, any HTTP status with headers
 * (429 + Retry-After, 500, 401), and `hang` (never answers; for time-outs and cancellation).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TextReply {
  type: 'text';
  text: string;
  /** Default `stop`. */
  finishReason?: string;
  /** The model name reported back; default: the request's. */
  model?: string;
  /** Characters per streamed chunk (≈ one token at 4); default 4. */
  chunkChars?: number;
  /** Streaming pace: chunks (tokens) per second. Also delays a non-streamed reply by the same total time. */
  tokensPerSecond?: number;
  /** Alternative pace: a fixed delay before each chunk. */
  delayMs?: number;
}

export interface TruncatedReply {
  type: 'truncated';
  text: string;
  /** Characters sent before the cut. */
  at: number;
  /** `length`: end normally with finish_reason `length`; `drop`: destroy the connection mid-reply. */
  how: 'length' | 'drop';
  chunkChars?: number;
  delayMs?: number;
}

export interface StatusReply {
  type: 'status';
  status: number;
  message?: string;
  headers?: Record<string, string>;
}

export interface MalformedReply {
  type: 'malformed';
  /** Sent as the body (non-streaming) or as one SSE data line (streaming). */
  raw: string;
}

export interface HangReply {
  type: 'hang';
}

export type ScriptedReply = TextReply | TruncatedReply | StatusReply | MalformedReply | HangReply;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, undefined for GET or a body that is not JSON. */
  body: ChatCompletionBody | undefined;
  receivedAt: number;
}

/** The fields of a chat completion request that tests usually look at. */
export interface ChatCompletionBody {
  model?: string;
  messages?: { role: string; content: string }[];
  stream?: boolean;
  temperature?: number;
  max_tokens?: number;
  response_format?: { type: string; json_schema?: unknown };
  [key: string]: unknown;
}

/** Chooses the reply to a chat request; `index` counts chat requests from 0. */
export type Responder = (request: RecordedRequest, index: number) => ScriptedReply | Promise<ScriptedReply>;

export interface ModelServerOptions {
  /** Names listed by GET /v1/models. When given, a chat request for any other model gets a 404 (as OpenAI answers);
   * when omitted, /v1/models lists ['test-model'] and every model name is accepted. */
  models?: string[];
  replies?: ScriptedReply[];
  responder?: Responder;
}

export interface ModelServer {
  /** `http://127.0.0.1:<port>/v1`, what an OpenAI client takes as base URL. */
  baseURL: string;
  port: number;
  /** Every request received, chat and others, in arrival order. */
  requests: RecordedRequest[];
  /** Only the chat completion requests. */
  chatRequests(): RecordedRequest[];
  /** Appends replies to the queue (the queue is used before the responder). */
  enqueue(...replies: ScriptedReply[]): void;
  /** Replies for requests that find the queue empty. */
  respondWith(responder: Responder | undefined): void;
  close(): Promise<void>;
}

/** Builders for scripted replies. */
export const reply = {
  text(text: string, options: Omit<TextReply, 'type' | 'text'> = {}): TextReply {
    return { type: 'text', text, ...options };
  },
  json(value: unknown, options: Omit<TextReply, 'type' | 'text'> = {}): TextReply {
    return { type: 'text', text: JSON.stringify(value, null, 2), ...options };
  },
  slow(text: string, delayMs: number): TextReply {
    return { type: 'text', text, delayMs };
  },
  truncated(text: string, at: number, how: 'length' | 'drop' = 'length', options: Pick<TruncatedReply, 'chunkChars' | 'delayMs'> = {}): TruncatedReply {
    return { type: 'truncated', text, at, how, ...options };
  },
  status(status: number, options: { message?: string; retryAfter?: string; headers?: Record<string, string> } = {}): StatusReply {
    const headers = { ...options.headers, ...(options.retryAfter !== undefined ? { 'retry-after': options.retryAfter } : {}) };
    return { type: 'status', status, message: options.message, headers };
  },
  rateLimited(retryAfter?: string): StatusReply {
    return reply.status(429, { message: 'Rate limit reached, slow down', retryAfter });
  },
  serverError(message = 'internal server error'): StatusReply {
    return reply.status(500, { message });
  },
  unauthorized(message = 'Incorrect API key provided'): StatusReply {
    return reply.status(401, { message });
  },
  malformed(raw = '{"choices": [ this is not JSON'): MalformedReply {
    return { type: 'malformed', raw };
  },
  hang(): HangReply {
    return { type: 'hang' };
  },
};

/** Splits text the way the server streams it: `chunkChars` characters per chunk. */
export function chunkText(text: string, chunkChars = 4): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += chunkChars) chunks.push(text.slice(i, i + chunkChars));
  return chunks;
}

function wait(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

let completionCounter = 0;

function chunkPayload(model: string, id: string, delta: Record<string, string>, finishReason: string | null): string {
  const chunk = {
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

function completionPayload(model: string, text: string, finishReason: string): string {
  return JSON.stringify({
    id: `chatcmpl-test-${++completionCounter}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finishReason }],
    usage: { prompt_tokens: 0, completion_tokens: Math.ceil(text.length / 4), total_tokens: Math.ceil(text.length / 4) },
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function streamChunks(
  res: ServerResponse,
  model: string,
  chunks: string[],
  pauseMs: number,
  finishReason: string | null,
): Promise<void> {
  const id = `chatcmpl-test-${++completionCounter}`;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.write(chunkPayload(model, id, { role: 'assistant', content: '' }, null));
  for (const chunk of chunks) {
    await wait(pauseMs);
    if (res.destroyed) return; // The client gave up (cancelled or timed out): stop quietly.
    res.write(chunkPayload(model, id, { content: chunk }, null));
  }
  if (finishReason === null) return;
  res.write(chunkPayload(model, id, {}, finishReason));
  res.end('data: [DONE]\n\n');
}

async function answer(res: ServerResponse, scripted: ScriptedReply, body: ChatCompletionBody | undefined): Promise<void> {
  const model = (scripted.type === 'text' && scripted.model) || body?.model || 'test-model';
  const streaming = body?.stream === true;
  switch (scripted.type) {
    case 'status': {
      const type = scripted.status === 401 ? 'invalid_request_error' : scripted.status === 429 ? 'rate_limit_exceeded' : 'server_error';
      sendJson(res, scripted.status, { error: { message: scripted.message ?? `HTTP ${scripted.status}`, type, code: null } }, scripted.headers);
      return;
    }
    case 'malformed':
      if (streaming) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`data: ${scripted.raw}\n\ndata: [DONE]\n\n`);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(scripted.raw);
      }
      return;
    case 'hang':
      return; // Never answer; the socket is destroyed when the client aborts or the server closes.
    case 'text': {
      const chunks = chunkText(scripted.text, scripted.chunkChars);
      const pauseMs = scripted.delayMs ?? (scripted.tokensPerSecond ? 1000 / scripted.tokensPerSecond : 0);
      const finishReason = scripted.finishReason ?? 'stop';
      if (streaming) return streamChunks(res, model, chunks, pauseMs, finishReason);
      await wait(pauseMs * chunks.length);
      if (!res.destroyed) sendJson(res, 200, JSON.parse(completionPayload(model, scripted.text, finishReason)));
      return;
    }
    case 'truncated': {
      const sent = scripted.text.slice(0, scripted.at);
      const chunks = chunkText(sent, scripted.chunkChars);
      if (scripted.how === 'length') {
        if (streaming) return streamChunks(res, model, chunks, scripted.delayMs ?? 0, 'length');
        sendJson(res, 200, JSON.parse(completionPayload(model, sent, 'length')));
        return;
      }
      if (streaming) {
        await streamChunks(res, model, chunks, scripted.delayMs ?? 0, null);
      } else {
        const full = completionPayload(model, scripted.text, 'stop');
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(full)) });
        res.write(full.slice(0, Math.floor(full.length / 2)));
      }
      await wait(5);
      res.socket?.destroy();
      return;
    }
  }
}

export async function startModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
  const models = options.models ?? ['test-model'];
  const checkModel = options.models !== undefined;
  const queue: ScriptedReply[] = [...(options.replies ?? [])];
  let responder = options.responder;
  const requests: RecordedRequest[] = [];
  let chatIndex = 0;

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      let body: ChatCompletionBody | undefined;
      try {
        body = raw ? (JSON.parse(raw) as ChatCompletionBody) : undefined;
      } catch {
        body = undefined;
      }
      const path = (req.url ?? '/').split('?')[0];
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: { ...req.headers }, body, receivedAt: Date.now() };
      requests.push(recorded);
      if (req.method === 'GET' && path === '/v1/models') {
        sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'test' })) });
        return;
      }
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'not_found' } });
        return;
      }
      if (checkModel && body?.model && !models.includes(body.model)) {
        sendJson(res, 404, { error: { message: `The model '${body.model}' does not exist`, type: 'invalid_request_error', code: 'model_not_found' } });
        return;
      }
      const index = chatIndex++;
      const scripted = queue.shift() ?? (responder ? await responder(recorded, index) : reply.status(500, { message: 'no scripted reply left' }));
      await answer(res, scripted, body);
    })().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `test server: ${String(err)}` } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path === '/v1/chat/completions'),
    enqueue: (...replies) => void queue.push(...replies),
    respondWith: (next) => {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
