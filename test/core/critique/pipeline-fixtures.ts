// A note with one problem, and a model-server responder that tells critic, actor-refine and actor-solve requests apart.
import { parseNote } from '../../../src/core/critique/notes';
import type { MathProblem } from '../../../src/core/critique/types';
import type { ChatCompletionBody, RecordedRequest, ScriptedReply } from '../../support/model-server';

export function noteProblem(question: string, solutionLines: string[]): MathProblem {
  const note = `## Problem 1\n\n${question}\n\n**Solution**\n\n${solutionLines.join('\n\n')}\n`;
  const parsed = parseNote(note);
  if (!parsed.problems[0]) throw new Error(`fixture note did not parse: ${parsed.message}`);
  return parsed.problems[0];
}

export type RequestKind = 'critic' | 'refine' | 'solve';

export function requestKind(body: ChatCompletionBody | undefined): RequestKind {
  const messages = body?.messages ?? [];
  if (messages.some((m) => m.content.includes('I have made a step-by-step critic for your solution'))) return 'refine';
  if (messages[0]?.content.startsWith('Solve math problems')) return 'solve';
  return 'critic';
}

/** The solution as the critic's prompt shows it (between the opener and the instructions). */
export function solutionInCriticPrompt(request: RecordedRequest): string {
  const user = request.body?.messages?.find((m) => m.role === 'user')?.content ?? '';
  return user.slice(user.indexOf("Let's break it down step by step:"));
}

export function acceptAll(stepTexts: string[]): string {
  return (
    stepTexts.map((s) => `Step sentence: ${s}\nCorrectness of the step: Correct\nExplanation: Right.`).join('\n\n') +
    '\n\nCorrectness of the final answer: Correct\nExplanation: Right.'
  );
}

export function rejectStep(stepTexts: string[], wrongIndex: number): string {
  return (
    stepTexts
      .map((s, i) => `Step sentence: ${s}\nCorrectness of the step: ${i === wrongIndex ? 'Wrong' : 'Correct'}\nExplanation: ${i === wrongIndex ? 'Miscalculated.' : 'Right.'}`)
      .join('\n\n') + '\n\nCorrectness of the final answer: Wrong\nExplanation: The answer is wrong.'
  );
}

export type KindResponder = (kind: RequestKind, request: RecordedRequest) => ScriptedReply;
