// Entry of the "Math Critique" panel page (bundled by esbuild into media/webview.js, styles into media/webview.css).
import { provideVSCodeDesignSystem, vsCodeBadge, vsCodeButton, vsCodeDivider, vsCodeProgressRing, vsCodeTag } from '@vscode/webview-ui-toolkit';
import 'katex/dist/katex.min.css';
import './panel.css';
import { IDLE_PANEL_STATE, persistedWebviewStateSchema, type PanelState, type RoundView } from '../src/shared/critique-protocol';
import { Messenger } from './messenger';
import { render, type PanelActions } from './render';
import { vscodeApi } from './vscode-api';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeBadge(), vsCodeDivider(), vsCodeProgressRing(), vsCodeTag());

const messenger = new Messenger({ postMessage: (m) => vscodeApi.postMessage(m), addEventListener: (type, listener) => window.addEventListener(type, listener) });
const request = messenger.request.bind(messenger);

const root = document.getElementById('app') as HTMLElement;
const saved = persistedWebviewStateSchema.safeParse(vscodeApi.getState());
let state: PanelState = saved.success ? saved.data.state : IDLE_PANEL_STATE;
let selected = saved.success ? saved.data.selectedRound : 0;
/** Follow the newest round as it arrives unless the user stepped back in the history. */
let followLatest = !saved.success || selected >= state.rounds.length - 1;
let notice: string | undefined;

function show(): void {
  selected = Math.max(0, Math.min(selected, state.rounds.length - 1));
  vscodeApi.setState({ state, selectedRound: selected });
  render(root, state, selected, actions, notice);
}

function update(next: PanelState): void {
  const sameProblem = next.problem?.documentUri === state.problem?.documentUri && next.problem?.index === state.problem?.index;
  if (!sameProblem || followLatest) selected = next.rounds.length - 1;
  if (!sameProblem) followLatest = true;
  state = next;
  show();
}

async function act(what: Promise<{ ok: boolean; message?: string }>): Promise<void> {
  try {
    const outcome = await what;
    notice = outcome.message;
  } catch (err) {
    notice = err instanceof Error ? err.message : String(err);
  }
  show();
}

const ref = (round: RoundView) => ({ round: round.round, ...(round.sample !== undefined ? { sample: round.sample } : {}) });

const actions: PanelActions = {
  select(position) {
    selected = position;
    followLatest = position >= state.rounds.length - 1;
    notice = undefined;
    show();
  },
  apply: (round) => void act(request('apply', ref(round))),
  copy: (round) => void act(request('copy', ref(round))),
  rerun: () => void act(request('rerun', {})),
  stop: () => void act(request('stop', {})),
};

messenger.listen(update);
show();
void request('ready', {}).then(
  (answer) => answer.state && update(answer.state),
  (err: unknown) => {
    // Shown, not only logged: the panel would otherwise look empty for no visible reason.
    notice = err instanceof Error ? err.message : String(err);
    show();
  },
);
