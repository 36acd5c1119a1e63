// Turns whatever the openai SDK (or fetch underneath it) threw into a ModelError that says what to do next.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ModelRole, ModelRoleConfig } from './config';
import {
  ModelAuthError,
  ModelCancelledError,
  ModelError,
  ModelNotFoundError,
  ModelRateLimitError,
  ModelReplyError,
  ModelRequestError,
  ModelServerError,
  ModelTimeoutError,
  ModelUnreachableError,
} from './errors';
import { parseRetryAfter } from './retry';

export interface ErrorContext {
  config: ModelRoleConfig;
  role: ModelRole;
  /** Why our own abort fired, if it did: the caller cancelled, or no data arrived within `timeoutMs`. */
  abortedBy?: 'caller' | 'timeout' | 'deadline';
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'EPIPE']);

function causeCode(err: unknown): string | undefined {
  for (let cur: unknown = err, depth = 0; cur && depth < 6; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return code;
    const errors = (cur as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      const inner = errors.map(causeCode).find(Boolean);
      if (inner) return inner;
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

function serverMessage(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  const text = typeof body?.message === 'string' ? body.message : '';
  return text ? `: ${text.slice(0, 200)}` : '';
}

export function classifyModelError(err: unknown, ctx: ErrorContext): ModelError {
  if (err instanceof ModelError) return err;
  const { config, role } = ctx;
  const where = config.baseURL;
  const envPrefix = `MPLSANDBOX_${role.toUpperCase()}_`;
  if (ctx.abortedBy === 'caller') return new ModelCancelledError(`${role} request to ${where} cancelled`, err);
  if (ctx.abortedBy === 'deadline') {
    return new ModelTimeoutError(
      `${role} model '${config.model}' at ${where} did not finish its reply within ${config.deadlineMs} ms; raise ${envPrefix}DEADLINE_MS for long replies (reasoning models) or lower the max tokens`,
      err,
    );
  }
  if (ctx.abortedBy === 'timeout' || err instanceof APIConnectionTimeoutError) {
    return new ModelTimeoutError(
      `${role} model '${config.model}' at ${where} sent nothing for ${config.timeoutMs} ms; raise ${envPrefix}TIMEOUT_MS if the model is slow to start`,
      err,
    );
  }
  if (err instanceof APIUserAbortError) return new ModelCancelledError(`${role} request to ${where} cancelled`, err);
  if (err instanceof APIError && typeof err.status === 'number') {
    const status = err.status;
    if (status === 401 || status === 403) {
      const problem = config.apiKey ? 'rejected the API key' : 'needs an API key and none was set';
      return new ModelAuthError(
        `${role} endpoint ${where} ${problem} (HTTP ${status})${serverMessage(err)}. Set ${envPrefix}API_KEY (or OPENAI_API_KEY) to a valid key`,
        status,
        err,
      );
    }
    if (status === 404) {
      return new ModelNotFoundError(
        `${role} endpoint ${where} answered 404 for model '${config.model}'${serverMessage(err)}. Check the model name (${envPrefix}MODEL; GET ${where.replace(/\/$/, '')}/models lists what the server has) and that the base URL (${envPrefix}BASE_URL) ends in /v1`,
        err,
      );
    }
    const retryAfterMs = parseRetryAfter(err.headers);
    if (status === 429) {
      return new ModelRateLimitError(`${role} endpoint ${where} is rate limiting requests (HTTP 429)${serverMessage(err)}`, retryAfterMs, err);
    }
    if (status >= 500) {
      return new ModelServerError(`${role} endpoint ${where} failed with HTTP ${status}${serverMessage(err)}`, status, retryAfterMs, err);
    }
    return new ModelRequestError(`${role} endpoint ${where} rejected the request (HTTP ${status})${serverMessage(err)}`, status, err);
  }
  const code = causeCode(err);
  if (err instanceof APIConnectionError || code) {
    return new ModelUnreachableError(
      `cannot reach the ${role} endpoint${code ? ` (${code})` : ''}: is the server running at ${where}?`,
      err,
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ModelReplyError(`${role} endpoint ${where} sent a reply that could not be read: ${message}`, err);
}
