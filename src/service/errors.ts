// The service's error replies: one JSON shape for every refusal, naming the field and what is allowed,
// never a stack trace. Caller mistakes are 4xx; only the service's own faults are 5xx.
import type { z } from 'zod';

export interface ApiErrorBody {
  error: {
    /** Stable machine-readable reason, e.g. `invalid_request`, `queue_full`, `unauthorized`. */
    code: string;
    message: string;
    /** The offending request field as a path (`cases[2].input`, `run_timeout`), when there is one. */
    field?: string;
    /** What the field may be, when it is a closed set (e.g. the supported languages). */
    allowed?: string[];
  };
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly allowed?: string[],
    /** Extra response headers (Retry-After, WWW-Authenticate). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}), ...(this.allowed ? { allowed: this.allowed } : {}) } };
  }
}

export function invalid(field: string, message: string, allowed?: string[]): ApiError {
  return new ApiError(400, 'invalid_request', `${field}: ${message}`, field, allowed);
}

/** `a.b[2].c` from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : p ? `${p}.${String(k)}` : String(k)), '');
}

/** Parses with a zod schema; the first issue becomes a 400 naming its field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'invalid_request', 'the request body must be a JSON object (Content-Type: application/json)');
  }
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = fieldPath(issue.path) || 'request';
  const allowed = issue.code === 'invalid_value' ? issue.values.map(String) : undefined;
  throw invalid(field, issue.message, allowed);
}
