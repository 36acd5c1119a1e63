// The one sandbox engine of the window, created on first use: loading it pulls in dockerode, ssh2 and the
// image builder, which activation must not pay for. A change to a setting the engine is built with closes
// it, and the next run gets a new one.
import * as vscode from 'vscode';
import type { SandboxEngine } from '../../core/sandbox/engine';
import type { LimitOverrides } from '../../core/sandbox/limits';
import { Config } from '../config';
import { loadCore } from './load-core';

export class EngineHost implements vscode.Disposable {
  private engine?: Promise<SandboxEngine>;
  /** Languages whose image this engine has checked (and built if needed): later runs skip the check. */
  readonly imagesReady = new Set<string>();
  private readonly subscription: vscode.Disposable;
  private readonly resetListeners: (() => void)[] = [];

  constructor(
    private readonly config: Config,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = config.onDidChange((e) => {
      // The settings the engine is built with (limits are read at every run and need no new engine).
      if (Config.restartsEngine(e)) {
        this.log.info('sandbox settings changed: the next run uses a new engine');
        this.reset();
      }
    });
  }

  /** Whether an engine has been created (for status displays that must not create one). */
  get started(): boolean {
    return this.engine !== undefined;
  }

  get(): Promise<SandboxEngine> {
    this.engine ??= this.create();
    return this.engine;
  }

  /** Called when the engine is replaced (e.g. the status bar forgets its Docker state). */
  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  /** The user's limits from the settings, in the engine's units: the engine reads them at every run (its user layer). */
  userLimits(): LimitOverrides {
    return {
      run: {
        timeoutMs: this.config.runTimeoutSeconds * 1000,
        memoryBytes: this.config.runMemoryLimitMb * 1024 * 1024,
        cpus: this.config.runCpus,
        outputBytes: this.config.runOutputLimitKb * 1024,
      },
    };
  }

  private async create(): Promise<SandboxEngine> {
    const t0 = performance.now();
    const { SandboxEngine } = loadCore();
    const engine = new SandboxEngine({
      dockerHost: this.config.dockerHost,
      imageOverrides: this.config.imageOverrides,
      autoBuildImages: this.config.autoBuildImages,
      poolSize: this.config.warmPoolSize,
      userLimits: () => this.userLimits(),
      // A project's dependency image runs its install scripts while it builds: only in a trusted workspace.
      allowDependencyBuilds: () => vscode.workspace.isTrusted,
      onBuildProgress: (p) => this.log.info(`${p.image}: ${p.line}`),
      onBackgroundError: (err) => this.log.warn(`sandbox background work failed: ${err instanceof Error ? err.message : String(err)}`),
    });
    this.log.info(`sandbox engine loaded in ${Math.round(performance.now() - t0)} ms (Docker host: ${this.config.dockerHost ?? process.env.DOCKER_HOST ?? 'local socket'})`);
    return engine;
  }

  /** Closes the current engine (removing its containers, which stops its runs); the next get() makes a new one. */
  reset(): void {
    const old = this.engine;
    this.engine = undefined;
    this.imagesReady.clear();
    for (const l of this.resetListeners) l();
    void old?.then((e) => e.close()).catch((err) => this.log.warn(`closing the sandbox engine failed: ${String(err)}`));
  }

  dispose(): void {
    this.subscription.dispose();
    this.reset();
  }
}
