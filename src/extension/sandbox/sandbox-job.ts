// The frame of a sandbox job that shows a progress notification with Cancel (Analyze, Fix): the status bar names
// the job, the engine is made ready (readyEngine: Docker, image — a build's steps show in the notification),
// then the job's own work runs; a cancellation, a failure to get ready, or an error the work throws is told
// in the Output channel and comes back as the job's outcome.
import * as vscode from 'vscode';
import type { LanguageSpec } from '../../core/languages/types';
import type { SandboxEngine } from '../../core/sandbox/engine';
import { classifyError, type Failure } from './failures';
import { type PreparationHost, readyEngine } from './prepare-job';
import type { RunOutput } from './run-output';
import type { DockerState } from './status-bar';

/** What a job needs of the window's sandbox services (SandboxServices is one). */
export interface JobHost extends PreparationHost {
  readonly output: Pick<RunOutput, 'line' | 'failed'>;
  readonly statusBar: { setDocker(state: DockerState): void; setJob(label: string | undefined): void };
  readonly runs: { readonly running: string | undefined };
}

export interface JobFrame<R> {
  /** The notification's title. */
  title: string;
  /** What the status bar says while it runs. */
  job: string;
  language: LanguageSpec;
  /** The Output channel's line when the user cancels. */
  cancelledLine: string;
  cancelled: () => R;
  failed: (failure: Failure) => R;
}

export function runSandboxJob<R>(
  s: JobHost,
  frame: JobFrame<R>,
  work: (engine: SandboxEngine, progress: vscode.Progress<{ message?: string; increment?: number }>, signal: AbortSignal) => Promise<R>,
): Thenable<R> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: frame.title, cancellable: true }, async (progress, token): Promise<R> => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    s.statusBar.setJob(frame.job);
    try {
      const ready = await readyEngine(s, frame.language, { signal: abort.signal, onStep: (line) => progress.report({ message: line }) });
      if (!ready.ok) {
        s.output.failed(ready.failure.message);
        return frame.failed(ready.failure);
      }
      return await work(ready.engine, progress, abort.signal);
    } catch (err) {
      if (abort.signal.aborted) {
        s.output.line(frame.cancelledLine);
        return frame.cancelled();
      }
      const failure = classifyError(err, frame.language.id);
      s.output.failed(failure.message);
      return frame.failed(failure);
    } finally {
      s.statusBar.setJob(s.runs.running);
    }
  });
}
