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

  /** `mplsandbox.sandbox.cpus`: CPU quota of one run, in cores. */
  get runCpus(): number {
    const v = this.get<number>('sandbox.cpus', 1);
    return Number.isFinite(v) && v > 0 ? v : 1;
  }

  /** `mplsandbox.sandbox.outputLimitKb`: per-stream output cap of one run, in KiB. */
  get runOutputLimitKb(): number {
    const v = this.get<number>('sandbox.outputLimitKb', 1024);
    return Number.isFinite(v) && v >= 1 ? Math.floor(v) : 1024;
  }

  /** `mplsandbox.sandbox.interactiveTimeoutMinutes`: wall-clock limit of an interactive (terminal) run. */
  get interactiveTimeoutMinutes(): number {
    const v = this.get<number>('sandbox.interactiveTimeoutMinutes', 10);
    return Number.isFinite(v) && v > 0 ? v : 10;
  }

  /** `mplsandbox.sandbox.warmPoolSize`: warm containers kept per recently used language (0 = a new container per run). */
  get warmPoolSize(): number {
    const v = this.get<number>('sandbox.warmPoolSize', 1);
    return Number.isInteger(v) && v >= 0 ? v : 1;
  }

  /** `mplsandbox.sandbox.autoBuildImages`: build a language's image on its first run when it is missing. */
  get autoBuildImages(): boolean {
    return this.get<boolean>('sandbox.autoBuildImages', true) !== false;
  }

  /** `mplsandbox.sandbox.images`: language id → an image of the user's own, used instead of the built one. */
  get imageOverrides(): Record<string, string> {
    const v = this.get<Record<string, unknown>>('sandbox.images', {});
    const out: Record<string, string> = {};
    for (const [lang, image] of Object.entries(v ?? {})) if (typeof image === 'string' && image.trim()) out[lang] = image.trim();
    return out;
  }

  /** `mplsandbox.sandbox.enabledLanguages`: language ids that may run; undefined (the default) means all. */
  get enabledLanguages(): readonly string[] | undefined {
    const v = this.get<unknown>('sandbox.enabledLanguages', null);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
