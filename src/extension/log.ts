import * as vscode from 'vscode';

/**
 * Name of the extension's log channel ("Output" panel) and of its log file. The plain "MPLSandbox" channel
 * is the one that shows program runs (sandbox/run-output.ts).
 */
export const LOG_CHANNEL_NAME = 'MPLSandbox Log';

/**
 * The extension's log. A LogOutputChannel: VS Code owns the level ("Developer: Set Log Level…"),
 * adds timestamps and keeps a log file, so code just calls log.info/warn/error/debug/trace.
 */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
}

/** Message of anything thrown, with the stack when there is one (for the log, not for the user). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  return String(e);
}
