// Optional critique on save (`mplsandbox.critique.onSave`, off by default): after a save of a Markdown note, and
// once the saves have stopped for `onSaveDelayMs`, every problem of the note is critiqued again, quietly.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { describeError } from '../log';
import type { CritiqueRunner } from './critique-runner';
import { isMarkdown } from './document-ranges';
import { parsedNote } from './parsed-notes';

export class CritiqueOnSave implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly ctx: Ctx,
    private readonly runner: CritiqueRunner,
  ) {
    this.subscription = vscode.workspace.onDidSaveTextDocument((document) => this.saved(document));
  }

  private saved(document: vscode.TextDocument): void {
    const settings = this.ctx.config.critique;
    if (!settings.onSave || !isMarkdown(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.critiqueAll(document);
      }, settings.onSaveDelayMs),
    );
  }

  private async critiqueAll(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const problems = parsedNote(document).problems;
    for (const problem of problems) {
      try {
        await this.runner.run(document, problem.index, 'critique', 'save');
      } catch (err) {
        this.ctx.log.warn(`critique on save of ${document.uri.fsPath}: ${describeError(err)}`);
      }
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.subscription.dispose();
  }
}
