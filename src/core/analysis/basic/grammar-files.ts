// Which prebuilt WASM grammar parses which sandbox language. @vscode/tree-sitter-wasm has twelve of them; C, Lua, Scala
// and Haskell come from their grammars' own npm packages, which ship a .wasm. Where no npm package ships a maintained WASM grammar
// (Perl), the entry says so and how lines are counted without one.
import type { LanguageId } from '../../languages/types';
import type { LineCounts } from '../types';
import { countLinesLexically, countPerlLines, type CommentSyntax } from './line-counts';

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

const lexical = (reason: string, syntax: CommentSyntax): NoGrammar => ({ reason, countLines: (code) => countLinesLexically(code, syntax) });
const C_COMMENTS: CommentSyntax = { line: ['//'], block: [['/*', '*/']] };
const LISP_COMMENTS: CommentSyntax = { line: [';'], block: [['#|', '|#']] };
/**
 * Grammars that exist on npm with a WASM file but are not bundled: Kotlin's and Elixir's packages require
 * conflicting native tree-sitter peers, OCaml's is 209 MB installed.
 */
const NOT_BUNDLED = (pkg: string) => `${pkg} ships a WASM grammar on npm, but it is not bundled (its package's size or native peer dependency)`;

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
  r: lexical('no npm package ships a WASM grammar for R', { line: ['#'] }),
  scala: () => ({ file: 'tree-sitter-scala.wasm', packagePath: 'tree-sitter-scala/tree-sitter-scala.wasm' }),
  // The Kotlin and Elixir packages ship WASM files but declare peer dependencies on incompatible native tree-sitter versions.
  kotlin: lexical(NOT_BUNDLED('@tree-sitter-grammars/tree-sitter-kotlin'), C_COMMENTS),
  groovy: lexical('no maintained WASM grammar for Groovy on npm', C_COMMENTS),
  clojure: lexical('no maintained WASM grammar for Clojure on npm', { line: [';'] }),
  d: lexical('no maintained WASM grammar for D on npm', { line: ['//'], block: [['/*', '*/'], ['/+', '+/']] }),
  fortran: lexical('no maintained WASM grammar for Fortran on npm', { line: ['!'] }),
  ada: lexical('no maintained WASM grammar for Ada on npm', { line: ['--'] }),
  cobol: lexical('no maintained WASM grammar for COBOL on npm', { line: ['*>'] }),
  nim: lexical('no maintained WASM grammar for Nim on npm', { line: ['#'], block: [['#[', ']#']] }),
  crystal: lexical('no maintained WASM grammar for Crystal on npm', { line: ['#'] }),
  pascal: lexical('no maintained WASM grammar for Pascal on npm', { line: ['//'], block: [['{', '}'], ['(*', '*)']] }),
  verilog: lexical('no WASM grammar for Verilog on npm (tree-sitter-verilog ships only native bindings)', C_COMMENTS),
  haskell: () => ({ file: 'tree-sitter-haskell.wasm', packagePath: 'tree-sitter-haskell/tree-sitter-haskell.wasm' }),
  ocaml: lexical(NOT_BUNDLED('tree-sitter-ocaml'), { line: [], block: [['(*', '*)']] }),
  racket: lexical('no maintained WASM grammar for Racket on npm', LISP_COMMENTS),
  scheme: lexical('no maintained WASM grammar for Scheme on npm', LISP_COMMENTS),
  commonlisp: lexical('no maintained WASM grammar for Common Lisp on npm', LISP_COMMENTS),
  elixir: lexical(NOT_BUNDLED('tree-sitter-elixir'), { line: ['#'] }),
  erlang: lexical('no maintained WASM grammar for Erlang on npm', { line: ['%'] }),
  tcl: lexical('no maintained WASM grammar for Tcl on npm', { line: ['#'] }),
  prolog: lexical('no maintained WASM grammar for Prolog on npm', { line: ['%'], block: [['/*', '*/']] }),
  octave: lexical('no maintained WASM grammar for Octave on npm', { line: ['%', '#'], block: [['%{', '%}']] }),
  awk: lexical('no maintained WASM grammar for AWK on npm', { line: ['#'] }),
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
