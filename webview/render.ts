// Builds the panel's DOM from a PanelState. Every string from the state is added as text or as KaTeX math
// (math-text.ts); the only markup is the fixed structure written here. Toolkit web components give the look.
import type { PanelState, RoundView, SourceVerdictView, StepView } from '../src/shared/critique-protocol';
import { diffLines } from './line-diff';
import { appendMathText } from './math-text';

export interface PanelActions {
  select(position: number): void;
  apply(round: RoundView): void;
  copy(round: RoundView): void;
  rerun(): void;
  stop(): void;
}

type Attrs = Record<string, string | boolean | undefined>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, attrs?: Attrs): HTMLElementTagNameMap[K];
function el(tag: string, className?: string, attrs?: Attrs): HTMLElement;
function el(tag: string, className?: string, attrs: Attrs = {}): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) node.setAttribute(name, '');
    else if (typeof value === 'string') node.setAttribute(name, value);
  }
  return node;
}

function textEl(tag: string, className: string, text: string): HTMLElement {
  const node = el(tag, className);
  node.textContent = text;
  return node;
}

function mathEl(tag: string, className: string, text: string): HTMLElement {
  const node = el(tag, className);
  appendMathText(node, text);
  return node;
}

const BADGE = { correct: '✓', wrong: '✗', unknown: '?', pending: '…' } as const;
const WORD = { correct: 'correct', wrong: 'wrong', unknown: 'not judged', pending: 'waiting for the critic' } as const;

function button(label: string, onClick: () => void, options: { appearance?: string; disabled?: boolean; id: string; title?: string }): HTMLElement {
  const b = el('vscode-button', '', { appearance: options.appearance ?? 'primary', disabled: options.disabled, id: options.id, title: options.title });
  b.textContent = label;
  b.addEventListener('click', () => {
    if (!b.hasAttribute('disabled')) onClick();
  });
  return b;
}

function roundLabel(round: RoundView): string {
  const sample = round.sample !== undefined ? `Sample ${round.sample + 1}, ` : '';
  const what = round.round === 0 ? (round.sample !== undefined ? 'solution' : 'original solution') : `refinement ${round.round}`;
  const state = round.streaming ? ' (streaming…)' : round.round > 0 || round.finalAnswerVerdict !== 'unknown' ? (round.accepted ? ' — accepted' : ' — not accepted') : '';
  return `${sample}${what}${state}`;
}

function verdictLine(v: SourceVerdictView): HTMLElement {
  const line = el('div', `source-verdict verdict-${v.verdict}`);
  line.append(textEl('span', 'mark', BADGE[v.verdict]));
  const tag = el('vscode-tag', 'source');
  tag.textContent = v.label;
  line.append(tag);
  if (v.explanation) line.append(mathEl('span', 'explanation', v.explanation));
  if (v.computed) line.append(textEl('span', 'computed', `computed: ${v.computed}`));
  return line;
}

function stepItem(step: StepView): HTMLElement {
  const item = el('li', `step verdict-${step.verdict}`, { 'data-step': String(step.index) });
  const head = el('div', 'step-head');
  const badge = el('vscode-badge', `badge verdict-${step.verdict}`, { title: WORD[step.verdict] });
  badge.textContent = BADGE[step.verdict];
  head.append(badge, mathEl('span', 'step-text', step.source));
  item.append(head);
  for (const v of step.verdicts) item.append(verdictLine(v));
  return item;
}

function diffView(before: string, after: string): HTMLElement {
  const pre = el('pre', 'diff');
  for (const line of diffLines(before, after)) {
    const row = textEl('div', `diff-${line.kind}`, `${line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}${line.text}`);
    pre.append(row);
  }
  return pre;
}

function section(title: string, ...children: Node[]): HTMLElement {
  const s = el('section');
  s.append(textEl('h3', '', title), ...children);
  return s;
}

export function render(root: HTMLElement, state: PanelState, selected: number, actions: PanelActions, notice?: string): void {
  root.replaceChildren();
  const problem = state.problem;
  const header = el('header');
  header.append(textEl('h2', 'title', problem ? `${problem.title ?? `Problem ${problem.index + 1}`} · ${problem.documentName}` : 'Math Critique'));
  const status = el('div', `status status-${state.status}`, { id: 'status' });
  if (state.status === 'running') status.append(el('vscode-progress-ring', 'ring'));
  status.append(textEl('span', 'status-text', state.statusText));
  header.append(status);
  if (state.modelLabel) header.append(textEl('div', 'models', state.modelLabel));
  root.append(header);
  if (!problem) return;

  root.append(section('Problem', mathEl('div', 'question', problem.question)));
  const round = state.rounds[selected];
  if (round) {
    const nav = el('div', 'history', { role: 'group', 'aria-label': 'Refinement rounds' });
    nav.append(
      button('◀', () => actions.select(selected - 1), { appearance: 'icon', disabled: selected === 0, id: 'previous-round', title: 'Previous round' }),
      textEl('span', 'round-label', `${selected + 1} / ${state.rounds.length}: ${roundLabel(round)}`),
      button('▶', () => actions.select(selected + 1), { appearance: 'icon', disabled: selected >= state.rounds.length - 1, id: 'next-round', title: 'Next round' }),
    );
    root.append(nav, el('vscode-divider'));

    const steps = el('ol', 'steps');
    for (const step of round.steps) steps.append(stepItem(step));
    root.append(section('Steps', steps));

    const final = el('div', `final verdict-${round.finalAnswerVerdict}`, { id: 'final-answer' });
    final.append(textEl('span', 'mark', BADGE[round.finalAnswerVerdict]));
    final.append(round.finalAnswer ? mathEl('span', 'answer', round.finalAnswer) : textEl('span', 'answer', '(no final answer found)'));
    final.append(textEl('span', 'final-word', ` ${WORD[round.finalAnswerVerdict]}`));
    if (round.finalExplanation) final.append(mathEl('div', 'explanation', round.finalExplanation));
    root.append(section('Final answer', final));

    if (round.round > 0 && !round.streaming) root.append(section('Changes from the original', diffView(problem.originalSolution, round.solution)));
  }
  if (state.actorDraft && state.status === 'running') root.append(section('The actor is writing…', textEl('pre', 'draft', state.actorDraft)));
  if (state.votes) {
    const list = el('ul', 'votes');
    for (const v of state.votes.votes) {
      const li = el('li', v.answer === state.votes.answer ? 'winner' : '');
      li.append(mathEl('span', 'vote-answer', v.answer), textEl('span', 'vote-count', ` × ${v.count} (samples ${v.samples.map((s) => s + 1).join(', ')})`));
      list.append(li);
    }
    const over = state.votes.votedOver === 'accepted' ? 'over the samples the critic accepted' : 'over all samples (the critic accepted none)';
    root.append(section(`Votes ${over}`, list));
  }

  const bar = el('div', 'actions');
  const canApply = round !== undefined && round.round > 0 && !round.streaming && state.status !== 'running';
  bar.append(
    button('Apply', () => round && actions.apply(round), { id: 'apply', disabled: !canApply, title: 'Replace the solution in the note with this round (one undoable edit)' }),
    button('Copy', () => round && actions.copy(round), { id: 'copy', appearance: 'secondary', disabled: !round || round.streaming }),
    button('Re-run', () => actions.rerun(), { id: 'rerun', appearance: 'secondary', disabled: state.status === 'running' }),
    button('Stop', () => actions.stop(), { id: 'stop', appearance: 'secondary', disabled: state.status !== 'running' }),
  );
  root.append(bar);
  if (notice) root.append(textEl('div', 'notice', notice));
}
