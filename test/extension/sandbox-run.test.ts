// "Run in Sandbox" in the real extension host against the real Docker engine: output and verdict in the
// MPLSandbox channel, diagnostics on the right ranges, untitled buffers, cancellation, interactive terminals.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { InteractiveRun } from '../../src/extension/sandbox/interactive-terminal';
import { waitFor } from './helpers';
import { example, expectResult, fixture, openEditor, runActive, runChannelText, sandboxApi } from './sandbox-helpers';

suite('Run in Sandbox', function () {
  // The first run of a language may start its warm container on a busy machine.
  this.timeout(120_000);

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('a Python file: live output and the verdict line in the MPLSandbox channel', async () => {
    await openEditor(fixture('hello.py'));
    const result = expectResult(await runActive());
    assert.equal(result.status, 'Accepted', result.message);
    assert.equal(result.run?.stdout, 'hello from the sandbox\n6 * 7 = 42\n');
    // (The channel's document catches up asynchronously: wait for the last line of this run.)
    const text = await runChannelText(/6 \* 7 = 42\n(.*\n)*■ Accepted/);
    const block = text.slice(text.lastIndexOf('▶'));
    assert.match(block, /^▶ \[[^\]]+\] \S*hello\.py · Python · limits: time 10 s, memory 512 MiB, 1 CPU, output 1 MiB$/m, 'header with file, language and limits');
    assert.match(block, /hello from the sandbox\n6 \* 7 = 42\n/, 'the program output');
    // A single file checks its syntax in the program's own start (LanguageSpec.checkedRun); a file run with its
    // project (the default, and this fixture's folder is one) still checks in a phase of its own, with its time.
    assert.match(block, /^■ Accepted · time [\d.]+ s( · compile [\d.]+ s)?( · memory [\d.]+ \w+)?$/m, `verdict line with time (and memory):\n${block}`);
  });

  test('a C++ compile error: a diagnostic on the misspelt name, with the compiler as source', async () => {
    const uri = example('broken.cpp');
    const editor = await openEditor(uri);
    const result = expectResult(await runActive());
    assert.equal(result.status, 'CompileError');
    const { services } = await sandboxApi();
    const diagnostics = services.diagnostics.run.get(uri) ?? [];
    const error = diagnostics.find((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.ok(error, `no error diagnostic: ${JSON.stringify(diagnostics)}`);
    assert.equal(error.range.start.line, 8, 'line 9 of broken.cpp');
    assert.equal(editor.document.getText(error.range), 'totl', 'the range is the undeclared name');
    assert.equal(error.source, 'g++');
    assert.match(error.message, /'totl' was not declared/);
    // The same diagnostics are what the Problems panel shows.
    assert.ok(vscode.languages.getDiagnostics(uri).some((d) => d.message === error.message));
    const text = await runChannelText(/■ CompileError/);
    assert.ok(text.includes(`${uri.fsPath}:9:31: error:`), 'the error location is printed as an absolute path:line:column (linked by the Output view)');
  });

  test('a runtime error marks its line; the next successful run of the file clears it', async () => {
    const uri = fixture('crash.py');
    const editor = await openEditor(uri);
    const result = expectResult(await runActive());
    assert.equal(result.status, 'RuntimeError');
    const { services } = await sandboxApi();
    const [d] = services.diagnostics.run.get(uri) ?? [];
    assert.ok(d, 'a diagnostic for the traceback');
    assert.equal(d.range.start.line, 3);
    // Python 3.11 marks the failing expression; the range is exactly it.
    assert.equal(editor.document.getText(d.range), 'x / y');
    assert.match(d.message, /ZeroDivisionError/);
    assert.equal(d.source, 'python');
    await runChannelText(`${uri.fsPath}:4:7: error: ZeroDivisionError`);
    // The traceback's frame in the user's file, as a path:line the Output view links.
    await runChannelText(`stack (as the runtime lists it):\n    at ${uri.fsPath}:4\n`);

    // The same code in an untitled buffer, fixed there and run again: its diagnostic goes.
    const untitled = await vscode.workspace.openTextDocument({ language: 'python', content: editor.document.getText() });
    const scratch = await vscode.window.showTextDocument(untitled);
    expectResult(await runActive());
    assert.equal(services.diagnostics.run.get(untitled.uri)?.length, 1);
    await scratch.edit((e) => e.replace(new vscode.Range(2, 0, 2, 5), 'y = 2'));
    const again = expectResult(await runActive());
    assert.equal(again.status, 'Accepted', again.message);
    assert.deepEqual(services.diagnostics.run.get(untitled.uri) ?? [], []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the selection runs alone, and its diagnostics land on the document’s lines', async () => {
    const uri = fixture('crash.py');
    const editor = await openEditor(uri);
    // Lines 3–4 (`y = 0`, `print(x / y)`): without line 2, x is undefined.
    editor.selection = new vscode.Selection(2, 0, 3, 12);
    const result = expectResult(await runActive());
    assert.equal(result.status, 'RuntimeError');
    const { services } = await sandboxApi();
    const [d] = services.diagnostics.run.get(uri) ?? [];
    assert.match(d?.message ?? '', /NameError/);
    assert.equal(d.range.start.line, 3, 'line 2 of the selection is line 4 of the file');
    await runChannelText(/· selection \(line 3\) ·/);
  });

  test('an untitled plaintext buffer runs as its identified language', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'plaintext',
      content: 'def double(x):\n    return 2 * x\n\nfor i in range(3):\n    print(double(i))\n',
    });
    await vscode.window.showTextDocument(document);
    const outcome = await runActive();
    assert.equal(outcome.kind === 'result' && outcome.language, 'python', JSON.stringify(outcome));
    assert.equal(expectResult(outcome).run?.stdout, '0\n2\n4\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Stop Sandbox Run kills an infinite loop at once', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'while True:\n    pass\n' });
    await vscode.window.showTextDocument(document);
    const { services } = await sandboxApi();
    const running = runActive();
    // An outcome before Stop means the run ended on its own (a failure, not the loop): say which.
    let early: unknown;
    void running.then((o) => (early = o));
    const engine = await services.engines.get();
    await waitFor('the program to be running in the engine', () => early ?? (services.runs.running && engine.stats().running > 0), 60_000);
    assert.equal(early, undefined, `the run ended before Stop: ${JSON.stringify(early)}`);
    // Past the one-second mark, where the progress notification with Cancel shows.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(early, undefined, `the run ended before Stop: ${JSON.stringify(early)}`);
    const t0 = Date.now();
    assert.equal(await vscode.commands.executeCommand('mplsandbox.stop'), true);
    const outcome = await running;
    const stopMs = Date.now() - t0;
    assert.equal(outcome.kind, 'cancelled', JSON.stringify(outcome));
    assert.ok(stopMs < 3000, `stopping took ${stopMs} ms`);
    assert.equal(services.runs.running, undefined);
    assert.equal(engine.stats().running, 0, 'no run is left in the engine');
    await runChannelText(/■ Cancelled after [\d.]+ s/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the interactive terminal passes typed input to the program', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'name = input("name? ")\nprint("hi", name)\n' });
    await vscode.window.showTextDocument(document);
    const run = (await vscode.commands.executeCommand('mplsandbox.runInteractive')) as InteractiveRun | undefined;
    assert.ok(run, 'the command returns the terminal');
    assert.equal(run.kind, 'started');
    try {
      // Typed text reaches the program only on Enter (the terminal edits the line, as a tty would).
      await new Promise((r) => setTimeout(r, 500));
      run.terminal.sendText('ada', true);
      const result = await Promise.race([run.ended, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the program did not end')), 60_000))]);
      assert.ok(result, 'the program ran');
      assert.equal(result.exitCode, 0, result.stderr);
      assert.equal(result.stdout, 'name? hi ada\n');
    } finally {
      run.terminal.dispose();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
