// Sidecar test cases: `<program>.cases.json` next to a program (MPLSandbox's `{inputs, outputs}` or a list of
// `{input, expected}`), read from the editor when it is open with unsaved changes.
import * as vscode from 'vscode';
import type { TestCase } from '../../core/sandbox/types';
import { loadCore } from './load-core';

export const CASES_SUFFIX = '.cases.json';

export function casesUriFor(program: vscode.Uri): vscode.Uri | undefined {
  return program.scheme === 'file' ? program.with({ path: program.path + CASES_SUFFIX }) : undefined;
}

export function programUriFor(cases: vscode.Uri): vscode.Uri | undefined {
  return cases.path.endsWith(CASES_SUFFIX) ? cases.with({ path: cases.path.slice(0, -CASES_SUFFIX.length) }) : undefined;
}

/** The current text of a file: the open editor's (saved or not), else the file on disk. */
export async function currentText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The cases of a cases file; throws CasesFormatError (whose message names every bad path) when malformed. */
export async function readCases(casesUri: vscode.Uri): Promise<TestCase[]> {
  // The judge module brings zod: loaded on first use, not at activation.
  const { parseCases } = loadCore();
  return parseCases(await currentText(casesUri));
}

/** The sidecar cases of a program, or undefined when it has no cases file. */
export async function sidecarCases(program: vscode.Uri): Promise<{ uri: vscode.Uri; cases: TestCase[] } | undefined> {
  const uri = casesUriFor(program);
  if (!uri || !(await exists(uri))) return undefined;
  return { uri, cases: await readCases(uri) };
}
