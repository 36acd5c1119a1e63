// The user's lines named by a runtime's stack trace, in the order the trace lists them, whatever the language:
// every mention of the program's file inside the sandbox followed by a line number, in the forms runtimes print —
// `main.js:3:9` (Node, Ruby, Go, Lua, PHP, Java's `(Main.java:5)`, Mono), `File "/sandbox/main.py", line 4`
// (Python), `at main.pl line 3.` (Perl), `main.sh: line 3:` (Bash). Frames in other files (the runtime's own) are
// left out. Editors turn them into links to the user's file.

export interface StackFrame {
  /** 1-based line in the user's file. */
  line: number;
  /** 1-based column, when the runtime gives one. */
  column?: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Frames of `sourceFile` (its name inside the sandbox, e.g. `main.py`) in `output`, deduplicated, at most `max`. */
export function stackFrames(output: string, sourceFile: string, max = 20): StackFrame[] {
  const name = escapeRegExp(sourceFile.split('/').pop() ?? sourceFile);
  // The name must start a path component: `/sandbox/main.py`, `(Main.java`, `"main.py`, or the line's start.
  const pattern = new RegExp(`(?:^|[\\s("'\`/])${name}(?:"?,? line |: line | line |:)(\\d+)(?::(\\d+))?`, 'gm');
  const frames: StackFrame[] = [];
  const seen = new Set<string>();
  for (const m of output.matchAll(pattern)) {
    const frame: StackFrame = { line: Number(m[1]), ...(m[2] ? { column: Number(m[2]) } : {}) };
    const key = `${frame.line}:${frame.column ?? ''}`;
    if (frame.line < 1 || seen.has(key)) continue;
    seen.add(key);
    frames.push(frame);
    if (frames.length >= max) break;
  }
  return frames;
}
