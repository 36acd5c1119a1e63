// One OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, LM Studio, llama.cpp) behind `complete()`:
// streaming or not, cancellable, an idle timeout and an overall deadline, bounded retries for transient
// failures, and the reply-length parameter each kind of model takes.
import OpenAI from 'openai';
import type { ModelRole, ModelRoleConfig } from './config';
import { classifyModelError } from './classify-error';
import { ModelCancelledError, ModelError, ModelRateLimitError, ModelServerError } from './errors';
import { defaultRetryPolicy, retryDelayMs, sleep, type RetryPolicy } from './retry';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean } };

export interface ChatRequest {
  messages: ChatMessage[];
  /** Stream the reply (SSE); `onDelta` then sees it as it arrives. */
  stream?: boolean;
  onDelta?: (delta: string, textSoFar: string) => void;
  signal?: AbortSignal;
  responseFormat?: ResponseFormat;
  /** Overrides of the role's settings for this request (e.g. sampling at a higher temperature). */
  temperature?: number;
  maxTokens?: number;
}

export interface ChatResult {
  text: string;
  /**
   * The server's finish reason (`stop`, `length`, …); `interrupted` when the stream broke off after some text,
   * `deadline` when the overall deadline cut it.
   */
  finishReason: string;
  /** The reply is incomplete: cut at max tokens or by a broken stream. */
  truncated: boolean;
  /** The model name the server reported, else the configured one. */
  model: string;
  /** Attempts made, 1 when the first one succeeded. */
  attempts: number;
}

export interface RetryNotice {
  retry: number;
  delayMs: number;
  error: ModelError;
}

export interface ChatClientOptions {
  role?: ModelRole;
  retry?: Partial<RetryPolicy>;
  onRetry?: (notice: RetryNotice) => void;
}

// Local servers ignore the key but the SDK insists on one; this is never a real credential.
const PLACEHOLDER_KEY = 'no-key-needed';
// Our own idle timer governs time-outs; the SDK's would also cut long, healthy streams.
const SDK_TIMEOUT_MS = 24 * 60 * 60 * 1000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** OpenAI's reasoning models: `max_completion_tokens` instead of `max_tokens`, and only the default temperature. */
const REASONING_MODEL = /^(?:[\w.-]+\/)?(?:o\d(?:-|$)|gpt-5)/i;

type TokenLimitParameter = 'max_tokens' | 'max_completion_tokens';

/** What a 400 says the server wants instead: the other length parameter, or no temperature. */
function rejectedParameter(error: ModelError): 'max_tokens' | 'temperature' | undefined {
  if (error.kind !== 'request' || error.status !== 400) return undefined;
  if (/max_tokens/.test(error.message) && /max_completion_tokens/.test(error.message)) return 'max_tokens';
  if (/temperature/i.test(error.message) && /unsupported|not support|only the default/i.test(error.message)) return 'temperature';
  return undefined;
}

interface AttemptOutcome {
  result?: ChatResult;
  error?: ModelError;
  /** Text already passed to `onDelta`: such an attempt cannot be retried without showing text twice. */
  emitted: boolean;
}

export class ChatClient {
  readonly config: ModelRoleConfig;
  readonly role: ModelRole;
  private readonly sdk: OpenAI;
  private readonly policy: RetryPolicy;
  private readonly onRetry?: (notice: RetryNotice) => void;
  /** Learnt from the server when `tokenLimitParameter` is `auto`, kept for later requests. */
  private tokenLimitParameter: TokenLimitParameter;
  private sendTemperature: boolean;

  constructor(config: ModelRoleConfig, options: ChatClientOptions = {}) {
    this.config = config;
    const reasoning = REASONING_MODEL.test(config.model);
    const configured = config.tokenLimitParameter ?? 'auto';
    this.tokenLimitParameter = configured === 'auto' ? (reasoning ? 'max_completion_tokens' : 'max_tokens') : configured;
    this.sendTemperature = !(configured !== 'max_tokens' && reasoning);
    this.role = options.role ?? 'critic';
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.onRetry = options.onRetry;
    this.sdk = new OpenAI({
      baseURL: config.baseURL,
      apiKey: config.apiKey ?? PLACEHOLDER_KEY,
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: SDK_TIMEOUT_MS,
    });
  }

  async complete(request: ChatRequest): Promise<ChatResult> {
    const deadlineAt = this.config.deadlineMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + this.config.deadlineMs;
    let adapted = false;
    for (let retry = 0, attempts = 1; ; attempts++) {
      const outcome = await this.attempt(request, attempts, deadlineAt);
      if (outcome.result) return outcome.result;
      const error = outcome.error as ModelError;
      // A server that names the parameter it wants gets it at once, one time, and from then on.
      const rejected = rejectedParameter(error);
      if (rejected && !adapted && !outcome.emitted && (this.config.tokenLimitParameter ?? 'auto') === 'auto') {
        adapted = true;
        if (rejected === 'max_tokens') this.tokenLimitParameter = this.tokenLimitParameter === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
        else this.sendTemperature = false;
        continue;
      }
      if (!error.retryable || outcome.emitted || retry >= this.policy.maxRetries || Date.now() >= deadlineAt) throw error;
      const retryAfter = error instanceof ModelRateLimitError || error instanceof ModelServerError ? error.retryAfterMs : undefined;
      const delayMs = retryDelayMs(retry++, this.policy, retryAfter);
      if (Date.now() + delayMs >= deadlineAt) throw error;
      this.onRetry?.({ retry: retry + 1, delayMs, error });
      await sleep(delayMs, request.signal).catch((cause: unknown) => {
        throw new ModelCancelledError(`${this.role} request to ${this.config.baseURL} cancelled`, cause);
      });
    }
  }

  private async attempt(request: ChatRequest, attempts: number, deadlineAt: number): Promise<AttemptOutcome> {
    const controller = new AbortController();
    let abortedBy: 'caller' | 'timeout' | 'deadline' | undefined;
    const onCallerAbort = () => {
      abortedBy ??= 'caller';
      controller.abort(request.signal?.reason);
    };
    if (request.signal?.aborted) onCallerAbort();
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const rearm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        abortedBy ??= 'timeout';
        controller.abort(new Error('idle timeout'));
      }, this.config.timeoutMs);
    };
    rearm();
    // setTimeout takes at most 2^31 − 1 ms (a longer delay fires at once): no deadline means no timer.
    const deadline = Number.isFinite(deadlineAt)
      ? setTimeout(() => {
          abortedBy ??= 'deadline';
          controller.abort(new Error('deadline'));
        }, Math.min(MAX_TIMER_MS, Math.max(0, deadlineAt - Date.now())))
      : undefined;
    let text = '';
    let emitted = false;
    try {
      const body = {
        model: this.config.model,
        messages: request.messages,
        ...(this.sendTemperature ? { temperature: request.temperature ?? this.config.temperature } : {}),
        [this.tokenLimitParameter]: request.maxTokens ?? this.config.maxTokens,
        ...(request.responseFormat && request.responseFormat.type !== 'text' ? { response_format: request.responseFormat } : {}),
      };
      if (!request.stream) {
        const completion = await this.sdk.chat.completions.create({ ...body, stream: false }, { signal: controller.signal });
        const choice = completion.choices?.[0];
        const finishReason = choice?.finish_reason ?? 'unknown';
        return {
          emitted,
          result: {
            text: choice?.message?.content ?? '',
            finishReason,
            truncated: finishReason === 'length',
            model: completion.model || this.config.model,
            attempts,
          },
        };
      }
      const stream = await this.sdk.chat.completions.create({ ...body, stream: true }, { signal: controller.signal });
      let finishReason = 'unknown';
      let model = this.config.model;
      for await (const chunk of stream) {
        rearm();
        if (chunk.model) model = chunk.model;
        const choice = chunk.choices?.[0];
        const delta = choice?.delta?.content;
        if (delta) {
          text += delta;
          emitted = true;
          request.onDelta?.(delta, text);
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason;
      }
      // The SDK ends a stream quietly when its signal aborts; an abort is still a cancellation or a time-out.
      if (abortedBy) throw new Error(`stream aborted (${abortedBy})`);
      return { emitted, result: { text, finishReason, truncated: finishReason === 'length', model, attempts } };
    } catch (err) {
      const error = classifyModelError(err, { config: this.config, role: this.role, abortedBy });
      // A stream that broke after some text still carries the steps judged so far; cancellation does not.
      // A reply cut by the deadline is kept the same way, marked truncated.
      if (emitted && error.kind !== 'cancelled') {
        return { emitted, result: { text, finishReason: abortedBy === 'deadline' ? 'deadline' : 'interrupted', truncated: true, model: this.config.model, attempts } };
      }
      return { emitted, error };
    } finally {
      clearTimeout(timer);
      clearTimeout(deadline);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }
}
