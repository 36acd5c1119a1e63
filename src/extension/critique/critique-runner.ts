// Runs the critique pipeline on one problem of a note and feeds the store as it goes: symbolic verdicts at once,
// the critic's verdicts as its reply streams, then every round. Cancellable; one run per problem at a time.
// The pipeline, checker and model clients come from dist/critique-core.js, loaded by the first run.
import * as vscode from 'vscode';
import { parseNote } from '../../core/critique/notes';
import type { CritiqueRound, PipelineEvent, PipelineOptions, ProblemResult, ScaleResult } from '../../core/critique/pipeline-types';
import type { MathProblem } from '../../core/critique/types';
import type { Ctx } from '../ctx';
import { describeError } from '../log';
import { CritiqueStore, combinedVerdict, type ProblemCritique, type RefinedSolution, type RunMode } from './critique-store';
import { openCritiqueSettings } from './critique-settings';
import { loadCritiqueCore } from './load-core';
import type { EngineHost } from '../sandbox/engine-host';

/** Who asked: an explicit command shows notifications; a critique on save stays quiet unless it fails. */
export type RunTrigger = 'user' | 'save';

export class CritiqueRunner {
  constructor(
    private readonly ctx: Ctx,
    private readonly store: CritiqueStore,
    /** The sandbox engine, for `mplsandbox.critique.sandboxChecks`. */
    private readonly engines?: EngineHost,
  ) {}

  /**
   * Critiques (or refines) problem `problemIndex` of the note as it is now. Resolves when the run ends (done,
   * failed or cancelled) with its critique; rejects only when there is no such problem.
   */
  async run(document: vscode.TextDocument, problemIndex: number, mode: RunMode, trigger: RunTrigger = 'user'): Promise<ProblemCritique> {
    // Parse and register synchronously: every edit from now on is tracked against exactly this text.
    const text = document.getText();
    const note = parseNote(text);
    const problem = note.problems[problemIndex];
    if (!problem) {
      throw new Error(note.problems.length === 0 ? `${basename(document)}: ${note.message ?? 'no problems found'}` : `${basename(document)} has no problem ${problemIndex + 1}`);
    }
    const critique = this.register(document, problem, mode, text);
    try {
      await this.execute(critique, trigger);
    } catch (err) {
      this.fail(critique, err, trigger);
    }
    this.store.notify(critique);
    return critique;
  }

  cancel(critique: ProblemCritique): void {
    if (critique.status === 'running') critique.abort.abort();
  }

  private register(document: vscode.TextDocument, problem: MathProblem, mode: RunMode, text: string): ProblemCritique {
    const { symbolicVerdicts, checkProblem } = loadCritiqueCore();
    const symbolic = symbolicVerdicts(checkProblem(problem));
    const critique: ProblemCritique = {
      id: this.store.newId(),
      uri: document.uri.toString(),
      documentName: basename(document),
      mode,
      problem,
      solutionText: text.slice(problem.solutionRange.startOffset, problem.solutionRange.endOffset),
      solutionRange: { start: problem.solutionRange.startOffset, end: problem.solutionRange.endOffset },
      questionRange: { start: problem.questionRange.startOffset, end: problem.questionRange.endOffset },
      steps: problem.steps.map((s) => ({
        index: s.index,
        source: text.slice(s.range.startOffset, s.range.endOffset),
        range: { start: s.range.startOffset, end: s.range.endOffset },
        verdicts: symbolic.filter((v) => v.stepIndex === s.index),
      })),
      status: 'running',
      statusText: mode === 'refine' ? 'Refining…' : 'Critiquing…',
      modelLabel: '',
      rounds: [],
      abort: new AbortController(),
    };
    this.store.add(critique);
    return critique;
  }

  private async execute(critique: ProblemCritique, trigger: RunTrigger): Promise<void> {
    const { resolveModelSetup, critiqueProblem, refineProblem, scaleProblem } = loadCritiqueCore();
    const settings = this.ctx.config.critique;
    const setup = await resolveModelSetup(this.ctx.extCtx.secrets, settings);
    critique.modelLabel = setup.description;
    for (const w of setup.warnings) {
      this.ctx.log.warn(w);
      if (trigger === 'user') void vscode.window.showWarningMessage(`MPLSandbox: ${w}`);
    }
    this.ctx.log.info(`${critique.mode} ${critique.documentName} problem ${critique.problem.index + 1} with ${setup.description}`);
    const options: PipelineOptions = {
      models: setup.models,
      ...(await this.sandboxRunner(settings.sandboxChecks)),
      ...(setup.clients ? { clients: setup.clients } : {}),
      stream: true,
      signal: critique.abort.signal,
      onEvent: (event) => this.onEvent(critique, event),
    };
    const { problem } = critique;
    let result: ProblemResult | ScaleResult;
    if (critique.mode === 'refine' && settings.samples > 1 && setup.models.critic) {
      result = await scaleProblem(problem, { ...options, samples: settings.samples, source: 'refine', maxRounds: settings.rounds });
    } else if (critique.mode === 'refine') {
      result = await refineProblem(problem, { ...options, maxRounds: settings.rounds });
    } else {
      result = await critiqueProblem(problem, options);
    }
    this.finish(critique, result);
    if (setup.noModelReason) {
      this.ctx.log.info(setup.noModelReason);
      if (trigger === 'user') void this.offerConfiguration(setup.noModelReason);
    }
  }

  /** The engine for sandbox checks when they are on; the code they run is ours, but only a trusted workspace runs any. */
  private async sandboxRunner(enabled: boolean): Promise<Pick<PipelineOptions, 'sandbox'>> {
    if (!enabled || !this.engines) return {};
    if (!vscode.workspace.isTrusted) {
      this.ctx.log.info('sandbox checks skipped: the workspace is not trusted');
      return {};
    }
    try {
      return { sandbox: await this.engines.get() };
    } catch (err) {
      this.ctx.log.warn(`sandbox checks skipped: ${describeError(err)}`);
      return {};
    }
  }

  private onEvent(critique: ProblemCritique, event: PipelineEvent): void {
    if (critique.status !== 'running') return;
    const original = event.type !== 'retry' && event.round === 0 && event.sample === undefined;
    switch (event.type) {
      case 'critique-progress': {
        const steps = original ? critique.problem.steps : (critique.live?.steps ?? []);
        critique.live = { round: event.round, sample: event.sample, steps, critique: event.critique };
        if (original) this.setModelVerdicts(critique, event.critique.steps);
        critique.statusText = `${event.round === 0 ? 'Critiquing' : `Judging refinement ${event.round}`}${sampleLabel(event.sample)}… ${event.critique.steps.length}/${steps.length} steps`;
        break;
      }
      case 'actor-progress': {
        const steps = loadCritiqueCore().problemWithSolution(critique.problem, event.text).problem.steps;
        critique.live = { round: event.round, sample: event.sample, steps, actorDraft: event.text };
        critique.statusText = `Writing refinement ${event.round}${sampleLabel(event.sample)}…`;
        break;
      }
      case 'round-done':
        if (original) this.setModelVerdicts(critique, event.round.critique.steps);
        critique.rounds.push({ round: event.round, sample: event.sample });
        critique.live = undefined;
        break;
      case 'retry':
        critique.statusText = `${event.role} endpoint: retry ${event.retry} in ${Math.round(event.delayMs / 1000)} s (${event.message})`;
        this.ctx.log.warn(`${event.role} retry ${event.retry} in ${event.delayMs} ms: ${event.message}`);
        break;
    }
    this.store.notify(critique);
  }

  /** The note's steps show symbolic verdicts plus the model's (only for round 0: later rounds are not in the note). */
  private setModelVerdicts(critique: ProblemCritique, verdicts: ProblemCritique['steps'][number]['verdicts']): void {
    const { mergeVerdicts } = loadCritiqueCore();
    // The critic's verdicts and the sandbox's (its SymPy checks); the in-process checker's were set at the start.
    const model = verdicts.filter((v) => v.source !== 'symbolic');
    for (const step of critique.steps) {
      if (!step.range) continue;
      const symbolic = step.verdicts.filter((v) => v.source === 'symbolic');
      step.verdicts = mergeVerdicts(
        symbolic,
        model.filter((v) => v.stepIndex === step.index),
      );
    }
  }

  private finish(critique: ProblemCritique, result: ProblemResult | ScaleResult): void {
    critique.live = undefined;
    if ('samples' in result) {
      const original = critique.rounds.find((r) => r.sample === undefined && r.round.round === 0);
      critique.rounds = [...(original ? [original] : []), ...result.samples.flatMap((s) => s.rounds.map((round) => ({ round, sample: s.sample })))];
      critique.votes = { votedOver: result.votedOver, votes: result.votes, ...(result.answer !== undefined ? { answer: result.answer } : {}) };
      critique.refined = bestSample(result);
    } else {
      critique.rounds = result.rounds.map((round) => ({ round }));
      this.setModelVerdicts(critique, result.rounds[0].critique.steps);
      const last = result.rounds[result.rounds.length - 1];
      if (result.rounds.length > 1) critique.refined = { solution: last.solution, round: last.round };
    }
    critique.status = 'done';
    critique.statusText = summary(critique);
  }

  private fail(critique: ProblemCritique, err: unknown, trigger: RunTrigger): void {
    critique.live = undefined;
    const { ModelCancelledError, ModelConfigError, ModelError } = loadCritiqueCore();
    if (err instanceof ModelCancelledError || critique.abort.signal.aborted) {
      critique.status = 'cancelled';
      critique.statusText = 'Cancelled';
      this.ctx.log.info(`critique of ${critique.documentName} problem ${critique.problem.index + 1} cancelled`);
      return;
    }
    critique.status = 'failed';
    const message = err instanceof Error ? err.message : String(err);
    critique.error = message;
    critique.statusText = `Failed: ${message}`;
    this.ctx.log.error(`critique of ${critique.documentName} problem ${critique.problem.index + 1} failed: ${describeError(err)}`);
    void this.showFailure(message, err instanceof ModelConfigError || (err instanceof ModelError && (err.kind === 'auth' || err.kind === 'not-found')), trigger);
  }

  private async showFailure(message: string, configurable: boolean, trigger: RunTrigger): Promise<void> {
    const configure = 'Configure';
    const openLog = 'Open Log';
    const prefix = trigger === 'save' ? 'MPLSandbox critique on save failed' : 'MPLSandbox critique failed';
    const pick = await vscode.window.showErrorMessage(`${prefix}: ${message}`, ...(configurable ? [configure] : []), openLog);
    if (pick === configure) await openCritiqueSettings();
    if (pick === openLog) this.ctx.log.show(true);
  }

  private async offerConfiguration(reason: string): Promise<void> {
    const configure = 'Configure';
    if ((await vscode.window.showInformationMessage(`MPLSandbox: ${reason}`, configure)) === configure) await openCritiqueSettings();
  }
}

function basename(document: vscode.TextDocument): string {
  return document.uri.path.split('/').pop() || document.uri.toString();
}

function sampleLabel(sample: number | undefined): string {
  return sample === undefined ? '' : ` (sample ${sample + 1})`;
}

/** The refinement whose answer won the vote (accepted ones first). */
function bestSample(result: ScaleResult): RefinedSolution | undefined {
  const { answersEqual } = loadCritiqueCore();
  const last = (rounds: CritiqueRound[]) => rounds[rounds.length - 1];
  const winners = result.samples.filter((s) => {
    const answer = last(s.rounds)?.finalAnswer?.normalized;
    return result.answer !== undefined && answer !== undefined && answersEqual(answer, result.answer);
  });
  const best = winners.find((s) => s.accepted) ?? winners[0];
  const round = best && last(best.rounds);
  return round ? { solution: round.solution, round: round.round, sample: best.sample } : undefined;
}

function summary(critique: ProblemCritique): string {
  const verdicts = critique.steps.map((s) => combinedVerdict(s.verdicts));
  const wrong = verdicts.filter((v) => v === 'wrong').length;
  const judged = verdicts.filter((v) => v !== 'unknown').length;
  const steps = `${wrong === 0 ? 'no wrong step' : `${wrong} wrong step${wrong === 1 ? '' : 's'}`} (${judged}/${verdicts.length} judged)`;
  if (critique.votes) return `${steps}; votes → ${critique.votes.answer ?? 'no answer'}`;
  if (critique.refined) {
    const last = critique.rounds[critique.rounds.length - 1];
    return `${steps}; refined in ${critique.refined.round} round${critique.refined.round === 1 ? '' : 's'}${last?.round.accepted ? ', accepted' : ', not accepted'}`;
  }
  return steps;
}
