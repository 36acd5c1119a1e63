// The "Math Critique" side panel (a WebviewView): shows one critique (the one last sent with "Show in panel" or
// started by the user), pushes its state as it streams, and answers the page's requests. Every message is checked
// against the protocol's zod schemas in both directions; they come from dist/critique-core.js, which the panel
// loads once it is shown (zod is most of what activation would otherwise parse). The page keeps its own copy of the state with setState,
// which VS Code hands back here after a window reload, so Apply and Copy still work then.
import * as vscode from 'vscode';
import type { PanelState, RequestData, RequestName, ResponseData, ToWebviewMessage } from '../../../shared/critique-protocol';
import type { Ctx } from '../../ctx';
import { describeError } from '../../log';
import type { CritiqueRunner } from '../critique-runner';
import type { CritiqueStore, ProblemCritique } from '../critique-store';
import { loadCritiqueCore } from '../load-core';
import { applySolution } from '../solution-edit';
import { panelStateOf } from './panel-state';
import { webviewHtml } from './webview-html';

// Not under `mplsandbox.`: VS Code derives commands from a view's id (…focus, …open), which are not palette commands.
export const CRITIQUE_VIEW_ID = 'mplsandbox-critique.panel';
const POST_INTERVAL_MS = 100;

/** One handler per request, given the request's data already parsed (once, in `receive`). */
type Handlers = { [N in RequestName]: (data: RequestData<N>) => Promise<ResponseData<N>> };

export class CritiqueView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view?: vscode.WebviewView;
  private focusId?: number;
  /** The page's state from before a window reload, until a critique is shown. */
  private restored?: PanelState;
  private postTimer?: NodeJS.Timeout;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The listeners of the current view, disposed with it: a re-created view does not add to them. */
  private viewSubscriptions: vscode.Disposable[] = [];
  private resolved = 0;

  constructor(
    private readonly ctx: Ctx,
    private readonly store: CritiqueStore,
    private readonly runner: CritiqueRunner,
  ) {
    this.subscriptions.push(
      store.onDidChange((e) => {
        if (this.focusId !== undefined && (e.critique?.id === this.focusId || (!e.critique && this.focused()?.uri === e.uri))) this.schedulePost();
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView, context: vscode.WebviewViewResolveContext): void {
    this.view = view;
    this.resolved++;
    const { persistedWebviewStateSchema } = loadCritiqueCore();
    const restored = persistedWebviewStateSchema.safeParse(context.state);
    if (restored.success && this.focusId === undefined) this.restored = restored.data.state;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.ctx.extensionUri, 'media')] };
    view.webview.html = webviewHtml(view.webview, this.ctx.extensionUri);
    this.disposeViewSubscriptions();
    const subscriptions = [
      view.webview.onDidReceiveMessage((message) => void this.receive(message)),
      view.onDidDispose(() => {
        for (const s of subscriptions) s.dispose();
        if (this.view === view) {
          this.view = undefined;
          this.viewSubscriptions = [];
        }
      }),
    ];
    this.viewSubscriptions = subscriptions;
  }

  /** Shows `critique` in the panel (revealing it) and follows it from now on. */
  async show(critique: ProblemCritique, reveal = true): Promise<void> {
    this.focusId = critique.id;
    this.restored = undefined;
    if (reveal) await vscode.commands.executeCommand(`${CRITIQUE_VIEW_ID}.focus`);
    this.schedulePost(0);
  }

  /** Follows `critique` when the panel shows nothing yet or a finished one (so a new run appears without a click). */
  follow(critique: ProblemCritique): void {
    const current = this.focused();
    if (!current || current.status !== 'running') void this.show(critique, false);
  }

  private focused(): ProblemCritique | undefined {
    return this.focusId === undefined ? undefined : this.store.byId(this.focusId);
  }

  private currentState(): PanelState | undefined {
    const critique = this.focused();
    return critique ? panelStateOf(critique) : this.restored;
  }

  private schedulePost(delay = POST_INTERVAL_MS): void {
    if (this.postTimer) return;
    this.postTimer = setTimeout(() => {
      this.postTimer = undefined;
      const state = this.currentState();
      if (state) this.post({ kind: 'state', state: loadCritiqueCore().panelStateSchema.parse(state) });
    }, delay);
  }

  private post(message: ToWebviewMessage): void {
    void this.view?.webview.postMessage(message);
  }

  private async receive(message: unknown): Promise<void> {
    const { requestEnvelopeSchema, toExtensionProtocol } = loadCritiqueCore();
    const envelope = requestEnvelopeSchema.safeParse(message);
    if (!envelope.success) {
      this.ctx.log.warn(`critique panel: ignored a malformed message (${envelope.error.issues[0]?.message ?? 'invalid'})`);
      return;
    }
    const { id, name, data } = envelope.data;
    try {
      const result = await this.dispatch(name, toExtensionProtocol[name][0].parse(data) as RequestData<typeof name>);
      this.post({ kind: 'response', id, name, data: toExtensionProtocol[name][1].parse(result) });
    } catch (err) {
      this.ctx.log.error(`critique panel: ${name} failed: ${describeError(err)}`);
      this.post({ kind: 'response', id, name, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private dispatch<N extends RequestName>(name: N, data: RequestData<N>): Promise<ResponseData<N>> {
    return (this.handlers[name] as (d: RequestData<N>) => Promise<ResponseData<N>>)(data);
  }

  /** Views resolved so far, and the listeners attached to the current one (a re-created view must not add to them). */
  get lifecycle(): { resolved: number; liveSubscriptions: number } {
    return { resolved: this.resolved, liveSubscriptions: this.viewSubscriptions.length };
  }

  private disposeViewSubscriptions(): void {
    for (const s of this.viewSubscriptions.splice(0)) s.dispose();
  }

  private solutionOf(ref: { round: number; sample?: number }): { state: PanelState; solution: string } {
    const state = this.currentState();
    const round = state?.rounds.find((r) => r.round === ref.round && r.sample === ref.sample && !r.streaming);
    if (!state?.problem || !round) throw new Error('that round is no longer available: run the critique again');
    return { state, solution: round.solution };
  }

  private readonly handlers: Handlers = {
    ready: async () => ({ ...(this.currentState() ? { state: this.currentState() } : {}) }),
    apply: async (ref) => {
      if (ref.round === 0) return { ok: false, message: 'This is the solution that is already in the note.' };
      const { state, solution } = this.solutionOf(ref);
      const problem = state.problem as NonNullable<PanelState['problem']>;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(problem.documentUri));
      const tracked = this.focused();
      const outcome = await applySolution(document, tracked ?? { solutionRange: undefined, solutionText: problem.originalSolution }, solution);
      if (!outcome.ok) return { ok: false, message: `Not applied: ${outcome.message}.` };
      await vscode.window.showTextDocument(document, { preview: false, preserveFocus: true });
      return { ok: true, message: `Applied to ${problem.documentName}. Undo (Ctrl+Z in the note) restores the original.` };
    },
    copy: async (ref) => {
      const { solution } = this.solutionOf(ref);
      await vscode.env.clipboard.writeText(solution);
      return { ok: true, message: 'Copied.' };
    },
    rerun: async () => {
      const critique = this.focused();
      const problem = critique ? undefined : this.restored?.problem;
      const uri = critique?.uri ?? problem?.documentUri;
      if (!uri) return { ok: false, message: 'Nothing to run again.' };
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const index = critique?.problem.index ?? problem?.index ?? 0;
      const mode = critique?.mode ?? (this.restored && this.restored.rounds.length > 1 ? 'refine' : 'critique');
      const run = this.runner.run(document, index, mode);
      // Follow the new run as soon as it is registered (run() registers it synchronously).
      const started = this.store.all(uri).at(-1);
      if (started) await this.show(started, false);
      void run.catch((err: unknown) => this.ctx.log.error(`re-run failed: ${describeError(err)}`));
      return { ok: true };
    },
    stop: async () => {
      const critique = this.focused();
      if (!critique || critique.status !== 'running') return { ok: false, message: 'Nothing is running.' };
      this.runner.cancel(critique);
      return { ok: true };
    },
  };

  dispose(): void {
    clearTimeout(this.postTimer);
    this.disposeViewSubscriptions();
    for (const s of this.subscriptions) s.dispose();
  }
}
