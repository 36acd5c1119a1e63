// "Fix with Sandbox Feedback": a model proposes a fix, the sandbox judges it on the file's test cases, the
// verdict goes back to the model, for up to K rounds or until every case passes. Every round is printed to
// the Output channel. The file is never changed without the user: the best version opens in a diff, and
// "Apply Fix" replaces the editor's text (one undoable edit).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorCode } from '../../core/errors';
import type { RepairResult } from '../../core/repair/repair-loop';
import type { Command } from '../ctx';
import { actorClient } from './actor-model';
import { casesUriFor, sidecarCases } from './cases-file';
import { classifyError, type Failure, UNTRUSTED_MESSAGE } from './failures';
import { checkJob } from './prepare-job';
import { runSandboxJob } from './sandbox-job';
import { resolveRunTarget } from './run-target';
import type { SandboxServices } from './services';
import { loadCore } from './load-core';

const PROPOSAL_SCHEME = 'mplsandbox-fix';
const DEFAULT_ROUNDS = 3;

export type FixOutcome = { kind: 'result'; result: RepairResult; proposal?: vscode.Uri } | { kind: 'cancelled' } | { kind: 'failed'; failure: Failure };

/** Read-only documents with the model's proposals, shown in the diff editor. */
class Proposals implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private n = 0;
  add(fileName: string, code: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${++this.n}/${path.basename(fileName)}` });
    this.texts.set(uri.toString(), code);
    return uri;
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

export function fixCommands(s: SandboxServices, secrets: vscode.SecretStorage): { commands: Command[]; provider: vscode.Disposable } {
  const proposals = new Proposals();
  const provider = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, proposals);

  const fix = async (arg?: unknown, extra?: { rounds?: number }): Promise<FixOutcome> => {
    const fail = (failure: Failure): FixOutcome => {
      s.fail(failure, () => fix(arg, extra));
      return { kind: 'failed', failure };
    };
    if (!vscode.workspace.isTrusted) return fail({ kind: 'untrusted', message: UNTRUSTED_MESSAGE });
    const target = await resolveRunTarget(arg instanceof vscode.Uri ? arg : undefined);
    if (!target) return fail({ kind: 'nothing-to-run', message: 'open a program with a test-cases file to fix it.' });
    const document = await vscode.workspace.openTextDocument(target.uri);
    const code = document.getText();
    let sidecar;
    try {
      sidecar = await sidecarCases(target.uri);
    } catch (err) {
      return fail(classifyError(err));
    }
    if (!sidecar?.cases.length) {
      const expected = casesUriFor(target.uri);
      return fail({
        kind: 'cases',
        message: `fixing needs test cases: the loop stops when they all pass. Create ${expected ? path.basename(expected.fsPath) : '<file>.cases.json'} next to the program, e.g. [{"input": "3\\n", "expected": "6\\n"}].`,
      });
    }
    const cases = sidecar.cases;
    const checked = await checkJob(s, { ...target, code });
    if (!checked.ok) return fail(checked.failure);
    const lang = checked.language;
    let model;
    try {
      model = await actorClient(secrets, s.log, s.config.critique);
    } catch (err) {
      const code = errorCode(err);
      return fail(code === 'no-model' || code === 'model-config' ? { kind: 'engine', message: (err as Error).message } : classifyError(err));
    }
    const out = s.output;
    out.line('');
    out.line(`▶ [${new Date().toLocaleTimeString()}] fix of ${target.fileName} · ${lang.displayName} · ${cases.length} test case(s) · up to ${extra?.rounds ?? DEFAULT_ROUNDS} model rounds`);
    out.show();

    const frame = {
      title: `MPLSandbox: fixing ${target.label} with sandbox feedback`,
      job: `fixing ${target.label}`,
      language: lang,
      cancelledLine: '■ fix cancelled; your file was not changed.',
      cancelled: (): FixOutcome => ({ kind: 'cancelled' }),
      failed: fail,
    };
    return runSandboxJob(s, frame, async (engine, progress, signal): Promise<FixOutcome> => {
      const { repairWithFeedback } = loadCore();
      const result = await repairWithFeedback(
        {
          code,
          language: lang.id,
          cases,
          rounds: extra?.rounds ?? DEFAULT_ROUNDS,
          signal,
          onRound: (r) => {
            const who = r.round === 0 ? 'your program' : 'model';
            out.line(`  round ${r.round} (${who}): ${r.verdict}, ${r.passed}/${r.total} cases passed`);
            progress.report({ message: `round ${r.round}: ${r.passed}/${r.total} cases pass` });
          },
        },
        model,
        (candidate, runSignal) => engine.runCode({ code: candidate, language: lang.id, fileName: target.fileName, project: checked.project, cases, signal: runSignal }),
      );
      const best = result.rounds[result.best];
      const summary = {
        fixed: `fixed in round ${best.round}: every case passes`,
        'already-passing': 'your program already passes every case',
        'rounds-exhausted': `not fixed after ${result.rounds.length - 1} round(s); the best is round ${best.round} (${best.passed}/${best.total} cases)`,
        'no-code-in-reply': `stopped: the model replied without a program; the best is round ${best.round} (${best.passed}/${best.total} cases)`,
      }[result.outcome];
      out.line(`■ ${summary}. Your file was not changed.`);
      if (best.round === 0) {
        void vscode.window.showInformationMessage(`MPLSandbox: ${summary}.`);
        return { kind: 'result', result };
      }
      const proposal = proposals.add(target.fileName, best.code);
      void offerFix(document, proposal, best.code, summary);
      return { kind: 'result', result, proposal };
    });
  };

  return { commands: [{ id: 'mplsandbox.fix', factory: () => (arg?: unknown, extra?: unknown) => fix(arg, extra as { rounds?: number } | undefined) }], provider };
}

/** Shows the proposal next to the file and applies it only when the user says so. */
async function offerFix(document: vscode.TextDocument, proposal: vscode.Uri, code: string, summary: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.diff', document.uri, proposal, `${path.basename(document.fileName)} ↔ proposed fix`, { preview: true });
  const apply = 'Apply Fix';
  if ((await vscode.window.showInformationMessage(`MPLSandbox: ${summary}.`, apply)) !== apply) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), code);
  await vscode.workspace.applyEdit(edit);
}
