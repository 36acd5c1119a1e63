import * as vscode from 'vscode';

/** Section of every setting in package.json's contributes.configuration (`mplsandbox.*`). */
export const CONFIG_SECTION = 'mplsandbox';

/**
 * Typed view over the `mplsandbox.*` settings. Getters read the live value each time, so callers never
 * hold stale copies; `onDidChange` fires for changes under the section. Add a getter per setting and
 * keep its default equal to package.json's.
 */
export class Config implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
  /** Fires when any `mplsandbox.*` setting changes; use `e.affectsConfiguration('mplsandbox.x')` for one. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(CONFIG_SECTION)) this.changed.fire(e);
    });
  }

  private get cfg(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(CONFIG_SECTION);
  }

  private get<T>(key: string, fallback: T): T {
    return this.cfg.get<T>(key, fallback);
  }

  /** `mplsandbox.docker.host`: Docker engine address; empty means DOCKER_HOST or the local socket. */
  get dockerHost(): string | undefined {
    const v = this.get<string>('docker.host', '').trim();
    return v === '' ? undefined : v;
  }

  /** `mplsandbox.sandbox.timeoutSeconds`: wall-clock limit of one run, in seconds (at least 1). */
  get runTimeoutSeconds(): number {
    const v = this.get<number>('sandbox.timeoutSeconds', 10);
    return Number.isFinite(v) && v >= 1 ? v : 10;
  }

  /** `mplsandbox.sandbox.memoryLimitMb`: memory limit of one run, in MiB (at least 16). */
  get runMemoryLimitMb(): number {
    const v = this.get<number>('sandbox.memoryLimitMb', 512);
    return Number.isFinite(v) && v >= 16 ? v : 512;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
