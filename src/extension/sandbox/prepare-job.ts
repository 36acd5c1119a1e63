// The one preparation of every sandbox job in the editor — Run, Run with Input, Test Explorer, Analyze, Fix and
// the interactive terminal: the workspace is trusted, the language is identified and enabled
// (`mplsandbox.sandbox.enabledLanguages`), Docker answers (the status bar says so either way), the language's
// image exists (built when missing, with the status bar and the caller's progress showing the build).
//
// Two steps, because a job shows itself between them: `checkJob` decides whether there is a job at all (nothing
// is printed or started before it passes), `readyEngine` then gets the engine ready while the job's output,
// progress or terminal already shows. `prepareJob` is both for callers with nothing to show in between.
import * as vscode from 'vscode';
import type { LanguageSpec } from '../../core/languages/types';
import type { SandboxEngine } from '../../core/sandbox/engine';
import { classifyError, type Failure, UNTRUSTED_MESSAGE } from './failures';
import { identifyTargetLanguage, type RunTarget } from './run-target';
import type { DockerState } from './status-bar';
import type { ProjectRequest } from '../../core/projects/types';
import { type ProjectSettings, resolveProject } from './project-target';

/** What the preparation needs of the window's sandbox services (SandboxServices is one). */
export interface PreparationHost {
  readonly config: { readonly enabledLanguages: readonly string[] | undefined } & ProjectSettings;
  readonly engines: { get(): Promise<SandboxEngine>; readonly imagesReady: ReadonlySet<string> };
  readonly statusBar: { setDocker(state: DockerState): void };
  ensureImage(language: LanguageSpec, signal?: AbortSignal, onStep?: (line: string) => void): Promise<string>;
}

export type Prepared<T> = ({ ok: true } & T) | { ok: false; failure: Failure };

/** The target's code and how to identify its language. */
export type JobTarget = Pick<RunTarget, 'uri' | 'code' | 'fileName' | 'languageIdHint'> & Partial<Pick<RunTarget, 'isSelection'>>;

export interface CheckOptions {
  /** A language the user chose, instead of identifying it. */
  language?: string;
  /** When set, empty code is a "nothing to run" failure naming this (the target's label). */
  nonEmpty?: string;
}

/**
 * Trust, the language (identified, or the one the user chose), whether it is enabled, and the target's project
 * (its files read within the limits; undefined for a selection, an untitled buffer, or runWithProject off).
 */
export async function checkJob(host: PreparationHost, target: JobTarget, opts: CheckOptions = {}): Promise<Prepared<{ language: LanguageSpec; project?: ProjectRequest }>> {
  if (!vscode.workspace.isTrusted) return { ok: false, failure: { kind: 'untrusted', message: UNTRUSTED_MESSAGE } };
  if (opts.nonEmpty !== undefined && !target.code.trim()) {
    return { ok: false, failure: { kind: 'nothing-to-run', message: `${opts.nonEmpty} is empty: there is nothing to run.` } };
  }
  let language: LanguageSpec;
  try {
    language = await identifyTargetLanguage(target, opts.language);
  } catch (err) {
    return { ok: false, failure: classifyError(err) };
  }
  const enabled = host.config.enabledLanguages;
  if (enabled && !enabled.includes(language.id)) {
    return {
      ok: false,
      failure: {
        kind: 'language',
        language: language.id,
        message: `${language.displayName} is not enabled (setting mplsandbox.sandbox.enabledLanguages). Enabled: ${enabled.join(', ') || 'none'}.`,
      },
    };
  }
  let project: ProjectRequest | undefined;
  try {
    project = resolveProject(host.config, target);
  } catch (err) {
    return { ok: false, failure: classifyError(err, language.id) };
  }
  return { ok: true, language, project };
}

/**
 * Docker (the status bar shows connected or not running) and the language's image (built when missing, its
 * `Step n/m` lines to `onStep`). Rejects with the AbortError when `signal` aborts; every other failure is returned.
 */
export async function readyEngine(
  host: PreparationHost,
  language: LanguageSpec,
  opts: { signal?: AbortSignal; onStep?: (line: string) => void } = {},
): Promise<Prepared<{ engine: SandboxEngine }>> {
  let engine: SandboxEngine;
  try {
    engine = await host.engines.get();
    const version = await engine.checkDocker();
    host.statusBar.setDocker({ kind: 'connected', version: version.version });
  } catch (err) {
    const failure = classifyError(err, language.id);
    if (failure.kind === 'docker') host.statusBar.setDocker({ kind: 'not-running', advice: failure.message });
    return { ok: false, failure };
  }
  if (!host.engines.imagesReady.has(language.id)) {
    try {
      await host.ensureImage(language, opts.signal, opts.onStep);
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      return { ok: false, failure: classifyError(err, language.id) };
    }
  }
  return { ok: true, engine };
}

/** Both steps at once. */
export async function prepareJob(
  host: PreparationHost,
  target: JobTarget,
  opts: CheckOptions & { signal?: AbortSignal; onStep?: (line: string) => void } = {},
): Promise<Prepared<{ language: LanguageSpec; project?: ProjectRequest; engine: SandboxEngine }>> {
  const checked = await checkJob(host, target, opts);
  if (!checked.ok) return checked;
  const ready = await readyEngine(host, checked.language, opts);
  return ready.ok ? { ok: true, language: checked.language, project: checked.project, engine: ready.engine } : ready;
}
