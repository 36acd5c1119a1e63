// Shared helpers of the extension-host tests.
import * as vscode from 'vscode';
import type { MplSandboxApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'mplsandbox.mplsandbox';

export interface Manifest {
  activationEvents?: string[];
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    configuration?: { properties?: Record<string, { default?: unknown; markdownDescription?: string; description?: string }> };
  };
}

export function extension(): vscode.Extension<MplSandboxApi | undefined> {
  const ext = vscode.extensions.getExtension<MplSandboxApi | undefined>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

/** The manifest that VS Code loaded (not the file on disk). */
export function manifest(): Manifest {
  return extension().packageJSON as Manifest;
}

export async function activate(): Promise<MplSandboxApi> {
  const api = await extension().activate();
  if (!api) throw new Error('activate() returned no API');
  return api;
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
