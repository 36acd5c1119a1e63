// Endpoint settings for the two model roles (critic judges solutions, actor writes them), validated with zod.
import { z } from 'zod';
import { ModelConfigError } from './errors';

export type ModelRole = 'critic' | 'actor';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const modelRoleConfigSchema = z.object({
  /** OpenAI-compatible base URL, including the `/v1` prefix, e.g. `http://127.0.0.1:11434/v1`. */
  baseURL: z.string().refine(isHttpUrl, { message: 'must be an http(s) URL such as http://127.0.0.1:8000/v1' }),
  model: z.string().trim().min(1, { message: 'must name a model' }),
  /** Optional: local servers (Ollama, vLLM, LM Studio, llama.cpp) need none. */
  apiKey: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).default(0),
  maxTokens: z.number().int().positive().default(2048),
  /** Without any data from the server for this long, an attempt fails (streaming: between chunks; otherwise: whole reply). */
  timeoutMs: z.number().int().positive().default(120_000),
  /** The whole request (all attempts and retries) must end within this long, however steadily the model streams. */
  deadlineMs: z.number().int().positive().default(600_000),
  /**
   * How the reply length limit is sent: OpenAI's reasoning models (o1, o3, o4-mini, gpt-5) take
   * `max_completion_tokens` and reject `max_tokens`; most other servers only know `max_tokens`. `auto`
   * picks by model name and switches once if the server rejects the one it sent.
   */
  tokenLimitParameter: z.enum(['auto', 'max_tokens', 'max_completion_tokens']).default('auto'),
});

type ParsedRoleConfig = z.output<typeof modelRoleConfigSchema>;
/** Settings of one role; the deadline and the length parameter are optional for callers that build one by hand. */
export type ModelRoleConfig = Omit<ParsedRoleConfig, 'deadlineMs' | 'tokenLimitParameter'> & Partial<Pick<ParsedRoleConfig, 'deadlineMs' | 'tokenLimitParameter'>>;
export type ModelRoleConfigInput = z.input<typeof modelRoleConfigSchema>;

export interface ModelRoles {
  critic?: ModelRoleConfig;
  actor?: ModelRoleConfig;
}

/** Settings given on a command line; each wins over the environment. */
export interface ModelRoleOverrides {
  baseURL?: string;
  model?: string;
  apiKey?: string;
  temperature?: number;
  maxTokens?: number;
  timeoutMs?: number;
  deadlineMs?: number;
  tokenLimitParameter?: 'auto' | 'max_tokens' | 'max_completion_tokens';
}

export function parseModelRoleConfig(role: ModelRole, input: ModelRoleConfigInput): ModelRoleConfig {
  const result = modelRoleConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'config'} ${issue.message}`);
  throw new ModelConfigError(`invalid ${role} model settings: ${problems.join('; ')}`);
}

function envNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new ModelConfigError(`${name} must be a number, got '${raw}'`);
  return value;
}

function tokenLimitParameter(env: NodeJS.ProcessEnv, name: string): ModelRoleOverrides['tokenLimitParameter'] {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (raw === 'auto' || raw === 'max_tokens' || raw === 'max_completion_tokens') return raw;
  throw new ModelConfigError(`${name} must be auto, max_tokens or max_completion_tokens, got '${raw}'`);
}

function roleFromEnv(env: NodeJS.ProcessEnv, role: ModelRole): ModelRoleOverrides {
  const prefix = `MPLSANDBOX_${role.toUpperCase()}_`;
  return {
    baseURL: env[`${prefix}BASE_URL`] || undefined,
    model: env[`${prefix}MODEL`] || undefined,
    apiKey: env[`${prefix}API_KEY`] || undefined,
    temperature: envNumber(env, `${prefix}TEMPERATURE`),
    maxTokens: envNumber(env, `${prefix}MAX_TOKENS`),
    timeoutMs: envNumber(env, `${prefix}TIMEOUT_MS`),
    deadlineMs: envNumber(env, `${prefix}DEADLINE_MS`),
    tokenLimitParameter: tokenLimitParameter(env, `${prefix}TOKEN_LIMIT_PARAMETER`),
  };
}

function merge(...layers: ModelRoleOverrides[]): ModelRoleOverrides {
  const out: ModelRoleOverrides = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer) as [keyof ModelRoleOverrides, never][]) {
      if (value !== undefined) out[key] = value;
    }
  }
  return out;
}

function finish(role: ModelRole, settings: ModelRoleOverrides): ModelRoleConfig | undefined {
  if (!settings.baseURL && !settings.model) return undefined;
  const envPrefix = `MPLSANDBOX_${role.toUpperCase()}_`;
  if (!settings.baseURL) {
    throw new ModelConfigError(`${role} model '${settings.model}' has no endpoint: set ${envPrefix}BASE_URL or --${role}-base-url`);
  }
  if (!settings.model) {
    throw new ModelConfigError(`${role} endpoint ${settings.baseURL} has no model: set ${envPrefix}MODEL or --${role}-model`);
  }
  return parseModelRoleConfig(role, settings as ModelRoleConfigInput);
}

/**
 * The critic and actor settings from the environment (`MPLSANDBOX_{CRITIC,ACTOR}_{BASE_URL,MODEL,API_KEY,...}`,
 * `OPENAI_API_KEY` as the last-resort key) with `overrides` on top. The actor falls back to the critic's endpoint
 * and model, so one server can play both roles. A role with neither URL nor model is left undefined (no model).
 */
export function resolveModelRoles(
  env: NodeJS.ProcessEnv,
  overrides: { critic?: ModelRoleOverrides; actor?: ModelRoleOverrides } = {},
): ModelRoles {
  const critic = merge(roleFromEnv(env, 'critic'), overrides.critic ?? {});
  const actorOwn = merge(roleFromEnv(env, 'actor'), overrides.actor ?? {});
  const sameEndpoint = !actorOwn.baseURL || actorOwn.baseURL === critic.baseURL;
  // The critic's key only follows its endpoint: never send it to a different server.
  const actor = merge(
    {
      baseURL: critic.baseURL,
      model: critic.model,
      temperature: critic.temperature,
      maxTokens: critic.maxTokens,
      timeoutMs: critic.timeoutMs,
      deadlineMs: critic.deadlineMs,
      tokenLimitParameter: critic.tokenLimitParameter,
    },
    sameEndpoint ? { apiKey: critic.apiKey } : {},
    actorOwn,
  );
  const fallbackKey = env.OPENAI_API_KEY || undefined;
  if (!critic.apiKey) critic.apiKey = fallbackKey;
  if (!actor.apiKey) actor.apiKey = fallbackKey;
  return { critic: finish('critic', critic), actor: finish('actor', actor) };
}

/** A description for messages and reports; never includes the key. */
export function describeModel(config: ModelRoleConfig): string {
  return `${config.model} at ${config.baseURL}`;
}
