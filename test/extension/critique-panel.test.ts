// The Math Critique panel's extension side, driven with stand-in views (VS Code re-creates a webview view when
// the user hides it and shows it again, or moves it): each view's listeners go with that view instead of piling up
// until shutdown, and a request is parsed once and answered once.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate } from './helpers';

/** A stand-in WebviewView that counts its live listeners and records what the provider posts to it. */
function standInView() {
  const messageListeners = new Set<(m: unknown) => void>();
  const disposeListeners = new Set<() => void>();
  const posted: unknown[] = [];
  const listen = <T>(set: Set<T>) => (listener: T) => {
    set.add(listener);
    return { dispose: () => set.delete(listener) };
  };
  const webview = {
    options: {},
    html: '',
    cspSource: 'vscode-webview:',
    asWebviewUri: (uri: vscode.Uri) => uri,
    onDidReceiveMessage: listen(messageListeners),
    postMessage: async (m: unknown) => posted.push(m) > 0,
  };
  const view = { webview, visible: true, onDidDispose: listen(disposeListeners), onDidChangeVisibility: () => ({ dispose() {} }) } as unknown as vscode.WebviewView;
  return {
    view,
    posted,
    live: () => messageListeners.size + disposeListeners.size,
    send: (m: unknown) => messageListeners.forEach((l) => l(m)),
    dispose: () => [...disposeListeners].forEach((l) => l()),
  };
}

const context = { state: undefined } as vscode.WebviewViewResolveContext;

suite('Math Critique panel lifecycle', function () {
  this.timeout(30_000);

  test('a re-created view replaces the listeners of the one before; a disposed view keeps none', async () => {
    const { critiqueView } = await activate();
    assert.ok(critiqueView, 'activate() returns the panel provider');
    const first = standInView();
    const second = standInView();
    critiqueView.resolveWebviewView(first.view, context);
    assert.equal(first.live(), 2, 'a message listener and a dispose listener');
    critiqueView.resolveWebviewView(second.view, context);
    assert.equal(first.live(), 0, 'the replaced view keeps no listener');
    assert.equal(second.live(), 2);
    second.dispose();
    assert.equal(second.live(), 0, 'a disposed view keeps no listener');
  });

  test('a request is answered once; malformed data is an error answer, not a crash', async () => {
    const { critiqueView } = await activate();
    assert.ok(critiqueView);
    const page = standInView();
    critiqueView.resolveWebviewView(page.view, context);
    try {
      page.send({ kind: 'request', id: 'r1', name: 'stop', data: {} });
      page.send({ kind: 'request', id: 'r2', name: 'copy', data: { round: 'first' } });
      const deadline = Date.now() + 10_000;
      while (page.posted.filter((m) => (m as { kind?: string }).kind === 'response').length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const responses = page.posted.filter((m) => (m as { kind?: string }).kind === 'response') as { id: string; data?: { ok: boolean; message?: string }; error?: string }[];
      assert.deepEqual(responses.map((r) => r.id).sort(), ['r1', 'r2']);
      assert.deepEqual(responses.find((r) => r.id === 'r1')?.data, { ok: false, message: 'Nothing is running.' });
      assert.ok(responses.find((r) => r.id === 'r2')?.error, 'bad data for copy is answered with an error');
    } finally {
      page.dispose();
    }
  });
});
