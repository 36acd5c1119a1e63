import * as vscode from 'vscode';
import type { CritiqueRole, CritiqueSettings, RoleSettings } from './critique/critique-settings';
import { ENGINE_SETTINGS, settingDefault, type SettingKey, type SettingValue } from './settings';

/** Section of every setting in package.json's contributes.configuration (`mplsandbox.*`). */
export const CONFIG_SECTION = 'mplsandbox';

export { ENGINE_SETTINGS };

/**
 * The one typed view over the `mplsandbox.*` settings, sandbox and critique alike. Getters read the live value
 * each time, so callers never hold stale copies; `onDidChange` fires for changes under the section. Defaults live
 * once, in settings.ts (checked against package.json by a test); a getter falls back to its default when the
 * value is out of range. The settings a sandbox engine is built with (a change needs a new engine) are
 * ENGINE_SETTINGS, marked in the same table.
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

  /** Whether a change needs a new sandbox engine (one of ENGINE_SETTINGS changed). */
  static restartsEngine(e: vscode.ConfigurationChangeEvent): boolean {
    return ENGINE_SETTINGS.some((s) => e.affectsConfiguration(s));
  }

  private raw<K extends SettingKey>(key: K): unknown {
    return vscode.workspace.getConfiguration(CONFIG_SECTION).get<unknown>(key, settingDefault(key));
  }

  private number<K extends SettingKey>(key: K, ok: (v: number) => boolean): number {
    const v = this.raw(key);
    return typeof v === 'number' && Number.isFinite(v) && ok(v) ? v : (settingDefault(key) as number);
  }

  private text<K extends SettingKey>(key: K): string {
    const v = this.raw(key);
    return typeof v === 'string' ? v.trim() : (settingDefault(key) as string);
  }

  private flag<K extends SettingKey>(key: K): boolean {
    const v = this.raw(key);
    return typeof v === 'boolean' ? v : (settingDefault(key) as boolean);
  }

  /**
   * `mplsandbox.sandbox.runWithProject`: run a saved file with its project (the nearest root marker within the
   * workspace folder: its files copied, its manifest's dependencies in a cached image) rather than alone.
   */
  get runWithProject(): boolean {
    return this.flag('sandbox.runWithProject');
  }

  /** `mplsandbox.sandbox.projectMaxFiles` and `…projectMaxMegabytes`: the most files and bytes a project may copy. */
  get projectLimits(): { maxFiles: number; maxBytes: number } {
    return {
      maxFiles: Math.floor(this.number('sandbox.projectMaxFiles', (v) => v >= 1)),
      maxBytes: Math.round(this.number('sandbox.projectMaxMegabytes', (v) => v > 0) * 1024 * 1024),
    };
  }

  // ── sandbox ─────────────────────────────────────────────────────────────────────────────────────────────────

  /** `mplsandbox.docker.host`: Docker engine address; empty means DOCKER_HOST or the local socket. Restarts the engine. */
  get dockerHost(): string | undefined {
    return this.text('docker.host') || undefined;
  }

  /** `mplsandbox.sandbox.timeoutSeconds`: wall-clock limit of one run, in seconds (at least 1). */
  get runTimeoutSeconds(): number {
    return this.number('sandbox.timeoutSeconds', (v) => v >= 1);
  }

  /** `mplsandbox.sandbox.memoryLimitMb`: memory limit of one run, in MiB (at least 16). */
  get runMemoryLimitMb(): number {
    return this.number('sandbox.memoryLimitMb', (v) => v >= 16);
  }

  /** `mplsandbox.sandbox.cpus`: CPU quota of one run, in cores. */
  get runCpus(): number {
    return this.number('sandbox.cpus', (v) => v > 0);
  }

  /** `mplsandbox.sandbox.outputLimitKb`: per-stream output cap of one run, in KiB. */
  get runOutputLimitKb(): number {
    return Math.floor(this.number('sandbox.outputLimitKb', (v) => v >= 1));
  }

  /** `mplsandbox.sandbox.interactiveTimeoutMinutes`: wall-clock limit of an interactive (terminal) run. */
  get interactiveTimeoutMinutes(): number {
    return this.number('sandbox.interactiveTimeoutMinutes', (v) => v > 0);
  }

  /** `mplsandbox.sandbox.warmPoolSize`: warm containers kept per recently used language (0 = a new container per run). Restarts the engine. */
  get warmPoolSize(): number {
    return this.number('sandbox.warmPoolSize', (v) => Number.isInteger(v) && v >= 0);
  }

  /** `mplsandbox.sandbox.autoBuildImages`: build a language's image on its first run when it is missing. Restarts the engine. */
  get autoBuildImages(): boolean {
    return this.flag('sandbox.autoBuildImages');
  }

  /** `mplsandbox.sandbox.images`: language id → an image of the user's own, used instead of the built one. Restarts the engine. */
  get imageOverrides(): Record<string, string> {
    const v = this.raw('sandbox.images');
    const out: Record<string, string> = {};
    if (v && typeof v === 'object') for (const [lang, image] of Object.entries(v)) if (typeof image === 'string' && image.trim()) out[lang] = image.trim();
    return out;
  }

  /**
   * `mplsandbox.sandbox.enabledLanguages`: language ids that may run (package.json's default lists every
   * language); a value that is not a list means every language.
   */
  get enabledLanguages(): readonly string[] | undefined {
    const v = this.raw('sandbox.enabledLanguages');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
  }

  // ── critique ────────────────────────────────────────────────────────────────────────────────────────────────

  /** The `mplsandbox.critique.*` settings, read together (one critique uses one consistent set). */
  get critique(): CritiqueSettings {
    return {
      provider: this.raw('critique.provider') === 'vscode-lm' ? 'vscode-lm' : 'openai-compatible',
      critic: this.role('critic'),
      actor: this.role('actor'),
      rounds: Math.round(this.number('critique.actor.rounds', (v) => v >= 1 && v <= 20)),
      samples: Math.round(this.number('critique.actor.samples', (v) => v >= 1 && v <= 64)),
      languageModel: { vendor: this.text('critique.languageModel.vendor'), family: this.text('critique.languageModel.family') },
      onSave: this.flag('critique.onSave'),
      sandboxChecks: this.flag('critique.sandboxChecks'),
      onSaveDelayMs: Math.round(this.number('critique.onSaveDelayMs', (v) => v >= 0 && v <= 60_000)),
      timeoutMs: Math.round(this.number('critique.timeoutSeconds', (v) => v >= 1 && v <= 3600) * 1000),
    };
  }

  private role(name: CritiqueRole): RoleSettings {
    return {
      baseUrl: this.text(`critique.${name}.baseUrl`),
      model: this.text(`critique.${name}.model`),
      temperature: this.number(`critique.${name}.temperature`, (v) => v >= 0 && v <= 2),
      maxTokens: Math.round(this.number(`critique.${name}.maxTokens`, (v) => v >= 1 && v <= 1_000_000)),
    };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export type { SettingValue };
