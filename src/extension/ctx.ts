import * as vscode from 'vscode';
import { Config } from './config';
import { createLog, describeError } from './log';

/** The state every command and feature shares. Owns every disposable of the extension. */
export class Ctx implements vscode.Disposable {
  readonly config: Config;
  readonly log: vscode.LogOutputChannel;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extCtx: vscode.ExtensionContext) {
    this.log = this.pushCleanup(createLog());
    this.config = this.pushCleanup(new Config());
  }

  get extensionUri(): vscode.Uri {
    return this.extCtx.extensionUri;
  }

  get version(): string {
    return (this.extCtx.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  }

  /** Something to dispose of when the extension deactivates. Returns it, for `x = ctx.pushCleanup(new X())`. */
  pushCleanup<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  /** Registers a command whose errors are logged and shown instead of vanishing. */
  registerCommand(command: Command): void {
    const handler = command.factory(this);
    this.pushCleanup(
      vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
        try {
          return await handler(...args);
        } catch (e) {
          this.log.error(`command ${command.id} failed: ${describeError(e)}`);
          void showErrorWithLog(this.log, `MPLSandbox: ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        }
      }),
    );
  }

  dispose(): void {
    // Reverse order: what was created last (and may use earlier things) goes first.
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (e) {
        console.error('MPLSandbox: dispose failed', e);
      }
    }
  }
}

/** What a command file exports: its id (as in package.json contributes.commands) and a handler factory. */
export interface Command {
  readonly id: string;
  readonly factory: (ctx: Ctx) => (...args: unknown[]) => unknown;
}

/** Shows an error notification with an action that opens the log. */
export async function showErrorWithLog(log: vscode.LogOutputChannel, message: string): Promise<void> {
  const openLog = 'Open Log';
  if ((await vscode.window.showErrorMessage(message, openLog)) === openLog) log.show(true);
}
