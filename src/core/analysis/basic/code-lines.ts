// The lines of a file that hold code, for coverage tools that report character ranges rather than lines.
import type { LanguageId } from '../../languages/types';
import { classifyLines } from './line-counts';
import { NODE_KINDS } from './node-kinds';
import { loadGrammar, parseWith } from './tree-sitter-loader';

/** 1-based numbers of the lines with code; undefined when the language has no grammar. */
export async function codeLineNumbers(code: string, language: LanguageId, fileName?: string): Promise<Set<number> | undefined> {
  const grammar = await loadGrammar(language, fileName);
  const kinds = NODE_KINDS[language];
  if (!grammar || !kinds) return undefined;
  const tree = parseWith(grammar.language, code);
  try {
    const lines = new Set<number>();
    classifyLines(code, tree.rootNode, kinds.comments).forEach((kind, i) => {
      if (kind === 'code') lines.add(i + 1);
    });
    return lines;
  } finally {
    tree.delete();
  }
}
