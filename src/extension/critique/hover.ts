// Hovering a judged step shows each source's verdict and explanation (the symbolic checker or which model).
// Explanations come from a model: they are appended as plain text, never as Markdown or HTML.
import * as vscode from 'vscode';
import { combinedVerdict, CritiqueStore, verdictSourceLabel } from './critique-store';
import { toRange } from './document-ranges';

const MARK = { correct: '✓', wrong: '✗', unknown: '?' } as const;
const WORD = { correct: 'Correct', wrong: 'Wrong', unknown: 'Not judged' } as const;

export class VerdictHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: CritiqueStore) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const offset = document.offsetAt(position);
    const critique = this.store.at(document.uri.toString(), offset);
    const step = critique?.steps.find((s) => s.range && s.range.start <= offset && offset <= s.range.end && s.verdicts.length > 0);
    if (!step?.range) return undefined;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**MPLSandbox** · step ${step.index + 1}: ${MARK[combinedVerdict(step.verdicts)]} ${WORD[combinedVerdict(step.verdicts)]}\n\n`);
    for (const v of step.verdicts) {
      md.appendMarkdown(`${MARK[v.verdict]} *${WORD[v.verdict]}* — `);
      md.appendText(verdictSourceLabel(v));
      if (v.explanation || v.computed) {
        md.appendText(`: ${v.explanation ?? ''}${v.computed ? ` (computed: ${v.computed})` : ''}`);
      }
      md.appendMarkdown('\n\n');
    }
    return new vscode.Hover(md, toRange(document, step.range));
  }
}
