// Verdict marks in the built-in Markdown preview: a markdown-it plugin (contributed through
// `markdown.markdownItPlugins`, returned from activate as `extendMarkdownIt`) that puts ✓/✗ after each judged step.
// It only marks a rendering of exactly the text the ranges refer to, so a mark can never land on another step.
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import * as vscode from 'vscode';
import { combinedVerdict, CritiqueStore, verdictSourceLabel } from './critique-store';
import { openDocument } from './document-ranges';

const MARK = { correct: '✓', wrong: '✗' } as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

interface Mark {
  /** 0-based line of the step's last character. */
  line: number;
  html: string;
}

function marksFor(store: CritiqueStore, uri: string, src: string): Mark[] {
  const document = openDocument(uri);
  if (!document || document.getText() !== src) return [];
  const marks: Mark[] = [];
  for (const critique of store.all(uri)) {
    for (const step of critique.steps) {
      if (!step.range) continue;
      const verdict = combinedVerdict(step.verdicts);
      if (verdict === 'unknown') continue;
      const title = step.verdicts
        .filter((v) => v.verdict !== 'unknown')
        .map((v) => `${MARK[v.verdict as 'correct' | 'wrong']} ${verdictSourceLabel(v)}${v.explanation ? `: ${v.explanation}` : ''}`)
        .join('\n');
      marks.push({
        line: lineOf(src, Math.max(step.range.start, step.range.end - 1)),
        html: `<span class="mplsandbox-verdict mplsandbox-verdict-${verdict}" title="${escapeHtml(title)}">${MARK[verdict]}</span>`,
      });
    }
  }
  return marks;
}

function markToken(state: StateCore, html: string): Token {
  const token = new state.Token('html_inline', '', 0);
  token.content = html;
  return token;
}

/** Inserts the marks of lines [first, last) of an inline token after the text of their line. */
function placeMarks(state: StateCore, inline: Token, marks: Mark[]): void {
  const [first, last] = inline.map as [number, number];
  const mine = marks.filter((m) => m.line >= first && m.line < last);
  if (mine.length === 0 || !inline.children) return;
  const children: Token[] = [];
  let line = first;
  const flush = () => mine.filter((m) => m.line === line).forEach((m) => children.push(markToken(state, m.html)));
  for (const child of inline.children) {
    if (child.type === 'softbreak' || child.type === 'hardbreak') {
      flush();
      line++;
    }
    children.push(child);
  }
  flush();
  inline.children = children;
}

export function verdictMarkdownItPlugin(store: CritiqueStore): (md: MarkdownIt) => MarkdownIt {
  return (md) => {
    md.core.ruler.push('mplsandbox_verdicts', (state) => {
      const current = (state.env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
      if (!current) return false;
      const marks = marksFor(store, current.toString(), state.src);
      if (marks.length === 0) return false;
      for (const token of state.tokens) if (token.type === 'inline' && token.map) placeMarks(state, token, marks);
      return true;
    });
    return md;
  };
}

/** Re-renders open previews when verdicts change (at most every 300 ms). */
export function refreshPreviewsOnChange(store: CritiqueStore): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const subscription = store.onDidChange(() => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
    }, 300);
  });
  return { dispose: () => (clearTimeout(timer), subscription.dispose()) };
}
