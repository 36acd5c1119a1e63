import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { reply, type ModelServer } from '../support/model-server';
import { LINES, NOTE, closeEditors, critique, diagnosticsOf, openNote, refine, resetModelSettings, scriptedModels, useModelServer } from './critique-helpers';
import { activate, waitFor } from './helpers';

async function codeActions(document: vscode.TextDocument, line: number): Promise<vscode.CodeAction[]> {
  const range = new vscode.Range(line, 5, line, 5);
  // The workbench cancels a code-action request when the diagnostics it was made with change: ask again then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value);
    } catch (err) {
      if (attempt >= 3 || !(err instanceof Error) || err.message !== 'Canceled') throw err;
    }
  }
}

suite('critique: edits', () => {
  let server: ModelServer;

  suiteSetup(async () => {
    await activate();
    server = await useModelServer();
  });
  suiteTeardown(async () => {
    await resetModelSettings();
    await server?.close();
  });
  teardown(async () => {
    server.respondWith((r) => scriptedModels(r));
    await closeEditors();
  });

  test('"Replace solution with refined answer" is one edit of the solution only, and undo restores the note', async () => {
    const editor = await openNote();
    const summary = await refine(editor.document);
    assert.equal(summary.status, 'done', summary.statusText);
    assert.equal(summary.refined, true);
    const actions = await codeActions(editor.document, LINES.step2);
    const replace = actions.find((a) => a.title === 'Replace solution with refined answer');
    assert.ok(replace?.edit, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(replace.edit.entries().length, 1);
    assert.equal(replace.edit.entries()[0][1].length, 1, 'exactly one text edit');

    assert.ok(await vscode.workspace.applyEdit(replace.edit));
    const text = editor.document.getText();
    const solutionStart = NOTE.indexOf('1. Tom buys');
    const solutionEnd = NOTE.indexOf('The answer is 79.') + 'The answer is 79.'.length;
    assert.equal(text.slice(0, solutionStart), NOTE.slice(0, solutionStart), 'nothing before the solution changed');
    assert.ok(text.endsWith(NOTE.slice(solutionEnd)), 'nothing after the solution changed');
    assert.match(text, /84 - 15 = 69 pencils\.\n\nThe answer is 69\.\n\n## Problem 2\n/);
    assert.doesNotMatch(text, /step by step/, "the actor's opener is not pasted into the note");
    assert.deepEqual(diagnosticsOf(editor.document), [], 'verdicts of the replaced steps are gone');

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to restore the note', () => editor.document.getText() === NOTE);
  });

  test('"Insert critique as a comment" adds an HTML comment after the solution', async () => {
    const editor = await openNote();
    await critique(editor.document);
    const insert = (await codeActions(editor.document, LINES.step2)).find((a) => a.title === 'Insert critique as a comment');
    assert.ok(insert?.edit);
    assert.ok(await vscode.workspace.applyEdit(insert.edit));
    const text = editor.document.getText();
    assert.match(text, /The answer is 79\.\n\n<!-- MPLSandbox critique[^]*Step 2 ✗[^]*84 - 15 is 69, not 79\.[^]*-->\n\n## Problem 2\n/);
    assert.equal((text.match(/-->/g) ?? []).length, 1, 'the comment cannot be closed early');
  });

  test('lines inserted above while the critic streams: verdicts land on the moved step', async () => {
    server.respondWith((r) => scriptedModels(r, 15));
    const editor = await openNote();
    const requests = server.chatRequests().length;
    const running = critique(editor.document);
    await waitFor('the critic request', () => server.chatRequests().length > requests);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'Inserted line one.\nInserted line two.\nInserted line three.\n')));
    const summary = await running;
    assert.equal(summary.status, 'done', summary.statusText);
    const moved = LINES.step2 + 3;
    assert.deepEqual(diagnosticsOf(editor.document), [`${moved}: Error MPLSandbox (symbolic)`, `${moved}: Warning test-critic`]);
    for (const d of vscode.languages.getDiagnostics(editor.document.uri)) {
      assert.equal(editor.document.getText(d.range), '2. After giving some away he has 84 - 15 = 79 pencils.');
    }
    // And after the critique: deleting the inserted lines moves them back.
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(0, 0, 3, 0))));
    assert.deepEqual(diagnosticsOf(editor.document), [`${LINES.step2}: Error MPLSandbox (symbolic)`, `${LINES.step2}: Warning test-critic`]);
  });

  test('the judged step itself edited while the critic streams: its verdicts are dropped, not misplaced', async () => {
    server.respondWith((r) => scriptedModels(r, 15));
    const editor = await openNote();
    const requests = server.chatRequests().length;
    const running = critique(editor.document);
    await waitFor('the critic request', () => server.chatRequests().length > requests);
    const at = editor.document.lineAt(LINES.step2).text.indexOf('79');
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(LINES.step2, at, LINES.step2, at + 2), '69')));
    const summary = await running;
    assert.equal(summary.status, 'done', summary.statusText);
    assert.deepEqual(diagnosticsOf(editor.document), [], 'no verdict on the edited step');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.ok(lenses.some((l) => l.command?.title === 'Critique steps'), 'the problem can be critiqued again');
  });

  test('a model failure is reported and leaves the symbolic verdicts', async () => {
    server.respondWith(() => reply.unauthorized());
    const editor = await openNote();
    const summary = await critique(editor.document);
    assert.equal(summary.status, 'failed');
    assert.match(summary.statusText, /401|key|auth/i);
    assert.deepEqual(diagnosticsOf(editor.document), [`${LINES.step2}: Error MPLSandbox (symbolic)`]);
  });
});
