// Opening a note stays cheap: CodeLens, decorations and hovers need only parseNote, so the critique's heavy bundle
// (the pipeline, the symbolic checker with the compute engine, the model clients, zod) loads with the first
// critique, not when a Markdown file opens. Mocha runs the files in name order: this one comes before every file
// that runs a critique (critique-edits, critique, …).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeEditors, critique, LINES, openNote } from './critique-helpers';
import { activate } from './helpers';

const loadedCritiqueCore = () => Object.keys(require.cache).filter((f) => f.endsWith('/dist/critique-core.js'));

suite('critique activation', () => {
  suiteSetup(activate);
  teardown(closeEditors);

  test('a note and its CodeLens do not load dist/critique-core.js; "Critique steps" does', async () => {
    const editor = await openNote();
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const first = lenses.find((l) => l.command?.command === 'mplsandbox.critiqueProblem');
    assert.equal(first?.range.start.line, LINES.heading, 'the "Critique steps" lens is above the first problem');
    assert.deepEqual(loadedCritiqueCore(), [], 'the critique bundle was loaded before any critique');

    // No model is configured here: the symbolic checker alone judges the note.
    const summary = await critique(editor.document);
    assert.equal(summary.status, 'done');
    assert.equal(summary.steps[1]?.verdict, 'wrong', 'the symbolic checker caught 84 - 15 = 79');
    assert.equal(loadedCritiqueCore().length, 1, 'the critique loaded dist/critique-core.js');
  });
});
