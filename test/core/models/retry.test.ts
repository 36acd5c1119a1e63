import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRetryPolicy, parseRetryAfter, retryDelayMs, sleep } from '../../../src/core/models/retry';
import { ModelCancelledError } from '../../../src/core/models/errors';

const headers = (entries: Record<string, string>) => new Headers(entries);

test('Retry-After in seconds, as an HTTP date, and retry-after-ms', () => {
  assert.equal(parseRetryAfter(headers({ 'retry-after': '2' })), 2000);
  assert.equal(parseRetryAfter(headers({ 'retry-after': '0.5' })), 500);
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now), 3000);
  assert.equal(parseRetryAfter(headers({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }), now), 0);
  assert.equal(parseRetryAfter(headers({ 'retry-after-ms': '120', 'retry-after': '9' })), 120);
  assert.equal(parseRetryAfter(headers({ 'retry-after': 'soon' })), undefined);
  assert.equal(parseRetryAfter(headers({})), undefined);
});

test('backoff grows exponentially under full jitter and is capped', () => {
  const top = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 };
  assert.deepEqual([0, 1, 2, 3, 4].map((r) => retryDelayMs(r, top)), [99, 199, 399, 799, 999]);
  const bottom = { ...top, random: () => 0 };
  assert.equal(retryDelayMs(3, bottom), 0);
});

test('the server’s Retry-After wins over backoff, up to the cap', () => {
  const policy = { ...defaultRetryPolicy, maxRetryAfterMs: 5000 };
  assert.equal(retryDelayMs(0, policy, 1200), 1200);
  assert.equal(retryDelayMs(0, policy, 60_000), 5000);
});

test('sleep is cancellable', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 10);
  const t0 = Date.now();
  await assert.rejects(sleep(10_000, controller.signal), ModelCancelledError);
  assert.ok(Date.now() - t0 < 5_000, 'cancelled well before the 10 s sleep would end');
});
