// Helpers of the math critique tests: a sample note, the test model server wired into the settings, and waits.
import * as vscode from 'vscode';
import type { CritiqueRunSummary } from '../../src/extension/critique/critique-commands';
import { startModelServer, reply, type ModelServer, type RecordedRequest, type ScriptedReply } from '../support/model-server';
import { acceptAll, rejectStep, requestKind } from '../core/critique/pipeline-fixtures';

export const NOTE = [
  '# Homework',
  '',
  '## Problem 1',
  '',
  'A store sells pencils in packs of 12. Tom buys 7 packs and gives away 15 pencils. How many pencils does he have left?',
  '',
  '**Solution**',
  '',
  '1. Tom buys 7 * 12 = 84 pencils.',
  '2. After giving some away he has 84 - 15 = 79 pencils.',
  '',
  'The answer is 79.',
  '',
  '## Problem 2',
  '',
  'Janet has 16 eggs and eats 3. How many are left?',
  '',
  '**Solution**',
  '',
  '16 - 3 = 13 eggs are left. The answer is 13.',
  '',
].join('\n');

/** 0-based lines of the note's parts. */
export const LINES = { heading: 2, step1: 8, step2: 9, answer: 11, heading2: 13 } as const;

export const STEP_TEXTS = ['Tom buys 7 * 12 = 84 pencils.', 'After giving some away he has 84 - 15 = 79 pencils.', 'The answer is 79.'];
export const REFINED = "Let's break it down step by step:\n\n1. Tom buys 7 * 12 = 84 pencils.\n2. After giving 15 away he has 84 - 15 = 69 pencils.\n\nThe answer is 69.";
export const CRITIC_MODEL = 'test-critic';

/** A critic that rejects step 2 of the note (explaining why) and accepts the refinement; an actor that writes REFINED. */
export function scriptedModels(request: RecordedRequest, slowMs = 0): ScriptedReply {
  const kind = requestKind(request.body);
  if (kind === 'refine' || kind === 'solve') return reply.text(REFINED, { delayMs: slowMs });
  const prompt = request.body?.messages?.map((m) => m.content).join('\n') ?? '';
  if (prompt.includes('= 79')) {
    return reply.text(rejectStep(STEP_TEXTS, 1).replace('Miscalculated.', '84 - 15 is 69, not 79.'), { delayMs: slowMs });
  }
  return reply.text(acceptAll(['Tom buys 7 * 12 = 84 pencils.', 'After giving 15 away he has 84 - 15 = 69 pencils.', 'The answer is 69.']), { delayMs: slowMs });
}

const cfg = () => vscode.workspace.getConfiguration('mplsandbox.critique');
const SETTINGS = ['critic.baseUrl', 'critic.model', 'actor.rounds'] as const;

/** Starts the test model server and points the critic (and so the actor) at it in the user settings. */
export async function useModelServer(): Promise<ModelServer> {
  const server = await startModelServer({ responder: (r) => scriptedModels(r) });
  await cfg().update('critic.baseUrl', server.baseURL, vscode.ConfigurationTarget.Global);
  await cfg().update('critic.model', CRITIC_MODEL, vscode.ConfigurationTarget.Global);
  return server;
}

export async function resetModelSettings(): Promise<void> {
  for (const key of SETTINGS) await cfg().update(key, undefined, vscode.ConfigurationTarget.Global);
}

export async function openNote(content = NOTE): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  return vscode.window.showTextDocument(document, { preview: false });
}

export async function closeEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function critique(document: vscode.TextDocument, problem = 0): Thenable<CritiqueRunSummary> {
  return vscode.commands.executeCommand<CritiqueRunSummary>('mplsandbox.critiqueProblem', document.uri.toString(), problem);
}

export function refine(document: vscode.TextDocument, problem = 0): Thenable<CritiqueRunSummary> {
  return vscode.commands.executeCommand<CritiqueRunSummary>('mplsandbox.refineProblem', document.uri.toString(), problem);
}

/** Our diagnostics as `line: severity source` strings, sorted, for compact assertions. */
export function diagnosticsOf(document: vscode.TextDocument): string[] {
  return vscode.languages
    .getDiagnostics(document.uri)
    .map((d) => `${d.range.start.line}: ${vscode.DiagnosticSeverity[d.severity]} ${d.source}`)
    .sort();
}
