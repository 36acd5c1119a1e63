import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ChatClient } from '../../../src/core/models/chat-client';
import { parseModelRoleConfig } from '../../../src/core/models/config';
import { extractJson, parseJsonReply } from '../../../src/core/models/json-reply';
import { completeAsJson } from '../../../src/core/models/response-format';
import { reply, startModelServer, type ModelServer } from '../../support/model-server';

let server: ModelServer;
before(async () => {
  server = await startModelServer();
});
after(() => server.close());

const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };

test('json_schema refused with 400: steps down to json_object and remembers it', async () => {
  server.respondWith((request) =>
    request.body?.response_format?.type === 'json_schema' ? reply.status(400, { message: "response_format 'json_schema' not supported" }) : reply.json({ ok: true }),
  );
  const chat = new ChatClient(parseModelRoleConfig('critic', { baseURL: server.baseURL, model: 'm' }));
  const first = await completeAsJson(chat, { messages: [{ role: 'user', content: 'x' }] }, 'probe', schema);
  assert.equal(first.jsonMode, 'json_object');
  assert.deepEqual(JSON.parse(first.text), { ok: true });
  const formats = server.chatRequests().map((r) => r.body?.response_format?.type);
  assert.deepEqual(formats, ['json_schema', 'json_object']);
  const second = await completeAsJson(chat, { messages: [{ role: 'user', content: 'x' }] }, 'probe', schema);
  assert.equal(second.jsonMode, 'json_object');
  assert.equal(server.chatRequests().length, 3, 'json_schema is not asked for again');
  server.respondWith(undefined);
});

test('a server refusing both formats gets the plain prompt', async () => {
  server.respondWith((request) => (request.body?.response_format ? reply.status(422, { message: 'unknown field' }) : reply.text('{"ok": false}')));
  const chat = new ChatClient(parseModelRoleConfig('critic', { baseURL: server.baseURL, model: 'm' }));
  const result = await completeAsJson(chat, { messages: [{ role: 'user', content: 'x' }] }, 'probe', schema);
  assert.equal(result.jsonMode, 'prompt');
  server.respondWith(undefined);
});

test('JSON from bare text, a fence, or prose; validated with zod', () => {
  assert.deepEqual(extractJson('{"a": 1}'), { a: 1 });
  assert.deepEqual(extractJson('Here it is:\n```json\n{"a": 2}\n```\nDone.'), { a: 2 });
  assert.deepEqual(extractJson('Sure! {"a": 3} hope this helps'), { a: 3 });
  assert.equal(extractJson('no json here'), undefined);
  const shape = z.object({ a: z.number() });
  assert.deepEqual(parseJsonReply('{"a": 4}', shape), { ok: true, value: { a: 4 } });
  const bad = parseJsonReply('{"a": "four"}', shape);
  assert.equal(bad.ok, false);
  assert.equal(parseJsonReply('nothing', shape).ok, false);
});
