// "Critique steps · Refine · Show in panel" above each problem of a Markdown math note; while a run goes on, its
// status and "Cancel" instead; afterwards a one-line summary.
import * as vscode from 'vscode';
import type { MathProblem } from '../../core/critique/types';
import { CritiqueStore } from './critique-store';
import { parsedNote } from './parsed-notes';

export const CODELENS_COMMANDS = {
  critique: 'mplsandbox.critiqueProblem',
  refine: 'mplsandbox.refineProblem',
  show: 'mplsandbox.showCritiquePanel',
  cancel: 'mplsandbox.cancelCritique',
} as const;

/** The heading or bold label of the problem when it is just above the question, else the question's first line. */
function lensLine(document: vscode.TextDocument, problem: MathProblem): number {
  const questionLine = problem.questionRange.startLine - 1;
  for (let line = questionLine - 1; line >= 0 && line >= questionLine - 3; line--) {
    const text = document.lineAt(line).text.trim();
    if (text === '') continue;
    return /^(#{1,6}\s|\*\*|__)/.test(text) || (problem.title && text.includes(problem.title)) ? line : questionLine;
  }
  return questionLine;
}

export class CritiqueCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: CritiqueStore) {
    this.subscription = store.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const uri = document.uri.toString();
    const lenses: vscode.CodeLens[] = [];
    for (const problem of parsedNote(document).problems) {
      const line = lensLine(document, problem);
      const range = new vscode.Range(line, 0, line, 0);
      const args = [uri, problem.index];
      const critique = this.store.forProblem(uri, problem);
      if (critique?.status === 'running') {
        lenses.push(new vscode.CodeLens(range, { title: `$(sync~spin) ${critique.statusText}`, command: CODELENS_COMMANDS.show, arguments: args }));
        lenses.push(new vscode.CodeLens(range, { title: '$(debug-stop) Cancel', command: CODELENS_COMMANDS.cancel, arguments: args }));
        continue;
      }
      lenses.push(new vscode.CodeLens(range, { title: 'Critique steps', command: CODELENS_COMMANDS.critique, arguments: args, tooltip: 'Check every step (symbolic checker, and the critic model when one is configured)' }));
      lenses.push(new vscode.CodeLens(range, { title: 'Refine', command: CODELENS_COMMANDS.refine, arguments: args, tooltip: 'Critique, then let the actor model rewrite the solution until the critic accepts it' }));
      lenses.push(new vscode.CodeLens(range, { title: 'Show in panel', command: CODELENS_COMMANDS.show, arguments: args }));
      if (critique) {
        const icon = critique.status === 'failed' ? '$(error)' : critique.status === 'cancelled' ? '$(circle-slash)' : critique.statusText.startsWith('no wrong') ? '$(pass)' : '$(warning)';
        lenses.push(new vscode.CodeLens(range, { title: `${icon} ${critique.statusText}`, command: CODELENS_COMMANDS.show, arguments: args }));
      }
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
