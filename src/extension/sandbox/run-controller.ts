// One "Run in Sandbox" job from start to verdict: trust, language, Docker and image checks, the run with its
// output streaming into the Output channel, diagnostics, status bar, and a progress notification with Cancel
// once the run takes over a second. One job at a time: a new run stops the one before it.
import * as vscode from 'vscode';
import type { LanguageSpec } from '../../core/languages/types';
import { resolveLimits } from '../../core/sandbox/limits';
import type { RunResult, TestCase } from '../../core/sandbox/types';
import { classifyError, type Failure, UNTRUSTED_MESSAGE } from './failures';
import type { RunTarget } from './run-target';
import { identifyTargetLanguage } from './run-target';
import type { SandboxServices } from './services';

/** Context key (package.json `when` clauses): a run is on. */
const RUNNING_CONTEXT = 'mplsandbox.running';

/** Runs shorter than this finish without a progress notification. */
const PROGRESS_DELAY_MS = 1000;

export interface RunOptions {
  stdin?: string;
  /** Where stdin came from, for the header ("stdin from input.txt"). */
  stdinLabel?: string;
  /** A language chosen by the user, overriding identification. */
  language?: string;
  /** Test cases to judge against (the sidecar file's, found by the caller). */
  cases?: TestCase[];
  casesLabel?: string;
}

export type RunOutcome =
  | { kind: 'result'; result: RunResult; language: string }
  | { kind: 'cancelled'; elapsedMs: number }
  | { kind: 'failed'; failure: Failure };

interface Job {
  abort: AbortController;
  label: string;
  finished: Promise<void>;
}

export class RunController implements vscode.Disposable {
  private job?: Job;

  constructor(private readonly s: SandboxServices) {}

  get running(): string | undefined {
    return this.job?.label;
  }

  /** Stops the running job (its container is removed at once). Returns whether there was one. */
  stop(): boolean {
    if (!this.job) return false;
    this.s.log.info(`stopping the run of ${this.job.label}`);
    this.job.abort.abort();
    return true;
  }

  async run(target: RunTarget, opts: RunOptions = {}): Promise<RunOutcome> {
    if (!vscode.workspace.isTrusted) return { kind: 'failed', failure: { kind: 'untrusted', message: UNTRUSTED_MESSAGE } };
    if (!target.code.trim()) return { kind: 'failed', failure: { kind: 'nothing-to-run', message: `${target.label} is empty: there is nothing to run.` } };

    let language: LanguageSpec;
    try {
      language = await identifyTargetLanguage(target, opts.language);
    } catch (err) {
      return { kind: 'failed', failure: classifyError(err) };
    }
    const enabled = this.s.config.enabledLanguages;
    if (enabled && !enabled.includes(language.id)) {
      return {
        kind: 'failed',
        failure: {
          kind: 'language',
          language: language.id,
          message: `${language.displayName} is not enabled (setting mplsandbox.sandbox.enabledLanguages). Enabled: ${enabled.join(', ') || 'none'}.`,
        },
      };
    }

    if (this.job) {
      const previous = this.job;
      this.stop();
      await previous.finished;
    }
    let finish!: () => void;
    const job: Job = { abort: new AbortController(), label: target.label, finished: new Promise<void>((r) => (finish = r)) };
    this.job = job;
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, true);
    const t0 = Date.now();
    const out = this.s.output;
    const limits = resolveLimits(language, undefined, this.s.engines.runLimits());
    const details = [target.isSelection ? `selection (line ${target.lineOffset + 1})` : undefined, opts.stdinLabel, opts.casesLabel].filter(Boolean);
    out.header({ fileName: target.fileName, language: language.displayName, limits, detail: details.join(', ') || undefined });
    out.show();
    this.s.diagnostics.run.delete(target.uri);
    this.s.statusBar.setJob(target.label);

    let reportProgress: ((message: string) => void) | undefined;
    const progressTimer = setTimeout(() => {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `MPLSandbox: running ${target.label}`, cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => job.abort.abort());
          reportProgress = (message) => progress.report({ message });
          return job.finished;
        },
      );
    }, PROGRESS_DELAY_MS);

    try {
      const engine = await this.s.engines.get();
      try {
        const version = await engine.checkDocker();
        this.s.statusBar.setDocker({ kind: 'connected', version: version.version });
      } catch (err) {
        const failure = classifyError(err, language.id);
        if (failure.kind === 'docker') this.s.statusBar.setDocker({ kind: 'not-running', advice: failure.message });
        out.failed(failure.message);
        return { kind: 'failed', failure };
      }
      if (!this.s.engines.imagesReady.has(language.id)) {
        try {
          await this.s.ensureImage(language, job.abort.signal, (line) => reportProgress?.(line));
        } catch (err) {
          if (job.abort.signal.aborted) throw err;
          const failure = classifyError(err, language.id);
          out.failed(failure.message);
          return { kind: 'failed', failure };
        }
      }
      reportProgress?.('running…');
      const result = await engine.runCode({
        code: target.code,
        language: language.id,
        fileName: target.fileName,
        stdin: opts.stdin,
        cases: opts.cases,
        limits: this.s.engines.runLimits(),
        signal: job.abort.signal,
        // With cases, each case's output is shown in its verdict block instead.
        onOutput: opts.cases?.length ? undefined : (_stream, text) => out.write(text),
      });
      this.s.diagnostics.set(this.s.diagnostics.run, target.uri, target.fileName, result.diagnostics, target.lineOffset);
      out.result(result, target.fileName, target.lineOffset, language.sourceFile(target.code));
      this.s.statusBar.setVerdict(result.status, target.label, result.message ?? result.status);
      this.s.log.info(`run of ${target.label} (${language.id}): ${result.status}${result.message ? ` — ${result.message}` : ''}`);
      if (result.status === 'SandboxError') {
        return { kind: 'failed', failure: { kind: 'engine', language: language.id, message: result.message ?? 'the sandbox could not run the program' } };
      }
      return { kind: 'result', result, language: language.id };
    } catch (err) {
      if ((err as Error)?.name === 'AbortError' || job.abort.signal.aborted) {
        out.cancelled(Date.now() - t0);
        return { kind: 'cancelled', elapsedMs: Date.now() - t0 };
      }
      const failure = classifyError(err, language.id);
      out.failed(failure.message);
      return { kind: 'failed', failure };
    } finally {
      clearTimeout(progressTimer);
      if (this.job === job) this.job = undefined;
      this.s.statusBar.setJob(this.job?.label);
      // The editor's run button turns into a stop button while a run is on (package.json menus).
      if (!this.job) void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, false);
      finish();
    }
  }

  dispose(): void {
    this.stop();
  }
}
