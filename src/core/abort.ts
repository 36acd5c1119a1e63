// Cancellation, one way everywhere: a cancelled operation rejects with a DOMException named 'AbortError'
// (the web platform's convention, which fetch, dockerode and the openai client follow too), and callers
// tell a cancellation from a failure with isAbortError — never by comparing names themselves.

/**
 * The error a cancelled operation rejects with: the signal's own reason when it is an AbortError, else an
 * AbortError carrying the reason's message (a TimeoutError of AbortSignal.timeout() included).
 */
export function abortError(signal?: AbortSignal, message = 'the run was cancelled'): Error {
  const reason: unknown = signal?.reason;
  if (isAbortError(reason)) return reason;
  const why = typeof reason === 'string' ? reason : reason instanceof Error ? reason.message : message;
  return new DOMException(why || message, 'AbortError');
}

/** Whether `err` says the operation was cancelled (ours, fetch's, dockerode's or the openai client's). */
export function isAbortError(err: unknown): err is Error {
  return err instanceof Error && err.name === 'AbortError';
}

/** Throws the AbortError of `signal` when it has aborted. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}
