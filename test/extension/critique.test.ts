import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { ModelServer } from '../support/model-server';
import {
  CRITIC_MODEL,
  LINES,
  closeEditors,
  critique,
  diagnosticsOf,
  openNote,
  resetModelSettings,
  useModelServer,
} from './critique-helpers';
import { activate } from './helpers';

suite('critique: inline verdicts', () => {
  let server: ModelServer;

  suiteSetup(async () => {
    await activate();
    server = await useModelServer();
  });
  suiteTeardown(async () => {
    await resetModelSettings();
    await server?.close();
  });
  teardown(closeEditors);

  test('CodeLens "Critique steps", "Refine" and "Show in panel" sit above the problem', async () => {
    const editor = await openNote();
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const ours = lenses.filter((l) => l.command?.command.startsWith('mplsandbox.'));
    assert.deepEqual(
      ours.map((l) => `${l.range.start.line} ${l.command?.title}`),
      [LINES.heading, LINES.heading2].flatMap((line) => [`${line} Critique steps`, `${line} Refine`, `${line} Show in panel`]),
    );
    assert.deepEqual(ours[0].command?.arguments, [editor.document.uri.toString(), 0]);
  });

  test('a critique puts an Error (symbolic) and a Warning (the critic) on the wrong step only', async () => {
    const editor = await openNote();
    const summary = await critique(editor.document);
    assert.equal(summary.status, 'done', summary.statusText);
    assert.deepEqual(
      summary.steps.map((s) => s.verdict),
      ['correct', 'wrong', 'correct'],
    );
    assert.deepEqual(diagnosticsOf(editor.document), [`${LINES.step2}: Error MPLSandbox (symbolic)`, `${LINES.step2}: Warning ${CRITIC_MODEL}`]);
    const [symbolic, model] = vscode.languages.getDiagnostics(editor.document.uri).sort((a, b) => a.severity - b.severity);
    assert.match(symbolic.message, /69/, 'the symbolic diagnostic names the computed value');
    assert.match(model.message, /84 - 15 is 69, not 79/, 'the model diagnostic carries its explanation');
    assert.equal(editor.document.getText(symbolic.range), '2. After giving some away he has 84 - 15 = 79 pencils.');

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(LINES.step2, 20));
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n')
      // appendText escapes Markdown: read it back as the hover shows it.
      .replace(/&nbsp;/g, ' ')
      .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
    assert.match(hoverText, /Wrong/);
    assert.match(hoverText, /84 - 15 is 69, not 79/);
    assert.match(hoverText, /MPLSandbox \(symbolic\)/);
    assert.match(hoverText, new RegExp(CRITIC_MODEL));

    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.ok(lenses.some((l) => /1 wrong step/.test(l.command?.title ?? '')), 'a CodeLens summarises the run');
  });

  test('the Markdown preview plugin marks the judged steps of exactly this text', async () => {
    const api = await activate();
    assert.ok(api.extendMarkdownIt, 'activate() returns extendMarkdownIt');
    const editor = await openNote();
    await critique(editor.document);
    const md = api.extendMarkdownIt(new MarkdownIt());
    const html = md.render(editor.document.getText(), { currentDocument: editor.document.uri });
    assert.match(html, /84 - 15 = 79 pencils\.<span class="mplsandbox-verdict mplsandbox-verdict-wrong"[^>]*>✗<\/span>/);
    assert.match(html, /84 pencils\.<span class="mplsandbox-verdict mplsandbox-verdict-correct"[^>]*>✓<\/span>/);
    const stale = md.render(`${editor.document.getText()}\nmore`, { currentDocument: editor.document.uri });
    assert.doesNotMatch(stale, /mplsandbox-verdict/, 'no marks on a text the ranges do not refer to');
  });

  test('without a model, "Critique steps" runs the symbolic checker and makes no request', async () => {
    await resetModelSettings();
    try {
      const requestsBefore = server.chatRequests().length;
      const editor = await openNote();
      const summary = await critique(editor.document);
      assert.equal(summary.status, 'done');
      assert.deepEqual(diagnosticsOf(editor.document), [`${LINES.step2}: Error MPLSandbox (symbolic)`]);
      assert.equal(server.chatRequests().length, requestsBefore);
    } finally {
      server = await (async () => {
        await server.close();
        return useModelServer();
      })();
    }
  });
});
