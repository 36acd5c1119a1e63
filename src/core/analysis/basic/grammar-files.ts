// Which prebuilt WASM grammar parses which sandbox language. @vscode/tree-sitter-wasm has twelve of them; C and Lua come
// from their grammars' own npm packages, which ship a .wasm. Where no npm package ships a maintained WASM grammar
// (Perl), the entry says so and how lines are counted without one.
import type { LanguageId } from '../../languages/types';
import type { LineCounts } from '../types';
import { countPerlLines } from './line-counts';

export interface GrammarFile {
  /** File name, unique across packages (also its name under dist/assets/tree-sitter/). */
  file: string;
  /** Path under node_modules/. */
  packagePath: string;
}

const vscode = (name: string): GrammarFile => ({ file: `tree-sitter-${name}.wasm`, packagePath: `@vscode/tree-sitter-wasm/wasm/tree-sitter-${name}.wasm` });

export const RUNTIME_WASM: GrammarFile = { file: 'web-tree-sitter.wasm', packagePath: 'web-tree-sitter/web-tree-sitter.wasm' };

/** The grammar for a file name (TypeScript has a separate TSX grammar). */
export type GrammarPick = (fileName?: string) => GrammarFile;

/** A language without a grammar: why, and the lexical rule that counts its code, comment and blank lines. */
export interface NoGrammar {
  reason: string;
  countLines: (code: string) => LineCounts;
}

/** Per language: its grammar, or why it has none. */
export const GRAMMAR_FILES: Record<LanguageId, GrammarPick | NoGrammar> = {
  python: () => vscode('python'),
  javascript: () => vscode('javascript'),
  typescript: (fileName) => (fileName?.toLowerCase().endsWith('.tsx') ? vscode('tsx') : vscode('typescript')),
  c: () => ({ file: 'tree-sitter-c.wasm', packagePath: 'tree-sitter-c/tree-sitter-c.wasm' }),
  cpp: () => vscode('cpp'),
  java: () => vscode('java'),
  go: () => vscode('go'),
  rust: () => vscode('rust'),
  ruby: () => vscode('ruby'),
  bash: () => vscode('bash'),
  php: () => vscode('php'),
  lua: () => ({ file: 'tree-sitter-lua.wasm', packagePath: '@tree-sitter-grammars/tree-sitter-lua/tree-sitter-lua.wasm' }),
  csharp: () => vscode('c-sharp'),
  perl: { reason: 'no npm package ships a WASM grammar for Perl', countLines: countPerlLines },
};

/** The grammar file for a language and file name, or undefined when it has none. */
export function grammarFileFor(language: LanguageId, fileName?: string): GrammarFile | undefined {
  const entry = GRAMMAR_FILES[language];
  return typeof entry === 'function' ? entry(fileName) : undefined;
}

/** Every WASM file the bundle needs, for esbuild.mjs's asset copy and for tests. */
export function allWasmFiles(): GrammarFile[] {
  const files = new Map<string, GrammarFile>([[RUNTIME_WASM.file, RUNTIME_WASM]]);
  for (const entry of Object.values(GRAMMAR_FILES)) {
    if (typeof entry === 'function') for (const name of ['x', 'x.tsx']) files.set(entry(name).file, entry(name));
  }
  return [...files.values()];
}
