// The ProcessBench way of asking a critic (Zheng et al., 2024): the solution's steps are tagged paragraphs
// numbered from 0, and the critic answers with the index of the earliest wrong one in \boxed{}, or −1.
// Beside AutoMathCritique's step-by-step layout (prompts.ts), selectable per request.
import type { ChatMessage } from '../models/chat-client';
import { matchBrace } from './answers';

export type CriticPromptStyle = 'automathcritique' | 'processbench';

export const CRITIC_PROMPT_STYLES: readonly CriticPromptStyle[] = ['automathcritique', 'processbench'];

export function buildProcessBenchMessages(problem: string, steps: readonly string[]): ChatMessage[] {
  const tagged = steps.map((step, i) => `<paragraph_${i}>\n${step.trim()}\n</paragraph_${i}>`).join('\n\n');
  const user = [
    'Below are a math problem and a solution to it. The solution is split into paragraphs, each inside tags and numbered from 0.',
    '',
    '[Math Problem]',
    '',
    problem.trim(),
    '',
    '[Solution]',
    '',
    tagged,
    '',
    'Review the solution one paragraph at a time. If a paragraph contains an error, give the index of the paragraph with the earliest error; if no paragraph contains one, give -1.',
    '',
    'Put your final answer (the index only) in \\boxed{}.',
  ].join('\n');
  return [{ role: 'user', content: user }];
}

/**
 * The index in the reply's last `\boxed{…}`: a step index, −1 for "no error", or undefined when the reply
 * has no readable index or names a paragraph the solution does not have.
 */
export function parseEarliestWrongStep(reply: string, stepCount: number): number | undefined {
  let last: string | undefined;
  const re = /\\boxed\s*\{/g;
  for (let m = re.exec(reply); m; m = re.exec(reply)) {
    const open = m.index + m[0].length - 1;
    const close = matchBrace(reply, open);
    if (close < 0) break;
    last = reply.slice(open + 1, close - 1);
  }
  if (last === undefined) return undefined;
  const index = /^\s*(?:paragraph[_\s]*)?(-?\d+)\s*$/i.exec(last.replace(/\\text\{([^}]*)\}/g, '$1'));
  if (!index) return undefined;
  const value = Number(index[1]);
  return value === -1 || (value >= 0 && value < stepCount) ? value : undefined;
}
