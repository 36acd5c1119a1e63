// Loads web-tree-sitter and the prebuilt WASM grammars once per process, from dist/assets/tree-sitter/ when bundled
// (esbuild.mjs copies them there) or from node_modules/ when running from the sources.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
// `import = require` makes esbuild take the CommonJS build: the ESM one locates its files through import.meta.url,
// which a CommonJS bundle does not have.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
import TreeSitter = require('web-tree-sitter');
import type { LanguageId } from '../../languages/types';
import { grammarFileFor, RUNTIME_WASM, type GrammarFile } from './grammar-files';

export type TreeSitterParser = TreeSitter.Parser;
export type TreeSitterLanguage = TreeSitter.Language;
export type SyntaxNode = TreeSitter.Node;
export type SyntaxTree = TreeSitter.Tree;

/** Where the bundle's copies live, relative to a dist/ folder. */
export const ASSET_SUBDIR = join('assets', 'tree-sitter');

/**
 * Finds a WASM file: first `<dir>/assets/tree-sitter/<file>` (next to a bundle), then `<dir>/node_modules/<package path>`,
 * for `dir` = `start` and each folder above it.
 */
export function findWasmFile(wasm: GrammarFile, start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    for (const candidate of [join(dir, ASSET_SUBDIR, wasm.file), join(dir, 'node_modules', wasm.packagePath)]) {
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`tree-sitter file ${wasm.file} not found above ${start} (run npm install, or rebuild the bundle)`);
}

let runtime: Promise<void> | undefined;
const languages = new Map<string, Promise<TreeSitterLanguage>>();

function initRuntime(): Promise<void> {
  runtime ??= TreeSitter.Parser.init({ locateFile: () => findWasmFile(RUNTIME_WASM) });
  return runtime;
}

/** The grammar of a language, or undefined when no prebuilt grammar exists for it. */
export async function loadGrammar(language: LanguageId, fileName?: string): Promise<{ name: string; language: TreeSitterLanguage } | undefined> {
  const wasm = grammarFileFor(language, fileName);
  if (!wasm) return undefined;
  await initRuntime();
  let loading = languages.get(wasm.file);
  if (!loading) {
    loading = TreeSitter.Language.load(findWasmFile(wasm));
    languages.set(wasm.file, loading);
    loading.catch(() => languages.delete(wasm.file));
  }
  return { name: wasm.file.replace(/\.wasm$/, ''), language: await loading };
}

/** Parses `code`; the caller must `delete()` the tree (it lives in WASM memory). */
export function parseWith(language: TreeSitterLanguage, code: string): SyntaxTree {
  const parser = new TreeSitter.Parser();
  try {
    parser.setLanguage(language);
    const tree = parser.parse(code);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  } finally {
    parser.delete();
  }
}
