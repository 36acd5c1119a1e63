// Builds runnable programs from the MultiPL-E corpus (../shared/corpora/multipl-e): a model-written
// solution (a whole program inside a Markdown fence) joined with the problem's test tail, the way
// SandboxFusion evaluates MultiPL-E. The test tails were written to follow a prompt that stops inside
// the function, so for languages whose tail starts by closing that function (`}`), the tail's first
// line goes, and the model's own `main` (which would clash with the tail's) is cut out.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scalaCodeOnly } from '../../src/core/languages/entries/jvm';
import type { LanguageId } from '../../src/core/languages/types';

export const CORPUS_DIR = join(__dirname, '..', '..', '..', 'shared', 'corpora', 'multipl-e');

export interface MultiplEProblem {
  name: string;
  prompt: string;
  tests: string;
  gpt_solution: string;
}

export interface HumanEvalProblem {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  test: string;
  entry_point: string;
}

export function corpusFile(multiplE: string): string {
  return join(CORPUS_DIR, `humaneval-${multiplE}.jsonl`);
}

export function corpusAvailable(multiplE: string): boolean {
  return existsSync(corpusFile(multiplE));
}

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Fence tags a model uses for each language. */
const FENCE_TAGS: Partial<Record<LanguageId, string[]>> = {
  javascript: ['js', 'javascript', 'node'],
  typescript: ['ts', 'typescript'],
  cpp: ['cpp', 'c++', 'cc'],
  java: ['java'],
  go: ['go', 'golang'],
  rust: ['rust', 'rs'],
  ruby: ['ruby', 'rb'],
  bash: ['bash', 'sh', 'shell'],
  php: ['php'],
  lua: ['lua'],
  perl: ['perl', 'pl'],
  csharp: ['csharp', 'cs', 'c#'],
  r: ['r'],
  scala: ['scala'],
  d: ['d', 'dlang'],
  racket: ['racket', 'rkt', 'scheme'],
};

/**
 * The code of the first fenced block in the language (else the first block, else the whole text). A
 * block the model never closed (its answer was cut off) runs to the end of the text.
 */
export function extractFencedCode(text: string, lang: LanguageId): string {
  const blocks = [...text.matchAll(/```([^\n`]*)\n([\s\S]*?)(?:```|$)/g)].map((m) => ({ tag: m[1].trim().toLowerCase(), code: m[2] }));
  const tags = FENCE_TAGS[lang] ?? [];
  const chosen = blocks.find((b) => tags.includes(b.tag)) ?? blocks.find((b) => b.tag === '') ?? blocks[0];
  return chosen ? chosen.code : text;
}

/** Index of the brace that closes the one at `open`, skipping strings, chars and comments (C-like syntax). */
export function matchingBrace(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') {
      i = code.indexOf('\n', i);
      if (i < 0) return -1;
    } else if (c === '/' && code[i + 1] === '*') {
      i = code.indexOf('*/', i + 2) + 1;
      if (i <= 0) return -1;
    } else if (c === '"' || c === "'" || c === '`') {
      for (i++; i < code.length && code[i] !== c; i++) if (code[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Removes every definition whose header matches `header` (up to its opening brace) together with its body. */
export function removeBlocks(code: string, header: RegExp): string {
  const re = new RegExp(header.source, header.flags.includes('g') ? header.flags : `${header.flags}g`);
  let out = code;
  for (let m = re.exec(out); m; m = re.exec(out)) {
    const open = out.indexOf('{', m.index + m[0].length - 1);
    const close = open < 0 ? -1 : matchingBrace(out, open);
    if (close < 0) break;
    out = out.slice(0, m.index) + out.slice(close + 1);
    re.lastIndex = m.index;
  }
  return out;
}

/** The test tail without its first line when that line only closes the prompt's function (`}`). */
function withoutLeadingClose(tests: string): string {
  return tests.replace(/^\s*\n?\s*}\s*\n/, '\n');
}

/** Java and C#: put the test tail inside the solution's `class Problem`, replacing the class's last brace (Scala: `object Problem`). */
function intoProblemClass(code: string, tail: string, header = /\bclass\s+Problem\b[^{]*\{/): string {
  const m = header.exec(code);
  const close = m ? matchingBrace(code, m.index + m[0].length - 1) : -1;
  if (close < 0) return `${code}\n${tail}`;
  return `${code.slice(0, close)}${tail}${code.slice(close + 1)}`;
}

// MultiPL-E's Java prompt imports org.javatuples, which Debian does not package. The import goes; a
// program that uses a tuple gets a small Pair of the same API in its file instead (the corpus uses no
// other tuple class; one that did would fail to compile, as it would anywhere without the jar).
const JAVATUPLES = /^\s*import\s+org\.javatuples\.[\w.*]+;\s*$/gm;
const PAIR_USED = /\bPair\s*[<.(]/;
const JAVATUPLES_PAIR = `
final class Pair<A, B> {
    private final A value0;
    private final B value1;
    Pair(A value0, B value1) { this.value0 = value0; this.value1 = value1; }
    static <A, B> Pair<A, B> with(A value0, B value1) { return new Pair<>(value0, value1); }
    A getValue0() { return value0; }
    B getValue1() { return value1; }
    @Override public boolean equals(Object o) {
        return o instanceof Pair && java.util.Objects.equals(value0, ((Pair<?, ?>) o).value0) && java.util.Objects.equals(value1, ((Pair<?, ?>) o).value1);
    }
    @Override public int hashCode() { return java.util.Objects.hash(value0, value1); }
    @Override public String toString() { return "[" + value0 + ", " + value1 + "]"; }
}
`;

/** True when the program uses javatuples' Pair without defining a Pair of its own. */
function usesJavatuplesPair(code: string): boolean {
  return PAIR_USED.test(code.replace(JAVATUPLES, '')) && !/\bclass\s+Pair\b/.test(code);
}

function replaceJavatuples(code: string): string {
  const withoutImport = code.replace(JAVATUPLES, '');
  return usesJavatuplesPair(code) ? `${withoutImport}\n${JAVATUPLES_PAIR}` : withoutImport;
}

/**
 * Go: the corpus is `package x_test` with a `TestX(t *testing.T)` for `go test`. The program becomes
 * `package main` with a main that runs the test through testing.Main (kept by Go for exactly this:
 * running tests from a `go build` binary), so it goes through the registry's usual build and run.
 */
function goProgram(solution: string, tests: string): string {
  const testName = /func\s+(Test\w+)\s*\(\s*t\s+\*testing\.T\s*\)/.exec(tests)?.[1] ?? 'Test';
  let code = removeBlocks(solution, /^func\s+(?:Test\w*\s*\(\s*\w+\s+\*testing\.T\s*\)|main\s*\(\s*\))[^{]*\{/m);
  code = code.replace(/^package\s+\w+/m, 'package main');
  if (!/^package\s/m.test(code)) code = `package main\n\n${code}`;
  for (const pkg of ['testing', 'fmt']) {
    if (!new RegExp(`^\\s*(?:import\\s+)?"${pkg}"`, 'm').test(code)) code = code.replace(/^package main\n/m, `package main\n\nimport "${pkg}"\n`);
  }
  code = withoutUnusedGoImports(`${code}\n${tests}`);
  const runner = `
func main() {
	matchAll := func(pat, str string) (bool, error) { return true, nil }
	testing.Main(matchAll, []testing.InternalTest{{Name: "${testName}", F: ${testName}}}, nil, nil)
}
`;
  return `${code}\n${runner}`;
}

/**
 * Drops imports nothing refers to, as goimports would: cutting the model's own test function out often
 * leaves its packages (`strings`, `sort`) unused, which Go refuses to compile.
 */
function withoutUnusedGoImports(code: string): string {
  const importSpec = /^\s*(?:import\s+)?(?:(\w+)\s+)?"([\w./-]+)"\s*$/;
  const lines = code.split('\n');
  let inBlock = false;
  const body = lines.filter((l) => {
    if (/^import\s*\($/.test(l.trim())) inBlock = true;
    const isImport = inBlock || /^import\s+/.test(l.trim());
    if (inBlock && l.trim() === ')') inBlock = false;
    return !isImport;
  }).join('\n');
  inBlock = false;
  return lines
    .filter((l) => {
      if (/^import\s*\($/.test(l.trim())) inBlock = true;
      const m = (inBlock || /^import\s+"/.test(l.trim())) ? importSpec.exec(l) : null;
      if (inBlock && l.trim() === ')') inBlock = false;
      if (!m || m[1] === '_' || m[1] === '.') return true;
      const name = m[1] ?? m[2].split('/').pop()!;
      return new RegExp(`\\b${name}\\.`).test(body);
    })
    .join('\n');
}

/**
 * Scala: the model's own statements outside any definition (`Problem.main(Array())`, `println(Problem.f(3))` after
 * the object), which scalac refuses (Scala 2 has no top-level statements). MultiPL-E's completion stops at the end
 * of the function, so they never reach its test program either. Definitions, imports and comments stay.
 */
function withoutScalaTopLevelStatements(code: string): string {
  const masked = scalaCodeOnly(code).split('\n');
  let depth = 0;
  let dropping = false;
  return code
    .split('\n')
    .filter((_line, i) => {
      if (depth === 0 && masked[i].trim()) dropping = !/^\s*(?:import|package|object|class|trait|case|sealed|abstract|final|implicit|private|protected|@)\b/.test(masked[i]);
      for (const c of masked[i]) depth = Math.max(0, depth + ('{(['.includes(c) ? 1 : ')]}'.includes(c) ? -1 : 0));
      return !dropping;
    })
    .join('\n');
}

function phpProgram(solution: string, tests: string): string {
  // The tail is PHP code: the solution must not leave PHP mode with a closing `?>`.
  let code = solution.trim().replace(/\?>\s*$/, '');
  if (!/^<\?php/.test(code)) code = `<?php\n${code}`;
  return `${code}\n${tests}`;
}

/**
 * The test tail relies on the prompt's imports (`using System.Diagnostics;` for Debug.Assert,
 * `#include<assert.h>`), which a model's rewrite sometimes drops: the prompt's lines that the
 * solution lacks go in front.
 */
function withPromptImports(solution: string, prompt: string, importLine: RegExp): string {
  const present = new Set(solution.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')));
  const missing = prompt.split('\n').filter((l) => importLine.test(l) && !present.has(l.trim().replace(/\s+/g, ' ')));
  return missing.length ? `${missing.join('\n')}\n${solution}` : solution;
}

/** The program of one corpus problem, ready for runCode. */
export function buildProgram(lang: LanguageId, p: MultiplEProblem): string {
  const solution = extractFencedCode(p.gpt_solution, lang);
  switch (lang) {
    case 'cpp':
      return `${removeBlocks(withPromptImports(solution, p.prompt, /^\s*#include\b/), /^\s*int\s+main\s*\([^)]*\)\s*\{/m)}\n${withoutLeadingClose(p.tests)}`;
    case 'rust':
      return `${removeBlocks(solution, /^\s*(?:pub\s+)?fn\s+main\s*\(\s*\)\s*\{/m)}\n${withoutLeadingClose(p.tests)}`;
    case 'java':
      return replaceJavatuples(intoProblemClass(removeBlocks(withPromptImports(solution, p.prompt, /^import\s/), /^\s*public\s+static\s+void\s+main\s*\([^)]*\)\s*(?:throws[^{]*)?\{/m), withoutLeadingClose(p.tests)));
    case 'csharp':
      return intoProblemClass(removeBlocks(withPromptImports(solution, p.prompt, /^using\s/), /^\s*(?:public\s+)?static\s+(?:void|int)\s+Main\s*\([^)]*\)\s*\{/m), withoutLeadingClose(p.tests));
    case 'go':
      return goProgram(solution, p.tests);
    case 'bash':
      return `${solution}\n${withoutLeadingClose(p.tests)}`;
    case 'php':
      return phpProgram(solution, p.tests);
    case 'scala': {
      // The tail closes the prompt's function, defines main and closes `object Problem`.
      const code = removeBlocks(withPromptImports(solution, p.prompt, /^import\s/), /^\s*def\s+main\s*\([^)]*\)[^{=]*=?\s*\{/m);
      const tail = withoutLeadingClose(p.tests);
      return /\bobject\s+Problem\b/.test(code) ? intoProblemClass(withoutScalaTopLevelStatements(code), tail, /\bobject\s+Problem\b[^{]*\{/) : `object Problem {\n${code}\n${tail}`;
    }
    case 'd':
      // The tail brings its own empty main.
      return `${removeBlocks(withPromptImports(solution, p.prompt, /^import\s/), /^\s*(?:void|int)\s+main\s*\([^)]*\)\s*\{/m)}\n${p.tests}`;
    case 'racket':
      return `${/^\s*#lang\b/.test(solution) ? '' : '#lang racket\n'}${solution}\n${p.tests}`;
    case 'typescript':
      // The tail declares `require` itself; with Node's type declarations in scope that is a redeclaration.
      return `${solution}\n${p.tests.replace(/^declare var require: any;\n/m, '')}`;
    default:
      return `${solution}\n${p.tests}`;
  }
}

/** HumanEval (Python) with the canonical solution: prompt + solution + tests + the call of `check`. */
export function buildPythonProgram(p: HumanEvalProblem): string {
  return `${p.prompt}${p.canonical_solution}\n\n${p.test}\n\ncheck(${p.entry_point})\n`;
}
