// The panel page's requests (webview/messenger.ts) against a scripted extension: answers are matched to their
// request and validated, and a request nobody answers fails with a message the panel can show.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Messenger, type MessengerHost } from '../../webview/messenger';

function scriptedHost() {
  const posted: { id: string; name: string; data: unknown }[] = [];
  const listeners: ((event: MessageEvent) => void)[] = [];
  const host: MessengerHost = {
    postMessage: (m) => posted.push(m as { id: string; name: string; data: unknown }),
    addEventListener: (_type, listener) => listeners.push(listener),
  };
  const answer = (message: unknown) => listeners.forEach((l) => l(new MessageEvent('message', { data: message })));
  return { host, posted, answer };
}

describe('webview Messenger', () => {
  it('resolves a request with its validated answer', async () => {
    const { host, posted, answer } = scriptedHost();
    const m = new Messenger(host);
    m.listen(() => undefined);
    const copy = m.request('copy', { round: 1 });
    assert.deepEqual(posted[0], { kind: 'request', id: posted[0].id, name: 'copy', data: { round: 1 } });
    answer({ kind: 'response', id: posted[0].id, name: 'copy', data: { ok: true, message: 'Copied.' } });
    assert.deepEqual(await copy, { ok: true, message: 'Copied.' });
  });

  it('rejects with the extension’s error, and on a malformed answer', async () => {
    const { host, posted, answer } = scriptedHost();
    const m = new Messenger(host);
    m.listen(() => undefined);
    const apply = m.request('apply', { round: 2 });
    answer({ kind: 'response', id: posted[0].id, name: 'apply', error: 'that round is no longer available' });
    await assert.rejects(apply, /that round is no longer available/);
    const stop = m.request('stop', {});
    answer({ kind: 'response', id: posted[1].id, name: 'stop', data: { ok: 'yes' } });
    await assert.rejects(stop, /malformed stop response/);
  });

  it('a request the extension never answers fails with a visible reason; a late answer is ignored', async () => {
    const { host, posted, answer } = scriptedHost();
    const m = new Messenger(host, 50);
    m.listen(() => undefined);
    await assert.rejects(m.request('rerun', {}), /MPLSandbox did not answer "rerun" within \d+ s: .*Try again/);
    answer({ kind: 'response', id: posted[0].id, name: 'rerun', data: { ok: true } });
    const again = m.request('rerun', {});
    answer({ kind: 'response', id: posted[1].id, name: 'rerun', data: { ok: true } });
    assert.deepEqual(await again, { ok: true });
  });
});
