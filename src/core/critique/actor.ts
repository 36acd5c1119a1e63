// The actor's side: write a solution to a question, or a new one from its solution and a critique.
import type { ChatClient, ChatMessage } from '../models/chat-client';
import { answerFormatFor, buildRefineMessages, buildSolveMessages, renderCritiqueForActor } from './prompts';
import type { Critique, MathProblem } from './types';

export interface ActorCallOptions {
  stream: boolean;
  signal?: AbortSignal;
  temperature?: number;
  onText?: (textSoFar: string) => void;
}

async function write(client: ChatClient, messages: ChatMessage[], options: ActorCallOptions): Promise<string> {
  const onDelta = options.onText ? (_delta: string, textSoFar: string) => options.onText?.(textSoFar) : undefined;
  const result = await client.complete({ messages, stream: options.stream, onDelta, signal: options.signal, temperature: options.temperature });
  return result.text;
}

export function solveWithActor(client: ChatClient, problem: MathProblem, options: ActorCallOptions): Promise<string> {
  const format = answerFormatFor({ question: problem.question, steps: problem.steps });
  return write(client, buildSolveMessages(problem.question, format), options);
}

export function refineWithActor(client: ChatClient, problem: MathProblem, critique: Critique, finalExplanation: string | undefined, options: ActorCallOptions): Promise<string> {
  const critiqueText = renderCritiqueForActor(problem.steps, critique.steps, critique.finalAnswerCorrect, finalExplanation);
  const prompt = { question: problem.question, steps: problem.steps, finalAnswerRaw: problem.finalAnswer?.raw };
  return write(client, buildRefineMessages(prompt, critiqueText), options);
}
