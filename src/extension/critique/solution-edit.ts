// "Replace solution with refined answer": one WorkspaceEdit that replaces exactly the critiqued solution's range,
// and only while that range still holds the text that was critiqued (the user may have edited it since).
import * as vscode from 'vscode';
import { parseNote } from '../../core/critique/notes';
import type { ProblemCritique } from './critique-store';
import { toRange } from './document-ranges';

/** Where the critiqued solution is now: its tracked range, else the one problem whose solution has the same text. */
export function locateSolution(document: vscode.TextDocument, critique: Pick<ProblemCritique, 'solutionRange' | 'solutionText'>): vscode.Range | undefined {
  const text = document.getText();
  const tracked = critique.solutionRange;
  if (tracked && text.slice(tracked.start, tracked.end) === critique.solutionText) return toRange(document, tracked);
  const same = parseNote(text).problems.filter((p) => text.slice(p.solutionRange.startOffset, p.solutionRange.endOffset) === critique.solutionText);
  if (same.length !== 1) return undefined;
  return toRange(document, { start: same[0].solutionRange.startOffset, end: same[0].solutionRange.endOffset });
}

/** The refined solution as it goes into the note: trimmed, with the note's line endings. */
export function solutionForNote(document: vscode.TextDocument, solution: string): string {
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  return solution.trim().replace(/\r?\n/g, eol);
}

export function replaceSolutionEdit(document: vscode.TextDocument, range: vscode.Range, solution: string): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, solutionForNote(document, solution));
  return edit;
}

export type ApplyOutcome = { ok: true } | { ok: false; message: string };

/** Applies `solution` over the critiqued solution, as one undoable edit. */
export async function applySolution(
  document: vscode.TextDocument,
  critique: Pick<ProblemCritique, 'solutionRange' | 'solutionText'>,
  solution: string,
): Promise<ApplyOutcome> {
  const range = locateSolution(document, critique);
  if (!range) return { ok: false, message: 'the solution in the note changed since it was critiqued: run the critique again before applying' };
  const applied = await vscode.workspace.applyEdit(replaceSolutionEdit(document, range, solution));
  return applied ? { ok: true } : { ok: false, message: 'VS Code refused the edit (is the note read-only?)' };
}
