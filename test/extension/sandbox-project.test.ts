// A file run with its project in the real extension host: the project's package is importable, and the error
// in another file of the project is a diagnostic on that file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { expectResult, fixture, openEditor, runActive, sandboxApi } from './sandbox-helpers';

suite('Run in Sandbox: projects', function () {
  this.timeout(120_000);

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('the package beside the file is importable; its error is marked in its own file', async () => {
    const main = fixture('project-py/main.py');
    const words = fixture('project-py/greeter/words.py');
    await openEditor(main);
    const result = expectResult(await runActive());
    assert.equal(result.status, 'RuntimeError', result.message);
    assert.match(result.run?.stderr ?? '', /NameError: name 'nam' is not defined/, 'the import of the project package worked');
    const { services } = await sandboxApi();
    const onWords = services.diagnostics.run.get(words) ?? [];
    assert.ok(onWords.some((d) => d.range.start.line === 1 && /NameError/.test(d.message)), JSON.stringify(onWords));
  });
});
