// Text with LaTeX math ($…$, $$…$$, \(…\), \[…\], \begin{…}…\end{…}) as DOM nodes: the text as text nodes, the
// math drawn by KaTeX with trust off (no \href, \includegraphics, \html…) and errors shown in place. Model output
// goes through here, so nothing in it is ever parsed as HTML.
import katex from 'katex';

export interface Segment {
  kind: 'text' | 'math';
  text: string;
  display?: boolean;
}

const ENVIRONMENTS = /^\\begin\{(align\*?|aligned|equation\*?|gather\*?|array|cases|matrix|pmatrix|bmatrix)\}/;

/**
 * Splits `text` into text and math. A single `$` opens math only when followed by a non-space and closes only when
 * preceded by a non-space and not followed by a digit (as pandoc does), so "$2 and $3" stays money.
 */
export function splitMath(text: string): Segment[] {
  const out: Segment[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest.startsWith('\\$')) {
      plain += '$';
      i += 2;
      continue;
    }
    const pair = rest.startsWith('$$') ? ['$$', '$$', true] : rest.startsWith('\\[') ? ['\\[', '\\]', true] : rest.startsWith('\\(') ? ['\\(', '\\)', false] : undefined;
    if (pair) {
      const [open, close, display] = pair as [string, string, boolean];
      const end = text.indexOf(close, i + open.length);
      if (end > i + open.length) {
        flush();
        out.push({ kind: 'math', text: text.slice(i + open.length, end), display });
        i = end + close.length;
        continue;
      }
    }
    const env = ENVIRONMENTS.exec(rest);
    if (env) {
      const closing = `\\end{${env[1]}}`;
      const end = text.indexOf(closing, i);
      if (end > 0) {
        flush();
        out.push({ kind: 'math', text: text.slice(i, end + closing.length), display: true });
        i = end + closing.length;
        continue;
      }
    }
    if (text[i] === '$' && i + 1 < text.length && !/\s/.test(text[i + 1])) {
      let end = i + 1;
      for (;;) {
        end = text.indexOf('$', end);
        if (end < 0 || text[end - 1] !== '\\') break;
        end++;
      }
      if (end > i + 1 && !/\s/.test(text[end - 1]) && !/\d/.test(text[end + 1] ?? '')) {
        flush();
        out.push({ kind: 'math', text: text.slice(i + 1, end), display: false });
        i = end + 1;
        continue;
      }
    }
    plain += text[i];
    i++;
  }
  flush();
  return out;
}

function mathNode(tex: string, display: boolean): HTMLElement {
  const node = document.createElement(display ? 'div' : 'span');
  node.className = display ? 'math math-display' : 'math';
  try {
    katex.render(tex, node, { displayMode: display, throwOnError: false, trust: false, strict: 'ignore', maxSize: 50, maxExpand: 500, output: 'htmlAndMathml' });
  } catch {
    node.textContent = tex;
  }
  return node;
}

/** Appends `text` to `parent`: text nodes and KaTeX-rendered math. */
export function appendMathText(parent: HTMLElement, text: string): void {
  for (const segment of splitMath(text)) {
    parent.append(segment.kind === 'text' ? document.createTextNode(segment.text) : mathNode(segment.text, segment.display ?? false));
  }
}
