import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeModel, resolveModelRoles } from '../../../src/core/models/config';
import { ModelConfigError } from '../../../src/core/models/errors';

test('no settings: no model for either role', () => {
  assert.deepEqual(resolveModelRoles({}), { critic: undefined, actor: undefined });
});

test('critic from the environment; the actor falls back to its endpoint, model and key', () => {
  const roles = resolveModelRoles({
    MPLSANDBOX_CRITIC_BASE_URL: 'http://127.0.0.1:11434/v1',
    MPLSANDBOX_CRITIC_MODEL: 'qwen2.5-math',
    MPLSANDBOX_CRITIC_API_KEY: 'k1',
    MPLSANDBOX_CRITIC_TIMEOUT_MS: '5000',
  });
  assert.equal(roles.critic?.baseURL, 'http://127.0.0.1:11434/v1');
  assert.equal(roles.critic?.model, 'qwen2.5-math');
  assert.equal(roles.critic?.apiKey, 'k1');
  assert.equal(roles.critic?.timeoutMs, 5000);
  assert.equal(roles.critic?.temperature, 0);
  assert.deepEqual(roles.actor, roles.critic);
});

test('flags override the environment; a separate actor endpoint does not get the critic key', () => {
  const roles = resolveModelRoles(
    { MPLSANDBOX_CRITIC_BASE_URL: 'http://127.0.0.1:1/v1', MPLSANDBOX_CRITIC_MODEL: 'a', MPLSANDBOX_CRITIC_API_KEY: 'critic-key', OPENAI_API_KEY: 'fallback' },
    { critic: { model: 'b' }, actor: { baseURL: 'http://127.0.0.1:2/v1', model: 'c' } },
  );
  assert.equal(roles.critic?.model, 'b');
  assert.equal(roles.actor?.baseURL, 'http://127.0.0.1:2/v1');
  assert.equal(roles.actor?.model, 'c');
  assert.equal(roles.actor?.apiKey, 'fallback');
});

test('OPENAI_API_KEY is the fallback key', () => {
  const roles = resolveModelRoles({ OPENAI_API_KEY: 'sk-x', MPLSANDBOX_CRITIC_BASE_URL: 'https://api.openai.com/v1', MPLSANDBOX_CRITIC_MODEL: 'gpt-4o-mini' });
  assert.equal(roles.critic?.apiKey, 'sk-x');
});

test('half a configuration is an error that names the missing setting', () => {
  assert.throws(() => resolveModelRoles({ MPLSANDBOX_CRITIC_BASE_URL: 'http://127.0.0.1:1/v1' }), (err: unknown) => {
    assert.ok(err instanceof ModelConfigError);
    assert.match(err.message, /MPLSANDBOX_CRITIC_MODEL/);
    return true;
  });
  assert.throws(() => resolveModelRoles({ MPLSANDBOX_ACTOR_MODEL: 'x' }), /MPLSANDBOX_ACTOR_BASE_URL/);
  assert.throws(() => resolveModelRoles({ MPLSANDBOX_CRITIC_BASE_URL: 'ftp://x', MPLSANDBOX_CRITIC_MODEL: 'm' }), /http\(s\) URL/);
  assert.throws(() => resolveModelRoles({ MPLSANDBOX_CRITIC_BASE_URL: 'http://x/v1', MPLSANDBOX_CRITIC_MODEL: 'm', MPLSANDBOX_CRITIC_TEMPERATURE: 'hot' }), /must be a number/);
});

test('descriptions never include the key', () => {
  const roles = resolveModelRoles({ MPLSANDBOX_CRITIC_BASE_URL: 'http://127.0.0.1:1/v1', MPLSANDBOX_CRITIC_MODEL: 'm', MPLSANDBOX_CRITIC_API_KEY: 'secret' });
  assert.equal(describeModel(roles.critic!), 'm at http://127.0.0.1:1/v1');
});

test('deadline and reply-length parameter from the environment, shared by the actor; a bad value names the variable', () => {
  const roles = resolveModelRoles({
    MPLSANDBOX_CRITIC_BASE_URL: 'http://127.0.0.1:1/v1',
    MPLSANDBOX_CRITIC_MODEL: 'o3-mini',
    MPLSANDBOX_CRITIC_DEADLINE_MS: '900000',
    MPLSANDBOX_CRITIC_TOKEN_LIMIT_PARAMETER: 'max_completion_tokens',
  });
  assert.equal(roles.critic?.deadlineMs, 900_000);
  assert.equal(roles.critic?.tokenLimitParameter, 'max_completion_tokens');
  assert.equal(roles.actor?.deadlineMs, 900_000);
  assert.equal(resolveModelRoles({ MPLSANDBOX_CRITIC_BASE_URL: 'http://127.0.0.1:1/v1', MPLSANDBOX_CRITIC_MODEL: 'm' }).critic?.tokenLimitParameter, 'auto');
  assert.throws(
    () => resolveModelRoles({ MPLSANDBOX_CRITIC_BASE_URL: 'http://127.0.0.1:1/v1', MPLSANDBOX_CRITIC_MODEL: 'm', MPLSANDBOX_CRITIC_TOKEN_LIMIT_PARAMETER: 'tokens' }),
    (err: unknown) => err instanceof ModelConfigError && /MPLSANDBOX_CRITIC_TOKEN_LIMIT_PARAMETER/.test(err.message),
  );
});
