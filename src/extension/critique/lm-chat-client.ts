// The VS Code Language Model API (`vscode.lm`, e.g. Copilot's models) behind the pipeline's chat interface, so that
// the same critic/actor code runs on it. The API has no system role, no temperature or max-token controls that all
// vendors honour and no JSON mode: system prompts go first as user messages, the rest is left to the vendor.
import * as vscode from 'vscode';
import { ChatClient, type ChatRequest, type ChatResult } from '../../core/models/chat-client';
import type { ModelRole } from '../../core/models/config';
import { ModelAuthError, ModelCancelledError, ModelError, ModelNotFoundError, ModelReplyError } from '../../core/models/errors';

/** Pseudo base URL recorded in the client's config (the pipeline reports it); no HTTP request ever goes there. */
const LM_API_BASE_URL = 'https://vscode-language-model-api.invalid/v1';

function toLmMessages(request: ChatRequest): vscode.LanguageModelChatMessage[] {
  return request.messages.map((m) =>
    m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(m.content) : vscode.LanguageModelChatMessage.User(m.content),
  );
}

function toModelError(err: unknown, model: vscode.LanguageModelChat): ModelError {
  const name = `${model.vendor}/${model.family}`;
  if (err instanceof vscode.LanguageModelError) {
    if (err.code === vscode.LanguageModelError.NoPermissions.name) {
      return new ModelAuthError(`VS Code did not allow this extension to use ${name}: allow it when asked, or choose another provider in the mplsandbox.critique settings`, 403, err);
    }
    if (err.code === vscode.LanguageModelError.NotFound.name) return new ModelNotFoundError(`the language model ${name} is no longer available`, err);
    if (err.code === vscode.LanguageModelError.Blocked.name) return new ModelReplyError(`${name} refused the request (blocked): ${err.message}`, err);
  }
  return new ModelReplyError(`${name} failed: ${err instanceof Error ? err.message : String(err)}`, err);
}

export class LanguageModelApiChatClient extends ChatClient {
  constructor(
    private readonly model: vscode.LanguageModelChat,
    role: ModelRole,
  ) {
    super({ baseURL: LM_API_BASE_URL, model: `${model.vendor}/${model.family}`, temperature: 0, maxTokens: 4096, timeoutMs: 120_000 }, { role });
  }

  override async complete(request: ChatRequest): Promise<ChatResult> {
    const cancel = new vscode.CancellationTokenSource();
    const onAbort = () => cancel.cancel();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    let text = '';
    try {
      if (request.signal?.aborted) throw new ModelCancelledError(`${this.role} request to ${this.config.model} cancelled`);
      const response = await this.model.sendRequest(toLmMessages(request), { justification: 'MPLSandbox critiques the steps of a math solution.' }, cancel.token);
      for await (const delta of response.text) {
        text += delta;
        request.onDelta?.(delta, text);
      }
      if (request.signal?.aborted) throw new ModelCancelledError(`${this.role} request to ${this.config.model} cancelled`);
      return { text, finishReason: 'stop', truncated: false, model: this.config.model, attempts: 1 };
    } catch (err) {
      if (err instanceof ModelError) throw err;
      if (request.signal?.aborted || err instanceof vscode.CancellationError) throw new ModelCancelledError(`${this.role} request to ${this.config.model} cancelled`, err);
      // A stream that broke after some text still carries the steps judged so far (as the HTTP client does).
      if (text) return { text, finishReason: 'interrupted', truncated: true, model: this.config.model, attempts: 1 };
      throw toModelError(err, this.model);
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
      cancel.dispose();
    }
  }
}
