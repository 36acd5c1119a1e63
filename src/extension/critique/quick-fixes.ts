// Quick fixes inside a critiqued solution: replace it with the refined answer (one edit, only that range), insert
// the critique as a comment, or refine it when it has wrong steps and no refinement yet.
import * as vscode from 'vscode';
import { renderCritiqueComment } from './critique-comment';
import { combinedVerdict, CritiqueStore } from './critique-store';
import { WRONG_STEP_CODE } from './diagnostics';
import { locateSolution, replaceSolutionEdit } from './solution-edit';

export const REFINE_COMMAND = 'mplsandbox.refineProblem';

export class CritiqueQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly store: CritiqueStore) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const critique = this.store.at(document.uri.toString(), document.offsetAt(range.start));
    if (!critique || critique.status === 'running') return [];
    const ours = context.diagnostics.filter((d) => d.code === WRONG_STEP_CODE);
    const actions: vscode.CodeAction[] = [];
    const solutionRange = locateSolution(document, critique);
    if (critique.refined && solutionRange) {
      const replace = new vscode.CodeAction('Replace solution with refined answer', vscode.CodeActionKind.QuickFix);
      replace.edit = replaceSolutionEdit(document, solutionRange, critique.refined.solution);
      replace.diagnostics = ours;
      replace.isPreferred = true;
      actions.push(replace);
    }
    const judged = critique.steps.some((s) => s.range && combinedVerdict(s.verdicts) !== 'unknown');
    if (judged && solutionRange) {
      const insert = new vscode.CodeAction('Insert critique as a comment', vscode.CodeActionKind.QuickFix);
      const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      insert.edit = new vscode.WorkspaceEdit();
      insert.edit.insert(document.uri, solutionRange.end, `${eol}${eol}${renderCritiqueComment(critique, eol)}`);
      actions.push(insert);
    }
    if (!critique.refined && ours.length > 0) {
      const refine = new vscode.CodeAction('Refine this solution with the actor model', vscode.CodeActionKind.QuickFix);
      refine.command = { title: refine.title, command: REFINE_COMMAND, arguments: [document.uri.toString(), critique.problem.index] };
      refine.diagnostics = ours;
      actions.push(refine);
    }
    return actions;
  }
}
