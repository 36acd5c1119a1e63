// The failures of the core that callers tell apart, each with a typed `code`. Front ends sort errors with
// `errorCode(err)`, never by comparing `name` strings (which a class may forget to set) and not with
// `instanceof` across bundles either: the extension loads the core as a separate bundle (dist/sandbox-core.js),
// whose classes are not the extension bundle's, while a `code` survives any bundling. Every class sets `name`
// to its own (for logs) through the base class.

export const ERROR_CODES = [
  'docker-unavailable',
  'image-missing',
  'image-build-failed',
  'unknown-language',
  'language-unidentified',
  'invalid-limits',
  'cases-format',
  'project-limit',
  'project-path',
  'libraries',
  'dependency-build-refused',
  'dependency-install',
  'mpl-request',
  'sandbox-container',
  'build-failed',
  'tool-output',
  'no-code-in-reply',
  'no-model',
  'model-config',
  'model-auth',
  'model-not-found',
  'model-rate-limit',
  'model-server',
  'model-timeout',
  'model-unreachable',
  'model-cancelled',
  'model-request',
  'model-reply',
  'test-mode',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

/** The base of the core's errors: a message that says what happened and what to do, and a typed code. */
export class MplSandboxError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}

/** The code of one of the core's errors (from whichever bundle it came), or undefined for any other value. */
export function errorCode(err: unknown): ErrorCode | undefined {
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && KNOWN.has(code) ? (code as ErrorCode) : undefined;
}
