// Findings of the sandbox (compiler errors, runtime error lines, analysis findings) as VS Code diagnostics on
// the exact ranges, with the tool as source and the rule as code. Each kind has its own collection, and a
// new run (or analysis) of a file replaces that file's entries of its kind.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Diagnostic, Severity } from '../../core/diagnostics/types';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class SandboxDiagnostics implements vscode.Disposable {
  /** Compiler and runtime errors of the last run of each file. */
  readonly run = vscode.languages.createDiagnosticCollection('mplsandbox');
  /** Findings of the last analysis of each file. */
  readonly analysis = vscode.languages.createDiagnosticCollection('mplsandbox-analysis');
  /** Per collection and target, the other files a project run put diagnostics on. */
  private readonly others = new Map<string, vscode.Uri[]>();

  /**
   * Replaces the diagnostics of `uri` in `collection`. `fileName` is the name the engine reported against
   * (others, e.g. a header's, are left out); `lineOffset` maps a selection's lines to the document's.
   */
  set(collection: vscode.DiagnosticCollection, uri: vscode.Uri, fileName: string, found: readonly Diagnostic[], lineOffset = 0): vscode.Diagnostic[] {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const converted = found.filter((d) => d.file === fileName).map((d) => toVscodeDiagnostic(d, lineOffset, document));
    collection.set(uri, converted);
    return converted;
  }

  /**
   * A project run's findings on its other files (the helper module with the error, the source a header
   * belongs to): each such file's entries in `collection` are replaced; those the previous run of `target`
   * put on files that have none now are removed.
   */
  setOthers(collection: vscode.DiagnosticCollection, target: vscode.Uri, fileName: string, found: readonly Diagnostic[]): void {
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of found) if (d.file !== fileName && path.isAbsolute(d.file)) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    const key = `${collection.name}\0${target.toString()}`;
    for (const previous of this.others.get(key) ?? []) if (!byFile.has(previous.fsPath)) collection.delete(previous);
    const uris: vscode.Uri[] = [];
    for (const [file, list] of byFile) {
      const uri = vscode.Uri.file(file);
      uris.push(uri);
      this.set(collection, uri, file, list);
    }
    this.others.set(key, uris);
  }

  dispose(): void {
    this.run.dispose();
    this.analysis.dispose();
  }
}

/**
 * A core diagnostic (1-based lines and columns) as a VS Code one (0-based). Without an end, the range is
 * the word at the position, or the line's text from there when there is no word (or the column is 1).
 */
export function toVscodeDiagnostic(d: Diagnostic, lineOffset: number, document?: vscode.TextDocument): vscode.Diagnostic {
  const line = Math.max(0, d.line - 1 + lineOffset);
  const column = Math.max(0, d.column - 1);
  let range: vscode.Range;
  if (d.endLine !== undefined && d.endColumn !== undefined) {
    const end = new vscode.Position(Math.max(line, d.endLine - 1 + lineOffset), Math.max(0, d.endColumn - 1));
    range = new vscode.Range(new vscode.Position(line, column), end);
    if (range.isEmpty) range = wordOrRestOfLine(document, line, column);
  } else {
    range = wordOrRestOfLine(document, line, column);
  }
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity] ?? vscode.DiagnosticSeverity.Error);
  diagnostic.source = d.source;
  if (d.code) diagnostic.code = d.code;
  return diagnostic;
}

function wordOrRestOfLine(document: vscode.TextDocument | undefined, line: number, column: number): vscode.Range {
  const start = new vscode.Position(line, column);
  if (!document || line >= document.lineCount) return new vscode.Range(start, start.translate(0, 1));
  const text = document.lineAt(line).text;
  const at = new vscode.Position(line, Math.min(column, text.length));
  // Column 1 usually means "the line" (tracebacks, tools without columns): mark the line's text, not its first word.
  const word = column > 0 ? document.getWordRangeAtPosition(at) : undefined;
  if (word) return word;
  const firstNonBlank = column === 0 ? document.lineAt(line).firstNonWhitespaceCharacterIndex : column;
  const end = text.trimEnd().length;
  return end > firstNonBlank ? new vscode.Range(line, firstNonBlank, line, end) : new vscode.Range(at, at);
}
