// What can go wrong talking to a model endpoint, as error classes whose messages say what to do about it.
import { MplSandboxError } from '../errors';

export type ModelErrorKind =
  | 'config'
  | 'auth'
  | 'not-found'
  | 'rate-limit'
  | 'server'
  | 'timeout'
  | 'unreachable'
  | 'cancelled'
  | 'request'
  | 'reply';

export class ModelError extends MplSandboxError {
  readonly kind: ModelErrorKind;
  /** HTTP status when the server answered. */
  readonly status?: number;
  /** Worth another attempt (429, 5xx, connection failures, timeouts). */
  readonly retryable: boolean;

  constructor(kind: ModelErrorKind, message: string, options: { status?: number; retryable?: boolean; cause?: unknown } = {}) {
    super(`model-${kind}`, message, { cause: options.cause });
    this.kind = kind;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
  }
}

/** Settings missing or malformed (no model name, bad URL). */
export class ModelConfigError extends ModelError {
  constructor(message: string) {
    super('config', message);
  }
}

/** 401/403: the key is missing, wrong or lacks access. */
export class ModelAuthError extends ModelError {
  constructor(message: string, status: number, cause?: unknown) {
    super('auth', message, { status, cause });
  }
}

/** 404: the model name or the base URL is wrong. */
export class ModelNotFoundError extends ModelError {
  constructor(message: string, cause?: unknown) {
    super('not-found', message, { status: 404, cause });
  }
}

export class ModelRateLimitError extends ModelError {
  /** What the server asked us to wait, in ms, when it said. */
  readonly retryAfterMs?: number;
  constructor(message: string, retryAfterMs: number | undefined, cause?: unknown) {
    super('rate-limit', message, { status: 429, retryable: true, cause });
    this.retryAfterMs = retryAfterMs;
  }
}

export class ModelServerError extends ModelError {
  readonly retryAfterMs?: number;
  constructor(message: string, status: number, retryAfterMs?: number, cause?: unknown) {
    super('server', message, { status, retryable: true, cause });
    this.retryAfterMs = retryAfterMs;
  }
}

export class ModelTimeoutError extends ModelError {
  constructor(message: string, cause?: unknown) {
    super('timeout', message, { retryable: true, cause });
  }
}

/** No connection at all (refused, DNS failure, reset before any reply). */
export class ModelUnreachableError extends ModelError {
  constructor(message: string, cause?: unknown) {
    super('unreachable', message, { retryable: true, cause });
  }
}

export class ModelCancelledError extends ModelError {
  constructor(message = 'model request cancelled', cause?: unknown) {
    super('cancelled', message, { cause });
  }
}

/** Other 4xx: the server rejected the request itself (e.g. an unsupported `response_format`). */
export class ModelRequestError extends ModelError {
  constructor(message: string, status: number, cause?: unknown) {
    super('request', message, { status, cause });
  }
}

/** The server answered 200 but the reply cannot be used (not JSON where JSON was required, empty). */
export class ModelReplyError extends ModelError {
  constructor(message: string, cause?: unknown) {
    super('reply', message, { cause });
  }
}

/** Errors that mean "the endpoint could not do its job" rather than "you asked for something wrong". */
export function isEndpointFailure(err: unknown): err is ModelError {
  return err instanceof ModelError && err.kind !== 'config' && err.kind !== 'cancelled';
}
