// One critic call: prompt with symbolic evidence, optional JSON mode, streaming with verdicts parsed as lines end.
import type { ChatClient, ChatResult } from '../models/chat-client';
import { completeAsJson, type JsonMode } from '../models/response-format';
import { buildCriticMessages, type CritiqueFormat } from './prompts';
import { critiqueRequestJsonSchema } from './reply-json-format';
import { parseCritiqueReply, type ParsedCritique } from './reply-parser';
import type { MathProblem, SymbolicFinding } from './types';

export interface CriticCallOptions {
  format: CritiqueFormat;
  stream: boolean;
  signal?: AbortSignal;
  /** Called while the reply streams, each time a line (text) or a step object (JSON) completes. */
  onProgress?: (critique: ParsedCritique) => void;
}

export interface CriticCall {
  critique: ParsedCritique;
  finishReason: string;
  model: string;
  /** How JSON was asked for, in JSON format. */
  jsonMode?: JsonMode;
}

export async function callCritic(client: ChatClient, problem: MathProblem, findings: SymbolicFinding[], options: CriticCallOptions): Promise<CriticCall> {
  const prompt = { question: problem.question, steps: problem.steps, finalAnswerRaw: problem.finalAnswer?.raw };
  const messages = buildCriticMessages(prompt, findings, options.format);
  const model = client.config.model;
  const boundary = options.format === 'json' ? '}' : '\n';
  const onDelta = options.onProgress
    ? (delta: string, textSoFar: string) => {
        // Verdicts only change when a line (or a JSON object) ends; parsing on every token would cost O(n²).
        if (delta.includes(boundary)) options.onProgress?.(parseCritiqueReply(textSoFar, problem.steps, { final: false, model }));
      }
    : undefined;
  const request = { messages, stream: options.stream, onDelta, signal: options.signal };
  let result: ChatResult;
  let jsonMode: JsonMode | undefined;
  if (options.format === 'json') {
    const json = await completeAsJson(client, request, 'step_critique', critiqueRequestJsonSchema);
    result = json;
    jsonMode = json.jsonMode;
  } else {
    result = await client.complete(request);
  }
  const critique = parseCritiqueReply(result.text, problem.steps, { final: true, truncated: result.truncated, model: result.model || model });
  return { critique, finishReason: result.finishReason, model: result.model || model, jsonMode };
}
