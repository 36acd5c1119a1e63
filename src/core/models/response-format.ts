// Asking for JSON on servers that differ in what they accept: json_schema (OpenAI, vLLM, LM Studio, llama.cpp),
// json_object (older servers, Ollama), or only a prompt instruction. We step down when a server refuses one.
import type { ChatClient, ChatRequest, ChatResult, ResponseFormat } from './chat-client';
import { ModelRequestError } from './errors';

export type JsonMode = 'json_schema' | 'json_object' | 'prompt';

export interface JsonCompletion extends ChatResult {
  /** The format the server accepted. */
  jsonMode: JsonMode;
}

// Remembered per client so that a server which refused json_schema is not asked again for every request.
const refused = new WeakMap<ChatClient, Set<JsonMode>>();

function formatFor(mode: JsonMode, name: string, schema: Record<string, unknown>): ResponseFormat | undefined {
  if (mode === 'json_schema') return { type: 'json_schema', json_schema: { name, schema } };
  if (mode === 'json_object') return { type: 'json_object' };
  return undefined;
}

/** `request` with the best JSON response format the server takes; a 400/422 about the format moves one step down. */
export async function completeAsJson(
  client: ChatClient,
  request: Omit<ChatRequest, 'responseFormat'>,
  name: string,
  schema: Record<string, unknown>,
): Promise<JsonCompletion> {
  const modes: JsonMode[] = ['json_schema', 'json_object', 'prompt'];
  const known = refused.get(client) ?? new Set<JsonMode>();
  refused.set(client, known);
  for (const mode of modes) {
    if (known.has(mode) && mode !== 'prompt') continue;
    try {
      const result = await client.complete({ ...request, responseFormat: formatFor(mode, name, schema) });
      return { ...result, jsonMode: mode };
    } catch (err) {
      const formatRefused = err instanceof ModelRequestError && (err.status === 400 || err.status === 422) && mode !== 'prompt';
      if (!formatRefused) throw err;
      known.add(mode);
    }
  }
  throw new Error('unreachable: the prompt-only mode is always tried last');
}
