// What "Run in Sandbox" runs: the active editor's current text (saved or not, untitled too), or only the
// selection when there is one, or a file picked in the explorer. The language comes from the editor's
// languageId, the file name, or (plaintext, untitled) the code itself.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageSpec } from '../../core/languages/types';
import { loadCore } from './load-core';

export interface RunTarget {
  /** The document the code comes from: diagnostics go on it. */
  uri: vscode.Uri;
  code: string;
  /** The file name the engine reports diagnostics against (the path for files, the title for untitled buffers). */
  fileName: string;
  /** Short name for headers and the status bar. */
  label: string;
  languageIdHint?: string;
  /** Lines before the code in the document (a selection's start line), added to every diagnostic's line. */
  lineOffset: number;
  /** Whether the code is a selection rather than the whole document. */
  isSelection: boolean;
}

/**
 * The target of a command: the file the explorer's context menu names when it is not the active editor's,
 * else the active editor (its selection when there is one).
 */
export async function resolveRunTarget(arg: unknown): Promise<RunTarget | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (arg instanceof vscode.Uri && (!editor || editor.document.uri.toString() !== arg.toString())) {
    const document = await vscode.workspace.openTextDocument(arg);
    return wholeDocument(document);
  }
  if (!editor) return undefined;
  // The editor title button and context menu pass the document's URI: its selection still counts.
  const selection = editor.selection;
  if (!selection.isEmpty) {
    const text = editor.document.getText(selection);
    if (text.trim()) {
      return { ...wholeDocument(editor.document), code: text, lineOffset: selection.start.line, isSelection: true };
    }
  }
  return wholeDocument(editor.document);
}

function wholeDocument(document: vscode.TextDocument): RunTarget {
  const fileName = document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.path || 'untitled';
  return {
    uri: document.uri,
    code: document.getText(),
    fileName,
    label: path.basename(fileName),
    // plaintext says nothing about the language: leave it to the file name and the content.
    languageIdHint: document.languageId === 'plaintext' ? undefined : document.languageId,
    lineOffset: 0,
    isSelection: false,
  };
}

/** Identifies the language (loads the content model only when the hints do not decide). */
export async function identifyTargetLanguage(target: Pick<RunTarget, 'uri' | 'code' | 'fileName' | 'languageIdHint'>, explicit?: string): Promise<LanguageSpec> {
  const { identifyLanguage } = loadCore();
  const fileName = target.uri.scheme === 'untitled' ? undefined : target.fileName;
  const identified = await identifyLanguage({ code: target.code, fileName, languageIdHint: target.languageIdHint, explicit });
  return identified.language;
}
