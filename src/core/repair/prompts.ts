// The messages sent to the model for "explain this failure" and for each round of "fix with sandbox feedback".
import type { ChatMessage } from '../models/chat-client';
import type { Diagnostic } from '../diagnostics/types';
import type { RunResult } from '../sandbox/types';
import { describeDiagnostics, describeRun } from './feedback';

const fence = (language: string, code: string) => `\`\`\`${language}\n${code.replace(/\n$/, '')}\n\`\`\``;

export function explainMessages(code: string, language: string, result: RunResult, extra: readonly Diagnostic[] = []): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        'You explain why a program failed in a sandbox. Be specific: name the line, the cause and the smallest change that fixes it. ' +
        'Do not rewrite the whole program.',
    },
    {
      role: 'user',
      content: [
        `Program (${language}):`,
        fence(language, code),
        'Sandbox result:',
        describeRun(result),
        ...(extra.length ? ['Analysis findings:', describeDiagnostics(extra)] : []),
        'Explain this failure.',
      ].join('\n\n'),
    },
  ];
}

export const FIX_SYSTEM_PROMPT =
  'You repair programs. You get a program, the test cases it must pass and what the sandbox reported when it ran them. ' +
  'Reply with the complete corrected program in one fenced code block. It reads standard input and writes standard output as before.';

export function firstFixMessage(code: string, language: string, result: RunResult): ChatMessage {
  return { role: 'user', content: [`Program (${language}):`, fence(language, code), 'Sandbox result:', describeRun(result), 'Fix the program.'].join('\n\n') };
}

export function nextFixMessage(result: RunResult, comparison: string): ChatMessage {
  return { role: 'user', content: ['The sandbox ran your program.', describeRun(result), comparison, 'Fix the program again; reply with the complete program.'].join('\n\n') };
}
