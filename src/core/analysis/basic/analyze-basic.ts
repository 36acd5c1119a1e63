// Basic analysis (MPLSandbox's `code_basic_analysis`): structure and metrics from a tree-sitter syntax tree, computed
// in this process without a container.
import type { Diagnostic } from '../../diagnostics/types';
import type { LanguageId } from '../../languages/types';
import type { BasicSection } from '../types';
import { GRAMMAR_FILES } from './grammar-files';
import { countLinesFromTree, countLinesLexically } from './line-counts';
import { NODE_KINDS } from './node-kinds';
import { extractStructure } from './structure';
import { loadGrammar, parseWith } from './tree-sitter-loader';

const MAX_SYNTAX_DIAGNOSTICS = 20;

export async function analyzeBasic(code: string, language: LanguageId, userFile: string): Promise<BasicSection> {
  const t0 = performance.now();
  const grammar = await loadGrammar(language, userFile);
  const kinds = NODE_KINDS[language];
  if (!grammar || !kinds) {
    const entry = GRAMMAR_FILES[language];
    const none = typeof entry === 'function' ? undefined : entry;
    return {
      status: 'unavailable',
      reason: `no prebuilt tree-sitter grammar for ${language} (${none?.reason ?? 'no node table'}): functions, classes, imports, nesting and complexity are not computed; line counts are lexical`,
      tools: [],
      diagnostics: [],
      durationMs: performance.now() - t0,
      grammar: null,
      lines: none ? none.countLines(code) : countLinesLexically(code, { line: [] }),
      functions: [],
      classes: [],
      imports: [],
      topLevel: { complexity: 1, controlFlow: { branches: [], loops: [], returns: [], throws: [], tries: [], handlers: [] } },
      maxNesting: 0,
      syntaxErrorLines: [],
    };
  }
  const tree = parseWith(grammar.language, code);
  try {
    const structure = extractStructure(tree.rootNode, kinds);
    const lines = countLinesFromTree(code, tree.rootNode, kinds.comments);
    const diagnostics: Diagnostic[] = structure.syntaxErrors.slice(0, MAX_SYNTAX_DIAGNOSTICS).map((e) => ({
      file: userFile,
      line: e.line,
      column: e.column,
      // The grammar may lag behind the language; the compiler's verdict is the authority, so this is only a warning.
      severity: 'warning',
      message: e.missing ? `syntax: missing ${e.missing}` : 'syntax: the parser could not read this',
      code: e.missing ? 'missing-node' : 'syntax-error',
      source: grammar.name,
    }));
    return {
      status: 'ok',
      tools: [grammar.name],
      diagnostics,
      durationMs: performance.now() - t0,
      grammar: grammar.name,
      lines,
      functions: structure.functions,
      classes: structure.classes,
      imports: structure.imports,
      topLevel: structure.topLevel,
      maxNesting: structure.maxNesting,
      syntaxErrorLines: [...new Set(structure.syntaxErrors.map((e) => e.line))],
    };
  } finally {
    tree.delete();
  }
}
