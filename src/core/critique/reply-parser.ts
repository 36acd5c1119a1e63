// A critic's reply → verdicts on the note's steps. Reads the AutoMathCritique text format or JSON (bare or fenced),
// then ties each judged sentence to the step(s) it repeats by content (see step-alignment.ts), never by position.
// Works on a reply that is still streaming (`final: false`) so that an editor can show verdicts as they arrive.
import type { Critique, MathStep, StepVerdict } from './types';
import type { CritiqueEntries, CritiqueEntry } from './reply-entries';
import { parseJsonCritique } from './reply-json-format';
import { parseTextCritique } from './reply-text-format';
import { alignSentencesToSteps, type StepSpan } from './step-alignment';

export interface ParseReplyOptions {
  /** The reply is complete (the stream ended). False while streaming: the result is `partial`. */
  final: boolean;
  /** The model stopped early (finish_reason `length`, broken stream): the result is `partial`. */
  truncated?: boolean;
  /** Model name recorded on the verdicts. */
  model?: string;
}

export interface EntryAlignment {
  entry: CritiqueEntry;
  /** The note steps the entry was matched to; undefined when it matched none convincingly. */
  span?: StepSpan;
}

export interface ParsedCritique extends Critique {
  format: 'text' | 'json' | 'unrecognized';
  /** Every judged sentence of the reply with the steps it was tied to. */
  alignment: EntryAlignment[];
  /** Steps no sentence of the reply judged. */
  unjudgedSteps: number[];
  finalExplanation?: string;
}

function readEntries(text: string, settled: boolean): CritiqueEntries | undefined {
  return parseJsonCritique(text) ?? parseTextCritique(text, settled);
}

function combine(stepIndex: number, parts: { entry: CritiqueEntry; span: StepSpan }[], model?: string): StepVerdict {
  const verdicts = parts.map(({ entry, span }) => {
    if (span.first === span.last || entry.verdict === 'correct') return entry.verdict;
    // A merged sentence judged wrong does not say which of its steps is wrong.
    return 'unknown' as const;
  });
  const verdict = verdicts.includes('wrong') ? 'wrong' : verdicts.includes('unknown') ? 'unknown' : 'correct';
  const notes = parts.map(({ entry, span }) => {
    const merged = span.first !== span.last ? `(judged together with steps ${span.first + 1}–${span.last + 1}) ` : '';
    const viaFinal = entry.judgedWithFinalAnswer ? '(judged with the final answer) ' : '';
    return `${merged}${viaFinal}${entry.explanation ?? ''}`.trim();
  });
  const explanation = notes.filter(Boolean).join('\n') || undefined;
  return { stepIndex, source: 'model', verdict, explanation, ...(model ? { model } : {}) };
}

export function parseCritiqueReply(text: string, steps: MathStep[], options: ParseReplyOptions): ParsedCritique {
  const settled = options.final && !options.truncated;
  const read = readEntries(text, settled);
  const judged = read?.entries.filter((e) => e.verdict !== undefined && e.sentence.trim() !== '') ?? [];
  const spans = alignSentencesToSteps(
    judged.map((e) => e.sentence),
    steps.map((s) => s.text),
  );
  const byStep = new Map<number, { entry: CritiqueEntry; span: StepSpan }[]>();
  judged.forEach((entry, i) => {
    const span = spans[i];
    if (!span) return;
    for (let s = span.first; s <= span.last; s++) byStep.set(s, [...(byStep.get(s) ?? []), { entry, span }]);
  });
  const verdicts = [...byStep.entries()].sort(([a], [b]) => a - b).map(([index, parts]) => combine(steps[index].index, parts, options.model));
  const alignment = (read?.entries ?? []).map((entry) => {
    const at = judged.indexOf(entry);
    return { entry, span: at >= 0 ? spans[at] : undefined };
  });
  return {
    steps: verdicts,
    finalAnswerCorrect: read?.finalAnswerCorrect,
    partial: !options.final || Boolean(options.truncated) || Boolean(read?.endsUnfinished),
    raw: text,
    format: read && (read.entries.length > 0 || read.finalAnswerCorrect !== undefined) ? read.format : 'unrecognized',
    alignment,
    unjudgedSteps: steps.filter((_, i) => !byStep.has(i)).map((s) => s.index),
    finalExplanation: read?.finalExplanation,
  };
}
