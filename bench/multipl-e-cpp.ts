// MultiPL-E humaneval-cpp as whole programs for the throughput benchmark: the model-written solution
// (taken out of its Markdown fence, its own demo `main` removed) followed by the corpus's tests
// (`tests` starts with the `}` that closes the prompt's function, then a `main` of asserts).
// Some solutions are wrong or do not compile; that is fine for throughput, and both sides see the same programs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchProgram {
  name: string;
  code: string;
}

export const multiplEDirectory = process.env.MPLSANDBOX_MULTIPLE_CORPUS ?? '/work/shared/corpora/multipl-e';

function fencedCode(markdown: string): string {
  const m = /```[\w+#-]*\n([\s\S]*?)```/.exec(markdown);
  return m ? m[1] : markdown;
}

/** Removes `int main(...) { ... }` (matched by brace depth, skipping strings and chars), if present. */
export function removeMain(code: string): string {
  const m = /\bint\s+main\s*\([^)]*\)\s*\{/.exec(code);
  if (!m) return code;
  let depth = 0;
  for (let i = m.index + m[0].length - 1; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"' || ch === "'") {
      for (i++; i < code.length && code[i] !== ch; i++) if (code[i] === '\\') i++;
    } else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return code.slice(0, m.index) + code.slice(i + 1);
  }
  return code;
}

export function loadCppPrograms(directory = multiplEDirectory): BenchProgram[] {
  const lines = readFileSync(join(directory, 'humaneval-cpp.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  return lines.map((line) => {
    const rec = JSON.parse(line) as { name: string; tests: string; gpt_solution: string };
    const tests = rec.tests.replace(/^\s*\}/, '');
    return { name: rec.name, code: `${removeMain(fencedCode(rec.gpt_solution))}\n${tests}` };
  });
}
