// Code, comment and blank lines. With a syntax tree a line is code when a non-comment token touches it; without one
// (Perl) a lexical rule stands in: `#` lines and POD blocks are comments.
import type { LineCounts } from '../types';
import type { SyntaxNode } from './tree-sitter-loader';

export function sourceLines(code: string): string[] {
  const lines = code.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return code === '' ? [] : lines;
}

/** Rows a node covers; a node that ends at column 0 of a row does not touch that row. */
function rowsOf(node: SyntaxNode): [number, number] {
  const end = node.endPosition.column === 0 && node.endPosition.row > node.startPosition.row ? node.endPosition.row - 1 : node.endPosition.row;
  return [node.startPosition.row, end];
}

export type LineKind = 'code' | 'comment' | 'blank';

/** The kind of each line (index 0 = line 1). */
export function classifyLines(code: string, root: SyntaxNode, commentTypes: readonly string[]): LineKind[] {
  const lines = sourceLines(code);
  const hasCode = new Uint8Array(lines.length + 1);
  const hasComment = new Uint8Array(lines.length + 1);
  const mark = (flags: Uint8Array, [from, to]: [number, number]) => {
    for (let row = from; row <= to && row < flags.length; row++) flags[row] = 1;
  };
  const stack: SyntaxNode[] = [root];
  while (stack.length) {
    const node = stack.pop() as SyntaxNode;
    if (commentTypes.includes(node.type)) mark(hasComment, rowsOf(node));
    else if (node.childCount === 0) {
      if (node.endIndex > node.startIndex) mark(hasCode, rowsOf(node));
    } else for (const child of node.children) stack.push(child);
  }
  return lines.map((text, row) => (hasCode[row] ? 'code' : hasComment[row] ? 'comment' : text.trim() === '' ? 'blank' : 'code'));
}

export function countLinesFromTree(code: string, root: SyntaxNode, commentTypes: readonly string[]): LineCounts {
  const kinds = classifyLines(code, root, commentTypes);
  const counts: LineCounts = { total: kinds.length, code: 0, comment: 0, blank: 0 };
  for (const kind of kinds) counts[kind]++;
  return counts;
}

/** Perl without a grammar: `#` comments, POD (`=head1` … `=cut`) and everything after `__END__`/`__DATA__` as comment. */
export function countPerlLines(code: string): LineCounts {
  const lines = sourceLines(code);
  const counts: LineCounts = { total: lines.length, code: 0, comment: 0, blank: 0 };
  let inPod = false;
  let afterEnd = false;
  for (const text of lines) {
    if (afterEnd) {
      counts.comment++;
      continue;
    }
    if (inPod) {
      counts.comment++;
      if (/^=cut\b/.test(text)) inPod = false;
      continue;
    }
    if (/^=[a-zA-Z]/.test(text)) {
      inPod = !/^=cut\b/.test(text);
      counts.comment++;
    } else if (/^__(END|DATA)__\s*$/.test(text)) {
      afterEnd = true;
      counts.code++;
    } else if (text.trim() === '') counts.blank++;
    else if (/^\s*#/.test(text)) counts.comment++;
    else counts.code++;
  }
  return counts;
}

/** Comment syntax for languages without a grammar: line-comment prefixes and block delimiters. */
export interface CommentSyntax {
  line: readonly string[];
  block?: readonly (readonly [string, string])[];
}

/**
 * A lexical stand-in for a syntax tree: a line is a comment when it holds only comments (line comments after
 * optional spaces, or lines inside a block comment), blank when empty, code otherwise. Comment markers inside
 * strings are not recognised, which only matters on lines that start with a string.
 */
export function countLinesLexically(code: string, syntax: CommentSyntax): LineCounts {
  const lines = sourceLines(code);
  const counts: LineCounts = { total: lines.length, code: 0, comment: 0, blank: 0 };
  let openBlock: string | undefined;
  for (const text of lines) {
    let rest = text.trim();
    let sawCode = false;
    let sawComment = false;
    while (rest.length > 0) {
      if (openBlock) {
        sawComment = true;
        const end = rest.indexOf(openBlock);
        if (end < 0) {
          rest = '';
          break;
        }
        rest = rest.slice(end + openBlock.length).trim();
        openBlock = undefined;
        continue;
      }
      const block = syntax.block?.find(([open]) => rest.startsWith(open));
      if (block) {
        sawComment = true;
        rest = rest.slice(block[0].length);
        openBlock = block[1];
        continue;
      }
      if (syntax.line.some((p) => rest.startsWith(p))) {
        sawComment = true;
        break;
      }
      sawCode = true;
      break;
    }
    if (sawCode) counts.code++;
    else if (sawComment) counts.comment++;
    else counts.blank++;
  }
  return counts;
}
