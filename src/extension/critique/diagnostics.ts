// Problems-panel entries for wrong steps: a symbolic contradiction is an Error that names the computed value; a
// model's "Wrong" is a Warning with its explanation. Correct and unjudged steps get none.
import * as vscode from 'vscode';
import type { StepVerdict } from '../../core/critique/types';
import { CritiqueStore, verdictSourceLabel } from './critique-store';
import { openDocument, toRange } from './document-ranges';

/** `Diagnostic.code` of our entries, so that quick fixes recognise them. */
export const WRONG_STEP_CODE = 'wrong-step';

export function diagnosticMessage(stepNumber: number, v: StepVerdict): string {
  if (v.source === 'symbolic') {
    const what = v.explanation ?? 'the arithmetic does not hold';
    return `Step ${stepNumber}: ${what}${v.computed ? ` (the checker computed ${v.computed})` : ''}`;
  }
  return `Step ${stepNumber} is wrong according to ${v.model ?? 'the critic'}${v.explanation ? `: ${v.explanation}` : ''}`;
}

export class CritiqueDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('mplsandbox-critique');
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: CritiqueStore) {
    this.subscription = store.onDidChange((e) => this.refresh(e.uri));
  }

  refresh(uri: string): void {
    const document = openDocument(uri);
    const critiques = this.store.all(uri);
    if (!document || critiques.length === 0) {
      this.collection.delete(vscode.Uri.parse(uri));
      return;
    }
    const diagnostics: vscode.Diagnostic[] = [];
    for (const critique of critiques) {
      for (const step of critique.steps) {
        if (!step.range) continue;
        for (const v of step.verdicts) {
          if (v.verdict !== 'wrong') continue;
          const severity = v.source === 'symbolic' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
          const d = new vscode.Diagnostic(toRange(document, step.range), diagnosticMessage(step.index + 1, v), severity);
          d.source = verdictSourceLabel(v);
          d.code = WRONG_STEP_CODE;
          diagnostics.push(d);
        }
      }
    }
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
