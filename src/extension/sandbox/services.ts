// What the sandbox commands share: the lazily created engine, the run output channel, the diagnostics, the
// status bar and the run controller. Created at activation; only cheap objects are made here.
import * as vscode from 'vscode';
import { LANGUAGES } from '../../core/languages/registry';
import type { LanguageSpec } from '../../core/languages/types';
import type { Config } from '../config';
import type { Ctx } from '../ctx';
import { SandboxDiagnostics } from './diagnostics';
import { EngineHost } from './engine-host';
import { type Failure, type FailureActions, showFailure } from './failures';
import { RunController } from './run-controller';
import { RunOutput } from './run-output';
import { SandboxStatusBar } from './status-bar';

export class SandboxServices implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  readonly config: Config;
  readonly engines: EngineHost;
  readonly output = new RunOutput();
  readonly diagnostics = new SandboxDiagnostics();
  readonly statusBar = new SandboxStatusBar();
  readonly runs: RunController;
  /** Interactive terminals whose program is still running (Stop Sandbox Run stops them too). */
  readonly interactive = new Set<{ stop(): void }>();

  constructor(ctx: Ctx) {
    this.log = ctx.log;
    this.config = ctx.config;
    this.engines = new EngineHost(ctx.config, ctx.log);
    this.engines.onReset(() => this.statusBar.setDocker({ kind: 'unknown' }));
    this.runs = new RunController(this);
  }

  /**
   * Makes sure a language's image exists, building it when missing (when auto-build is on): the status bar
   * says "building", `onStep` gets the build's `Step n/m` lines, and the Output channel says why it waits.
   */
  async ensureImage(language: LanguageSpec, signal?: AbortSignal, onStep?: (line: string) => void, opts: { evenWithoutAutoBuild?: boolean } = {}): Promise<string> {
    const engine = await this.engines.get();
    const before = this.statusBar.dockerState;
    let building = false;
    try {
      // The engine's one build coordinator: a second caller (another run, "Build Sandbox Images" again) joins the
      // running build with its own progress and Cancel. "Build Sandbox Images" builds even when auto-build is off.
      const tag = await engine.ensureImage(
        language,
        (p) => {
          if (!building) {
            building = true;
            this.statusBar.setDocker({ kind: 'building', what: `${language.id} image` });
            this.output.line(`building the ${language.displayName} sandbox image (once; later runs reuse it)…`);
          }
          if (/^Step \d+\/\d+/.test(p.line)) {
            this.log.info(`${p.image}: ${p.line}`);
            onStep?.(`building the ${language.id} image: ${p.line}`);
          }
        },
        signal,
        { build: opts.evenWithoutAutoBuild },
      );
      this.engines.imagesReady.add(language.id);
      return tag;
    } finally {
      if (building) this.statusBar.setDocker(before.kind === 'building' ? { kind: 'unknown' } : before);
    }
  }

  /** Stops every interactive program. Returns whether there was one. */
  stopInteractive(): boolean {
    const running = [...this.interactive];
    for (const r of running) r.stop();
    return running.length > 0;
  }

  /** Shows a failure with its actions; `retry` runs the same command again. */
  fail(failure: Failure, retry?: () => unknown, retryWithLanguage?: (languageId: string) => unknown): void {
    const actions: FailureActions = {
      log: this.log,
      retry,
      retryWithLanguage,
      buildImage: (languageId) => vscode.commands.executeCommand('mplsandbox.buildImages', [languageId]),
      supportedLanguages: () => LANGUAGES.map((l) => ({ id: l.id, displayName: l.displayName })),
    };
    showFailure(failure, actions);
  }

  dispose(): void {
    this.runs.dispose();
    this.engines.dispose();
    this.statusBar.dispose();
    this.diagnostics.dispose();
    this.output.dispose();
  }
}
