// One OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, LM Studio, llama.cpp) behind `complete()`:
// streaming or not, cancellable, an idle timeout, and bounded retries for transient failures.
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
  /** The server's finish reason (`stop`, `length`, …); `interrupted` when the stream broke off after some text. */
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

  constructor(config: ModelRoleConfig, options: ChatClientOptions = {}) {
    this.config = config;
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
    for (let retry = 0; ; retry++) {
      const outcome = await this.attempt(request, retry + 1);
      if (outcome.result) return outcome.result;
      const error = outcome.error as ModelError;
      if (!error.retryable || outcome.emitted || retry >= this.policy.maxRetries) throw error;
      const retryAfter = error instanceof ModelRateLimitError || error instanceof ModelServerError ? error.retryAfterMs : undefined;
      const delayMs = retryDelayMs(retry, this.policy, retryAfter);
      this.onRetry?.({ retry: retry + 1, delayMs, error });
      await sleep(delayMs, request.signal).catch((cause: unknown) => {
        throw new ModelCancelledError(`${this.role} request to ${this.config.baseURL} cancelled`, cause);
      });
    }
  }

  private async attempt(request: ChatRequest, attempts: number): Promise<AttemptOutcome> {
    const controller = new AbortController();
    let abortedBy: 'caller' | 'timeout' | undefined;
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
    let text = '';
    let emitted = false;
    try {
      const body = {
        model: this.config.model,
        messages: request.messages,
        temperature: request.temperature ?? this.config.temperature,
        max_tokens: request.maxTokens ?? this.config.maxTokens,
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
      if (emitted && error.kind !== 'cancelled') {
        return { emitted, result: { text, finishReason: 'interrupted', truncated: true, model: this.config.model, attempts } };
      }
      return { emitted, error };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }
}
