/**
 * The language-identification benchmark set from the MultiPL-E corpus (/work/shared/corpora/multipl-e):
 * each `gpt_solution` with the Markdown fence and the prose around it stripped (the first fenced block
 * only), and for Python the original HumanEval `prompt + canonical_solution`. No file names, no editor
 * language ids: only the code.
 */
import { LANGUAGES } from '../../src/core/languages/registry';
import type { LanguageId } from '../../src/core/languages/types';
import { corpusPath, hasCorpus, readJsonl } from './corpora';

export interface LabelledSnippet {
  /** `humaneval-cpp/HumanEval_0_has_close_elements`, for reporting misses. */
  name: string;
  language: LanguageId;
  code: string;
}

/** MultiPL-E's file suffixes for the languages we support, from the registry (C has no MultiPL-E translation). */
export const MULTIPLE_LANGUAGES: Readonly<Record<string, LanguageId>> = Object.fromEntries(
  LANGUAGES.filter((l) => l.multiplE).map((l) => [l.multiplE!, l.id]),
);

export const MULTIPLE_DIRECTORY = corpusPath('multipl-e');

export function corpusAvailable(): boolean {
  return Object.keys(MULTIPLE_LANGUAGES).every((suffix) => hasCorpus(`multipl-e/humaneval-${suffix}.jsonl`));
}

/** The code of the first fenced block; an unclosed fence runs to the end. Undefined without a fence. */
export function firstFencedBlock(markdown: string): string | undefined {
  const open = /^[ \t]*(`{3,}|~{3,})[^\n]*\n/m.exec(markdown);
  if (!open) return undefined;
  const start = open.index + open[0].length;
  const fence = open[1];
  const close = new RegExp(`^[ \\t]*${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`, 'm').exec(markdown.slice(start));
  return markdown.slice(start, close ? start + close.index : undefined);
}

export function loadLangIdCorpus(): LabelledSnippet[] {
  const out: LabelledSnippet[] = [];
  for (const [suffix, language] of Object.entries(MULTIPLE_LANGUAGES)) {
    for (const record of readJsonl<Record<string, unknown>>(`multipl-e/humaneval-${suffix}.jsonl`)) {
      const id = String(record.name ?? record.task_id);
      const code =
        suffix === 'py'
          ? `${String(record.prompt)}${String(record.canonical_solution)}`
          : firstFencedBlock(String(record.gpt_solution ?? ''));
      if (code === undefined || code.trim().length === 0) continue;
      out.push({ name: `humaneval-${suffix}/${id}`, language, code });
    }
  }
  return out;
}

/** A fixed-seed sample of `perLanguage` snippets per language (all of them when fewer). */
export function sampleCorpus(corpus: LabelledSnippet[], perLanguage: number, seed: number): LabelledSnippet[] {
  let state = seed >>> 0;
  const random = () => {
    // mulberry32: a tiny deterministic PRNG, so the sample is the same on every run.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const byLanguage = new Map<LanguageId, LabelledSnippet[]>();
  for (const s of corpus) byLanguage.set(s.language, [...(byLanguage.get(s.language) ?? []), s]);
  const sample: LabelledSnippet[] = [];
  for (const snippets of byLanguage.values()) {
    const shuffled = [...snippets];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    sample.push(...shuffled.slice(0, perLanguage));
  }
  return sample;
}
