// Which prebuilt WASM grammar parses which sandbox language. @vscode/tree-sitter-wasm has twelve of them; C and Lua come
// from their grammars' own npm packages, which ship a .wasm. No npm package ships a WASM grammar for Perl.
import type { LanguageId } from '../../languages/types';

export interface GrammarFile {
  /** File name, unique across packages (also its name under dist/assets/tree-sitter/). */
  file: string;
  /** Path under node_modules/. */
  packagePath: string;
}

const vscode = (name: string): GrammarFile => ({ file: `tree-sitter-${name}.wasm`, packagePath: `@vscode/tree-sitter-wasm/wasm/tree-sitter-${name}.wasm` });

export const RUNTIME_WASM: GrammarFile = { file: 'web-tree-sitter.wasm', packagePath: 'web-tree-sitter/web-tree-sitter.wasm' };

/** Per language: the grammar for a file name (TypeScript has a separate TSX grammar). Perl has none. */
export const GRAMMAR_FILES: Partial<Record<LanguageId, (fileName?: string) => GrammarFile>> = {
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
};

/** Every WASM file the bundle needs, for esbuild.mjs's asset copy and for tests. */
export function allWasmFiles(): GrammarFile[] {
  const files = new Map<string, GrammarFile>([[RUNTIME_WASM.file, RUNTIME_WASM]]);
  for (const pick of Object.values(GRAMMAR_FILES)) for (const name of ['x', 'x.tsx']) files.set(pick(name).file, pick(name));
  return [...files.values()];
}
