// Run with Input, Analyze in Sandbox and Fix with Sandbox Feedback in the real extension host: stdin reaches the
// program; analysis findings land as diagnostics with the tool as source and the rule as code; the fix loop asks
// the project's scripted model server, judges its program on the cases, and never touches the user's file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnalyzeOutcome } from '../../src/extension/sandbox/analyze';
import type { FixOutcome } from '../../src/extension/sandbox/fix';
import type { CommandOutcome } from '../../src/extension/sandbox/run-commands';
import { reply, startModelServer } from '../support/model-server';
import { fixture, openEditor, runChannelText, sandboxApi } from './sandbox-helpers';

suite('Run with Input, Analyze, Fix', function () {
  this.timeout(180_000);

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('Run in Sandbox with Input: the given stdin reaches the program', async () => {
    await openEditor(fixture('wrong.py'));
    const outcome = (await vscode.commands.executeCommand('mplsandbox.runWithInput', undefined, { stdin: '4 5 6\n' })) as CommandOutcome;
    assert.equal(outcome.kind, 'result', JSON.stringify(outcome));
    if (outcome.kind !== 'result') return;
    assert.equal(outcome.result.run?.stdout, '9\n');
    assert.equal(outcome.result.cases.length, 0, 'stdin given: the sidecar cases are not run');
  });

  test('Analyze in Sandbox: a pylint finding on its line, with the tool as source and the rule as code', async () => {
    const uri = fixture('lint_me.py');
    const editor = await openEditor(uri);
    const outcome = (await vscode.commands.executeCommand('mplsandbox.analyze')) as AnalyzeOutcome;
    assert.equal(outcome.kind, 'result', JSON.stringify(outcome));
    const { services } = await sandboxApi();
    const findings = services.diagnostics.analysis.get(uri) ?? [];
    const unused = findings.find((d) => String(typeof d.code === 'object' ? d.code.value : d.code).includes('W0611'));
    assert.ok(unused, `no W0611 among ${JSON.stringify(findings.map((d) => [d.source, d.code, d.range.start.line]))}`);
    assert.equal(unused.source, 'pylint');
    assert.equal(unused.range.start.line, 1);
    assert.match(editor.document.getText(unused.range), /os/);
    // Analysis findings live beside the run's diagnostics, not instead of them.
    assert.notEqual(services.diagnostics.analysis, services.diagnostics.run);
    await runChannelText(/■ analysis done in [\d.]+ s: \d+ finding\(s\)/);
  });

  test('Fix with Sandbox Feedback: the model’s program passes in round 1, shown as a proposal; the file is unchanged', async () => {
    const server = await startModelServer();
    const cfg = () => vscode.workspace.getConfiguration('mplsandbox.critique');
    const target = vscode.ConfigurationTarget.Global;
    server.respondWith(() => reply.text('The last number is dropped.\n\n```python\nnumbers = [int(x) for x in input().split()]\nprint(sum(numbers))\n```\n'));
    await cfg().update('critic.baseUrl', server.baseURL, target);
    await cfg().update('critic.model', 'test-actor', target);
    try {
      const uri = fixture('wrong.py');
      const editor = await openEditor(uri);
      const before = editor.document.getText();
      const outcome = (await vscode.commands.executeCommand('mplsandbox.fix', undefined, { rounds: 2 })) as FixOutcome;
      assert.equal(outcome.kind, 'result', JSON.stringify(outcome));
      if (outcome.kind !== 'result') return;
      assert.equal(outcome.result.outcome, 'fixed', JSON.stringify(outcome.result.rounds.map((r) => ({ round: r.round, verdict: r.verdict, code: r.code, feedback: r.feedback }))));
      assert.deepEqual(outcome.result.rounds.map((r) => [r.round, r.verdict, r.passed]), [[0, 'WrongAnswer', 1], [1, 'Accepted', 3]]);
      assert.equal(server.chatRequests().length, 1, `one model call: ${JSON.stringify(server.requests.map((r) => [r.method, r.path]))}`);
      // The prompt carries the sandbox's feedback on the failing case.
      assert.match(JSON.stringify(server.chatRequests()[0].body), /1 2 3/);
      assert.ok(outcome.proposal, 'a proposal to look at');
      const proposal = await vscode.workspace.openTextDocument(outcome.proposal);
      assert.equal(proposal.getText(), 'numbers = [int(x) for x in input().split()]\nprint(sum(numbers))\n');
      assert.equal(editor.document.getText(), before, 'the file is not changed without the user');
      assert.equal(editor.document.isDirty, false);
      await runChannelText(/■ fixed in round 1: every case passes/);
    } finally {
      await cfg().update('critic.baseUrl', undefined, target);
      await cfg().update('critic.model', undefined, target);
      await server.close();
    }
  });
});
