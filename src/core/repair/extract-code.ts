// The program in a model's reply: the last fenced code block (models put explanations before it), else the whole reply.

import { MplSandboxError } from '../errors';

export class NoCodeInReplyError extends MplSandboxError {
  constructor(message: string) {
    super('no-code-in-reply', message);
  }
}

export function extractCode(reply: string): string {
  const blocks = [...reply.matchAll(/```[^\n`]*\n([\s\S]*?)```/g)].map((m) => m[1]);
  const code = blocks.length ? blocks[blocks.length - 1] : reply;
  if (!code.trim()) throw new NoCodeInReplyError('the model replied without a program');
  return code.endsWith('\n') ? code : `${code}\n`;
}
