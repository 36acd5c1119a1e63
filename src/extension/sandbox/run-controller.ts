// One "Run in Sandbox" job from start to verdict: trust, language, Docker and image checks, the run with its
// output streaming into the Output channel, diagnostics, status bar, and a progress notification with Cancel
// once the run takes over a second. One job at a time: a new run stops the one before it.
import * as vscode from 'vscode';
import { resolveLimits } from '../../core/sandbox/limits';
import type { RunResult, TestCase } from '../../core/sandbox/types';
import { isAbortError } from '../../core/abort';
import type { LimitOverrides } from '../../core/sandbox/limits';
import type { SandboxDiagnostics } from './diagnostics';
import { classifyError, type Failure } from './failures';
import { checkJob, type PreparationHost, readyEngine } from './prepare-job';
import type { RunOutput } from './run-output';
import type { RunTarget } from './run-target';
import type { SandboxStatusBar } from './status-bar';

/** What a run needs of the window's sandbox services (SandboxServices is one): no more, so no import circle. */
export interface RunHost extends PreparationHost {
  readonly log: Pick<vscode.LogOutputChannel, 'info'>;
  readonly output: RunOutput;
  readonly diagnostics: SandboxDiagnostics;
  readonly statusBar: SandboxStatusBar;
  readonly engines: PreparationHost['engines'] & { userLimits(): LimitOverrides };
}

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

  constructor(private readonly s: RunHost) {}

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
    const checked = await checkJob(this.s, target, { language: opts.language, nonEmpty: target.label });
    if (!checked.ok) return { kind: 'failed', failure: checked.failure };
    const { language, project } = checked;

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
    const limits = resolveLimits(language, undefined, this.s.engines.userLimits());
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
      const ready = await readyEngine(this.s, language, { signal: job.abort.signal, onStep: (line) => reportProgress?.(line) });
      if (!ready.ok) {
        out.failed(ready.failure.message);
        return { kind: 'failed', failure: ready.failure };
      }
      const { engine } = ready;
      reportProgress?.('running…');
      const result = await engine.runCode({
        code: target.code,
        language: language.id,
        fileName: target.fileName,
        project,
        stdin: opts.stdin,
        cases: opts.cases,
        signal: job.abort.signal,
        // With cases, each case's output is shown in its verdict block instead.
        onOutput: opts.cases?.length ? undefined : (_stream, text) => out.write(text),
      });
      this.s.diagnostics.set(this.s.diagnostics.run, target.uri, target.fileName, result.diagnostics, target.lineOffset);
      if (project) this.s.diagnostics.setOthers(this.s.diagnostics.run, target.uri, target.fileName, result.diagnostics);
      out.result(result, target.fileName, target.lineOffset, project?.entry ?? language.sourceFile(target.code, target.fileName));
      this.s.statusBar.setVerdict(result.status, target.label, result.message ?? result.status);
      this.s.log.info(`run of ${target.label} (${language.id}): ${result.status}${result.message ? ` — ${result.message}` : ''}`);
      if (result.status === 'SandboxError') {
        return { kind: 'failed', failure: { kind: 'engine', language: language.id, message: result.message ?? 'the sandbox could not run the program' } };
      }
      return { kind: 'result', result, language: language.id };
    } catch (err) {
      if (isAbortError(err) || job.abort.signal.aborted) {
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
