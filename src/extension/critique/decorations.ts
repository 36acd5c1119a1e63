// A subtle ✓ or ✗ after the last character of each judged step, in every visible editor of the note.
import * as vscode from 'vscode';
import { combinedVerdict, CritiqueStore } from './critique-store';

function marker(text: string, color: string): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    after: { contentText: text, color: new vscode.ThemeColor(color), margin: '0 0 0 0.8em', fontWeight: 'normal' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}

export class VerdictDecorations implements vscode.Disposable {
  private readonly correct = marker('✓', 'testing.iconPassed');
  private readonly wrong = marker('✗', 'testing.iconFailed');
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: CritiqueStore) {
    this.subscriptions = [
      store.onDidChange((e) => this.refreshUri(e.uri)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.refresh(e))),
    ];
  }

  private refreshUri(uri: string): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri) this.refresh(editor);
  }

  refresh(editor: vscode.TextEditor): void {
    const document = editor.document;
    const correct: vscode.Range[] = [];
    const wrong: vscode.Range[] = [];
    for (const critique of this.store.all(document.uri.toString())) {
      for (const step of critique.steps) {
        if (!step.range) continue;
        const verdict = combinedVerdict(step.verdicts);
        if (verdict === 'unknown') continue;
        const end = document.positionAt(step.range.end);
        (verdict === 'wrong' ? wrong : correct).push(new vscode.Range(end, end));
      }
    }
    editor.setDecorations(this.correct, correct);
    editor.setDecorations(this.wrong, wrong);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.correct.dispose();
    this.wrong.dispose();
  }
}
