// Parsed notes, cached per document version: CodeLens, commands and the preview ask often for the same text.
import type * as vscode from 'vscode';
import { parseNote } from '../../core/critique/notes';
import type { MathProblem, ParsedNote } from '../../core/critique/types';

const cache = new WeakMap<vscode.TextDocument, { version: number; note: ParsedNote }>();

export function parsedNote(document: vscode.TextDocument): ParsedNote {
  const hit = cache.get(document);
  if (hit && hit.version === document.version) return hit.note;
  const note = parseNote(document.getText());
  cache.set(document, { version: document.version, note });
  return note;
}

/** The problem whose solution (or question) contains `offset`. */
export function problemAt(document: vscode.TextDocument, offset: number): MathProblem | undefined {
  return parsedNote(document).problems.find(
    (p) =>
      (p.solutionRange.startOffset <= offset && offset <= p.solutionRange.endOffset) ||
      (p.questionRange.startOffset <= offset && offset <= p.questionRange.endOffset),
  );
}
