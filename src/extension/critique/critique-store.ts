// The critiques of the open notes, with their steps' ranges kept in step with the text: every edit moves them
// (range-tracking.ts) and a step whose text no longer matches loses its verdicts, so nothing is ever shown on the
// wrong line. Diagnostics, decorations, hovers, CodeLens, quick fixes, the preview and the panel all read from here.
import * as vscode from 'vscode';
import type { CritiqueRound } from '../../core/critique/pipeline-types';
import type { ParsedCritique } from '../../core/critique/reply-parser';
import type { MathProblem, MathStep, StepVerdict } from '../../core/critique/types';
import type { VoteOutcome } from '../../core/critique/vote';
import { moveEnclosingRange, moveRange, moveThrough, type OffsetRange, type TextChange } from './range-tracking';

export type RunMode = 'critique' | 'refine';
export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface TrackedStep {
  index: number;
  /** The step's text in the note when the critique started; its verdicts hold only while the range still shows it. */
  source: string;
  /** Where the step is now; undefined once its text was edited (its verdicts are then dropped). */
  range: OffsetRange | undefined;
  /** Symbolic first, then the model's (as the pipeline merges them). */
  verdicts: StepVerdict[];
}

export interface JudgedRound {
  round: CritiqueRound;
  sample?: number;
}

/** A round whose critique (or actor draft) is still streaming. */
export interface LiveRound {
  round: number;
  sample?: number;
  steps: MathStep[];
  critique?: ParsedCritique;
  actorDraft?: string;
}

export interface RefinedSolution {
  solution: string;
  round: number;
  sample?: number;
}

export interface ProblemCritique {
  readonly id: number;
  readonly uri: string;
  readonly documentName: string;
  readonly mode: RunMode;
  /** The problem as parsed when the run started (its ranges are of that version of the note). */
  readonly problem: MathProblem;
  /** The solution's text when the run started: the diff's left side, and what "Replace solution" expects to find. */
  readonly solutionText: string;
  solutionRange: OffsetRange | undefined;
  questionRange: OffsetRange | undefined;
  steps: TrackedStep[];
  status: RunStatus;
  statusText: string;
  /** "critic … , actor …" or "symbolic checker only". */
  modelLabel: string;
  /** The model names on verdicts, e.g. for diagnostics' source. */
  rounds: JudgedRound[];
  live?: LiveRound;
  votes?: VoteOutcome;
  refined?: RefinedSolution;
  error?: string;
  abort: AbortController;
}

export class CritiqueStore implements vscode.Disposable {
  private readonly byUri = new Map<string, ProblemCritique[]>();
  private readonly changed = new vscode.EventEmitter<{ uri: string; critique?: ProblemCritique }>();
  /** Fires when a critique starts, progresses, ends, or its ranges change with an edit. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private nextId = 1;

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => this.track(e)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        // A closed note can change on disk unseen: its ranges could no longer be trusted.
        if (d.uri.scheme !== 'untitled') this.clear(d.uri.toString());
      }),
    ];
  }

  newId(): number {
    return this.nextId++;
  }

  /** Adds a critique, replacing (and cancelling) the ones of the same problem. */
  add(critique: ProblemCritique): void {
    const list = (this.byUri.get(critique.uri) ?? []).filter((c) => {
      const same = sameStart(c.questionRange, critique.questionRange) || overlaps(c.solutionRange, critique.solutionRange);
      if (same) c.abort.abort();
      return !same;
    });
    list.push(critique);
    this.byUri.set(critique.uri, list);
    this.notify(critique);
  }

  all(uri: string): readonly ProblemCritique[] {
    return this.byUri.get(uri) ?? [];
  }

  byId(id: number): ProblemCritique | undefined {
    for (const list of this.byUri.values()) {
      const found = list.find((c) => c.id === id);
      if (found) return found;
    }
    return undefined;
  }

  /** The critique of a problem as parsed now (matched by where its question or solution starts). */
  forProblem(uri: string, problem: MathProblem): ProblemCritique | undefined {
    return [...this.all(uri)]
      .reverse()
      .find((c) => c.questionRange?.start === problem.questionRange.startOffset || c.solutionRange?.start === problem.solutionRange.startOffset);
  }

  /** The critique whose solution contains `offset`. */
  at(uri: string, offset: number): ProblemCritique | undefined {
    return [...this.all(uri)].reverse().find((c) => c.solutionRange && c.solutionRange.start <= offset && offset <= c.solutionRange.end);
  }

  notify(critique: ProblemCritique): void {
    this.changed.fire({ uri: critique.uri, critique });
  }

  clear(uri: string): void {
    const list = this.byUri.get(uri);
    if (!list) return;
    for (const c of list) c.abort.abort();
    this.byUri.delete(uri);
    this.changed.fire({ uri });
  }

  private track(e: vscode.TextDocumentChangeEvent): void {
    const uri = e.document.uri.toString();
    const list = this.byUri.get(uri);
    if (!list || e.contentChanges.length === 0) return;
    const changes: TextChange[] = e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text }));
    const text = e.document.getText();
    for (const critique of list) {
      critique.solutionRange = moveThrough(critique.solutionRange, changes, moveEnclosingRange);
      critique.questionRange = moveThrough(critique.questionRange, changes, moveEnclosingRange);
      for (const step of critique.steps) {
        step.range = moveThrough(step.range, changes, moveRange);
        // A safety net under the offset arithmetic: a verdict stays only on exactly the text it judged.
        if (step.range && text.slice(step.range.start, step.range.end) !== step.source) step.range = undefined;
        if (!step.range) step.verdicts = [];
      }
    }
    this.changed.fire({ uri });
  }

  dispose(): void {
    for (const uri of [...this.byUri.keys()]) this.clear(uri);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function sameStart(a: OffsetRange | undefined, b: OffsetRange | undefined): boolean {
  return Boolean(a && b && a.start === b.start);
}

function overlaps(a: OffsetRange | undefined, b: OffsetRange | undefined): boolean {
  return Boolean(a && b && a.start < b.end && b.start < a.end);
}

/** A step's verdict for display: wrong if any source says so, correct if any does, else unknown. */
export function combinedVerdict(verdicts: readonly StepVerdict[]): 'correct' | 'wrong' | 'unknown' {
  if (verdicts.some((v) => v.verdict === 'wrong')) return 'wrong';
  if (verdicts.some((v) => v.verdict === 'correct')) return 'correct';
  return 'unknown';
}

/** "MPLSandbox (symbolic)" or the model's name: the `source` of diagnostics and hovers. */
export function verdictSourceLabel(v: StepVerdict): string {
  return v.source === 'symbolic' ? 'MPLSandbox (symbolic)' : (v.model ?? 'model');
}
