// Commands behind the "Get started with MPLSandbox" walkthrough: open a sample program or a math note as an
// untitled editor (the user's workspace is left alone; the samples ship in media/walkthrough/samples/).
import * as vscode from 'vscode';
import type { Command } from '../ctx';

const SAMPLES: Record<string, { file: string; language: string }> = {
  python: { file: 'hello.py', language: 'python' },
  math: { file: 'apples.md', language: 'markdown' },
};

export function walkthroughCommands(extensionUri: vscode.Uri): Command[] {
  const openSample = async (which: unknown) => {
    const sample = SAMPLES[typeof which === 'string' ? which : 'python'] ?? SAMPLES.python;
    const uri = vscode.Uri.joinPath(extensionUri, 'media', 'walkthrough', 'samples', sample.file);
    const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const document = await vscode.workspace.openTextDocument({ content, language: sample.language });
    return vscode.window.showTextDocument(document);
  };
  return [{ id: 'mplsandbox._openSample', factory: () => (which?: unknown) => openSample(which) }];
}
