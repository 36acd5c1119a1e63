// The critique commands. CodeLens and quick fixes pass (document URI, problem index); from the palette they act on
// the problem at the cursor of the active Markdown editor, or on every problem of the note.
import * as vscode from 'vscode';
import type { Command } from '../ctx';
import { CODELENS_COMMANDS } from './codelens';
import type { CritiqueRunner } from './critique-runner';
import { combinedVerdict, type CritiqueStore, type ProblemCritique, type RunMode } from './critique-store';
import { isMarkdown } from './document-ranges';
import type { CritiqueView } from './panel/critique-view';
import { parsedNote, problemAt } from './parsed-notes';

export interface CritiqueServices {
  store: CritiqueStore;
  runner: CritiqueRunner;
  view: CritiqueView;
}

/** What the critique commands return to programmatic callers (tests, other extensions). */
export interface CritiqueRunSummary {
  problemIndex: number;
  status: ProblemCritique['status'];
  statusText: string;
  /** Per step of the note: the combined verdict ('unknown' when not judged). */
  steps: { index: number; line: number; verdict: 'correct' | 'wrong' | 'unknown' }[];
  refined: boolean;
}

function summarize(critique: ProblemCritique): CritiqueRunSummary {
  return {
    problemIndex: critique.problem.index,
    status: critique.status,
    statusText: critique.statusText,
    steps: critique.steps.map((s) => ({ index: s.index, line: critique.problem.steps[s.index].range.startLine - 1, verdict: combinedVerdict(s.verdicts) })),
    refined: critique.refined !== undefined,
  };
}

interface Target {
  document: vscode.TextDocument;
  /** Problems to act on (indexes in the note as parsed now). */
  problems: number[];
}

async function target(args: unknown[]): Promise<Target | undefined> {
  const [uri, index] = args;
  if (typeof uri === 'string' && typeof index === 'number') {
    return { document: await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)), problems: [index] };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isMarkdown(editor.document)) {
    void vscode.window.showInformationMessage('MPLSandbox: open a Markdown math note (problems with solution steps) to critique it.');
    return undefined;
  }
  const note = parsedNote(editor.document);
  if (note.problems.length === 0) {
    void vscode.window.showInformationMessage(`MPLSandbox: ${note.message ?? 'no problems with solution steps were found in this note'}.`);
    return undefined;
  }
  const atCursor = problemAt(editor.document, editor.document.offsetAt(editor.selection.active));
  return { document: editor.document, problems: atCursor ? [atCursor.index] : note.problems.map((p) => p.index) };
}

function runCommand(id: string, mode: RunMode, services: CritiqueServices): Command {
  return {
    id,
    factory: () => async (...args: unknown[]) => {
      const t = await target(args);
      if (!t) return undefined;
      const summaries: CritiqueRunSummary[] = [];
      for (const index of t.problems) {
        const run = services.runner.run(t.document, index, mode);
        // run() registers the critique before its first await: the panel can follow it while it streams.
        const started = services.store.all(t.document.uri.toString()).at(-1);
        if (started) services.view.follow(started);
        summaries.push(summarize(await run));
      }
      return summaries.length === 1 ? summaries[0] : summaries;
    },
  };
}

export function critiqueCommands(services: CritiqueServices): Command[] {
  const { store, runner, view } = services;
  const forProblem = (t: Target, index: number) => {
    const problem = parsedNote(t.document).problems[index];
    return problem && store.forProblem(t.document.uri.toString(), problem);
  };
  return [
    runCommand(CODELENS_COMMANDS.critique, 'critique', services),
    runCommand(CODELENS_COMMANDS.refine, 'refine', services),
    {
      id: CODELENS_COMMANDS.show,
      factory: () => async (...args: unknown[]) => {
        const t = await target(args);
        if (!t) return;
        const existing = forProblem(t, t.problems[0]);
        if (existing) return view.show(existing);
        // Nothing to show yet: critique it, in the panel.
        const run = runner.run(t.document, t.problems[0], 'critique');
        const started = store.all(t.document.uri.toString()).at(-1);
        if (started) await view.show(started);
        return summarize(await run);
      },
    },
    {
      id: CODELENS_COMMANDS.cancel,
      factory: () => async (...args: unknown[]) => {
        const t = args.length > 0 ? await target(args) : undefined;
        const running = t
          ? t.problems.map((i) => forProblem(t, i)).filter((c): c is ProblemCritique => c?.status === 'running')
          : vscode.workspace.textDocuments.flatMap((d) => store.all(d.uri.toString()).filter((c) => c.status === 'running'));
        for (const c of running) runner.cancel(c);
      },
    },
    {
      id: 'mplsandbox.clearCritique',
      factory: () => () => {
        const editor = vscode.window.activeTextEditor;
        if (editor) store.clear(editor.document.uri.toString());
      },
    },
  ];
}
