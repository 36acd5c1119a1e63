// Sidecar test cases in VS Code's Test Explorer: each `<program>.cases.json` of the workspace is a test item
// (the program) with one child per case. Running them compiles once and judges every chosen case in the
// sandbox; a failing case reports expected vs actual (TestMessage.diff), a compile or runtime error reports
// the engine's message at the error's line.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunResult, TestCase } from '../../core/sandbox/types';
import { type CaseLocation, caseLocations } from '../../core/sandbox/case-locations';
import { CASES_SUFFIX, currentText, programUriFor, readCases } from './cases-file';
import { classifyError } from './failures';
import { prepareJob } from './prepare-job';
import type { SandboxServices } from './services';
import { loadCore } from './load-core';

export const TEST_CONTROLLER_ID = 'mplsandbox';

export class SandboxTestController implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController(TEST_CONTROLLER_ID, 'MPLSandbox test cases');
  readonly runProfile: vscode.TestRunProfile;
  private readonly disposables: vscode.Disposable[] = [this.controller];
  /** Resolves when the workspace's cases files have been found once. */
  readonly discovered: Promise<void>;

  /** Items whose cases have been read (later changes of their file re-read them). */
  private readonly resolved = new Set<string>();

  constructor(private readonly s: SandboxServices) {
    this.runProfile = this.controller.createRunProfile('Run in Sandbox', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    this.controller.refreshHandler = () => this.discoverAll();
    // Cases are read when the tree is expanded or run (parsing them loads the sandbox core, which activation must not).
    this.controller.resolveHandler = async (item) => {
      if (item) await this.resolve(item);
    };
    const watcher = vscode.workspace.createFileSystemWatcher(`**/*${CASES_SUFFIX}`);
    watcher.onDidCreate((uri) => this.fileItem(uri));
    watcher.onDidChange((uri) => this.changed(uri));
    watcher.onDidDelete((uri) => {
      this.controller.items.delete(uri.toString());
      this.resolved.delete(uri.toString());
    });
    this.disposables.push(
      watcher,
      // Unsaved edits of an open cases file show in the tree at once.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.path.endsWith(CASES_SUFFIX)) this.changed(e.document.uri);
      }),
      // A cases file opened from outside the workspace joins the tree too.
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (d.uri.scheme === 'file' && d.uri.path.endsWith(CASES_SUFFIX)) this.fileItem(d.uri);
      }),
    );
    this.discovered = this.discoverAll();
  }

  private async discoverAll(): Promise<void> {
    const files = await vscode.workspace.findFiles(`**/*${CASES_SUFFIX}`, '**/node_modules/**');
    for (const f of files) this.changed(f);
  }

  /** The item of a cases file (the program), created unresolved when new. */
  fileItem(casesUri: vscode.Uri): vscode.TestItem | undefined {
    const existing = this.controller.items.get(casesUri.toString());
    if (existing) return existing;
    const program = programUriFor(casesUri);
    if (!program) return undefined;
    const item = this.controller.createTestItem(casesUri.toString(), path.basename(program.fsPath), casesUri);
    item.description = path.basename(casesUri.fsPath);
    item.canResolveChildren = true;
    this.controller.items.add(item);
    return item;
  }

  private changed(casesUri: vscode.Uri): void {
    const item = this.fileItem(casesUri);
    if (item && this.resolved.has(item.id)) void this.resolve(item);
  }

  /** Reads the cases of a file item into its children (one per case), or sets its error. */
  async resolve(item: vscode.TestItem): Promise<void> {
    if (item.parent || !item.uri) return;
    this.resolved.add(item.id);
    try {
      const text = await currentText(item.uri);
      const cases = loadCore().parseCases(text);
      const locations = caseLocations(text);
      item.children.replace(cases.map((c, i) => this.caseItem(item.uri!, c, i, locations[i])));
      item.error = undefined;
    } catch (err) {
      item.error = err instanceof Error ? err.message : String(err);
      item.children.replace([]);
    }
  }

  private caseItem(casesUri: vscode.Uri, c: TestCase, i: number, at: CaseLocation | undefined): vscode.TestItem {
    const item = this.controller.createTestItem(`${casesUri.toString()}#${i}`, `case ${i + 1}`, casesUri);
    // Its line in the cases file: the run button and the pass/fail mark sit there.
    if (at) item.range = new vscode.Range(at.line, at.column, at.line, at.column);
    item.description = `input ${oneLine(c.input)}`;
    item.sortText = String(i).padStart(5, '0');
    return item;
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    try {
      // Requested items grouped by cases file: a file runs once, with the chosen cases.
      const byFile = new Map<string, { file: vscode.TestItem; cases: vscode.TestItem[] }>();
      const add = (item: vscode.TestItem) => {
        const file = item.parent ?? item;
        const entry = byFile.get(file.id) ?? { file, cases: [] };
        byFile.set(file.id, entry);
        for (const c of item.parent ? [item] : [...file.children].map(([, child]) => child)) {
          if (!request.exclude?.includes(c) && !entry.cases.includes(c)) entry.cases.push(c);
        }
      };
      const requested: vscode.TestItem[] = [];
      if (request.include) requested.push(...request.include);
      else this.controller.items.forEach((item) => requested.push(item));
      for (const item of requested) if (!item.parent && !this.resolved.has(item.id)) await this.resolve(item);
      requested.forEach(add);
      for (const { file, cases } of byFile.values()) {
        if (token.isCancellationRequested) break;
        await this.runFile(run, file, cases, token);
      }
    } finally {
      run.end();
    }
  }

  private async runFile(run: vscode.TestRun, file: vscode.TestItem, items: vscode.TestItem[], token: vscode.CancellationToken): Promise<void> {
    const casesUri = file.uri!;
    const program = programUriFor(casesUri)!;
    for (const item of items) run.started(item);
    const erroredAll = (message: string) => {
      for (const item of items) run.errored(item, new vscode.TestMessage(message));
    };
    let result: RunResult;
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      const all = await readCases(casesUri);
      const indices = items.map((i) => Number(i.id.slice(i.id.lastIndexOf('#') + 1)));
      const code = await currentText(program);
      const fileName = program.fsPath;
      const prepared = await prepareJob(this.s, { uri: program, code, fileName }, { signal: abort.signal, onStep: (line) => run.appendOutput(`${line}\r\n`) });
      if (!prepared.ok) {
        erroredAll(prepared.failure.message);
        if (prepared.failure.kind !== 'untrusted') this.s.fail(prepared.failure);
        return;
      }
      const { language, engine } = prepared;
      run.appendOutput(`▶ ${path.basename(fileName)} · ${language.displayName} · ${indices.length} case(s)\r\n`);
      result = await engine.runCode({
        code,
        language: language.id,
        fileName,
        cases: indices.map((i) => all[i]),
        signal: abort.signal,
      });
      this.s.diagnostics.set(this.s.diagnostics.run, program, fileName, result.diagnostics);
      if (result.cases.length !== items.length) {
        // No case ran: a compile error or the sandbox itself failed.
        const at = result.diagnostics.find((d) => d.severity === 'error' && d.file === fileName);
        for (const item of items) {
          const message = new vscode.TestMessage(`${result.status}: ${result.message ?? ''}`);
          if (at) message.location = new vscode.Location(program, new vscode.Position(at.line - 1, Math.max(0, at.column - 1)));
          run.errored(item, message);
        }
        return;
      }
      result.cases.forEach((c, i) => {
        const item = items[i];
        const duration = c.run.durationMs;
        run.appendOutput(`case ${indices[i] + 1}: ${c.status}\r\n`, undefined, item);
        if (c.passed) run.passed(item, duration);
        else if (c.status === 'WrongAnswer') {
          const message = vscode.TestMessage.diff(`Wrong answer on input ${oneLine(c.input)}`, c.expected ?? '', c.actual);
          if (item.range) message.location = new vscode.Location(casesUri, item.range);
          run.failed(item, message, duration);
        } else {
          const stderr = c.run.stderr.trim() ? `\n${c.run.stderr.trim()}` : '';
          const message = vscode.TestMessage.diff(`${c.status}: ${result.message ?? ''}${stderr}`, c.expected ?? '', c.actual);
          run.failed(item, message, duration);
        }
      });
    } catch (err) {
      if (abort.signal.aborted) {
        for (const item of items) run.skipped(item);
        return;
      }
      const failure = classifyError(err);
      erroredAll(failure.message);
      this.s.fail(failure);
    } finally {
      cancel.dispose();
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function oneLine(text: string): string {
  const json = JSON.stringify(text);
  return json.length > 40 ? `${json.slice(0, 39)}…"` : json;
}
