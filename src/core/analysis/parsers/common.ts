// Shared by the tool-output parsers: the names to map back to, and JSON that fails with a useful message.
import { MplSandboxError } from '../../errors';
import type { Diagnostic, Severity } from '../../diagnostics/types';

export interface ParseContext {
  /** The file name inside the container, e.g. `main.py`. */
  sourceFile: string;
  /** The name the user knows the file by. */
  userFile: string;
}

/** Tool output that is not what the tool promises: the section reports it as failed. */
export class ToolOutputError extends MplSandboxError {
  constructor(message: string) {
    super('tool-output', message);
  }
}

export function parseJson(text: string, tool: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ToolOutputError(`${tool} printed no JSON: ${text.trim().slice(0, 300) || '(nothing)'}`);
  }
}

/** True when a path reported by a tool is the user's file (tools print `main.py`, `./main.py` or `/sandbox/main.py`). */
export function isSourceFile(path: string | undefined, ctx: ParseContext): boolean {
  if (!path) return false;
  const base = path.replace(/^.*\//, '');
  return base === ctx.sourceFile;
}

export function diagnostic(ctx: ParseContext, d: Omit<Diagnostic, 'file'> & { line: number; column?: number }): Diagnostic {
  return { ...d, file: ctx.userFile, line: Math.max(1, d.line), column: Math.max(1, d.column ?? 1) };
}

export function severityOf(map: Record<string, Severity>, key: string | undefined, fallback: Severity = 'warning'): Severity {
  return (key && map[key.toLowerCase()]) || fallback;
}
