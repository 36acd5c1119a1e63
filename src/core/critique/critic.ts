// One critic call: prompt with symbolic evidence, optional JSON mode, streaming with verdicts parsed as lines end.
import type { ChatClient, ChatResult } from '../models/chat-client';
import { completeAsJson, type JsonMode } from '../models/response-format';
import { buildProcessBenchMessages, parseEarliestWrongStep, type CriticPromptStyle } from './processbench-prompt';
import { buildCriticMessages, type CritiqueFormat } from './prompts';
import { critiqueRequestJsonSchema } from './reply-json-format';
import { parseCritiqueReply, type ParsedCritique } from './reply-parser';
import type { MathProblem, SymbolicFinding } from './types';

export interface CriticCallOptions {
  format: CritiqueFormat;
  /** AutoMathCritique's step-by-step verdicts (default) or ProcessBench's earliest wrong step in \boxed{}. */
  prompt?: CriticPromptStyle;
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

/** ProcessBench's answer as verdicts: the steps before the named one correct, it wrong, the rest not judged. */
function earliestWrongAsCritique(text: string, problem: MathProblem, truncated: boolean, model: string): ParsedCritique {
  const index = parseEarliestWrongStep(text, problem.steps.length);
  const steps = problem.steps.map((step): ParsedCritique['steps'][number] => {
    const verdict = index === undefined ? 'unknown' : index === -1 || step.index < index ? 'correct' : step.index === index ? 'wrong' : 'unknown';
    return { stepIndex: step.index, source: 'model', verdict, model, ...(verdict === 'wrong' ? { explanation: 'the critic named this as the earliest wrong step' } : {}) };
  });
  const judged = steps.filter((s) => s.verdict !== 'unknown').map((s) => s.stepIndex);
  return {
    steps,
    ...(index === -1 ? { finalAnswerCorrect: true } : index !== undefined ? { finalAnswerCorrect: false } : {}),
    partial: truncated && index === undefined,
    raw: text,
    format: index === undefined ? 'unrecognized' : 'text',
    alignment: [],
    unjudgedSteps: problem.steps.map((s) => s.index).filter((i) => !judged.includes(i)),
  };
}

async function callProcessBenchCritic(client: ChatClient, problem: MathProblem, options: CriticCallOptions): Promise<CriticCall> {
  const messages = buildProcessBenchMessages(problem.question, problem.steps.map((s) => s.text));
  const result = await client.complete({ messages, stream: options.stream, signal: options.signal });
  const model = result.model || client.config.model;
  return { critique: earliestWrongAsCritique(result.text, problem, result.truncated, model), finishReason: result.finishReason, model };
}

export async function callCritic(client: ChatClient, problem: MathProblem, findings: SymbolicFinding[], options: CriticCallOptions): Promise<CriticCall> {
  if (options.prompt === 'processbench') return callProcessBenchCritic(client, problem, options);
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
