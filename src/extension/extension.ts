import * as vscode from 'vscode';
import { commands } from './commands';
import { Ctx, showErrorWithLog } from './ctx';
import { describeError, LOG_CHANNEL_NAME } from './log';

let ctx: Ctx | undefined;

/** What activate() returns (`vscode.extensions.getExtension('mplsandbox.mplsandbox').exports`), used by tests. */
export interface MplSandboxApi {
  readonly ctx: Ctx;
}

export async function activate(context: vscode.ExtensionContext): Promise<MplSandboxApi | undefined> {
  ctx = new Ctx(context);
  context.subscriptions.push(ctx);
  try {
    for (const command of commands) ctx.registerCommand(command);
    ctx.log.info(`MPLSandbox ${ctx.version} activated (VS Code ${vscode.version}, ${vscode.env.appHost})`);
    return { ctx };
  } catch (e) {
    ctx.log.error(`activation failed: ${describeError(e)}`);
    void showErrorWithLog(ctx.log, `MPLSandbox failed to start: ${e instanceof Error ? e.message : String(e)}. See the ${LOG_CHANNEL_NAME} log.`);
    // Keep the log command alive so that the user can read what happened.
    return { ctx };
  }
}

export function deactivate(): void {
  ctx?.dispose();
  ctx = undefined;
}
