/**
 * The 200 AutoMathCritique exchanges in /work/shared/corpora/mathcritique (100 GSM8K, 100 MATH), split into their
 * parts. Each record's `instruction` is the actor's refinement prompt:
 *   QUESTION Please also give your final number in the format of '…'.
 *   \n\nAssistant:Let's break it down step by step:\n\nSOLUTION\n<|end_of_text|>\nHuman: I have made a step-by-step critic …\n\nCRITIQUE
 * and `output` is the refined solution. Set MPLSANDBOX_MATHCRITIQUE_CORPUS to read them from elsewhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusExchange {
  /** `gsm8k-0` … `math-99`. */
  id: string;
  dataset: 'gsm8k' | 'math';
  question: string;
  /** "Please also give your final number in the format of '…'." */
  answerFormat: string;
  /** The actor's first solution, without the "Let's break it down step by step:" opener. */
  solution: string;
  /** The critic's reply, exactly as the corpus has it. */
  critique: string;
  /** The actor's refined solution (`output`), opener included. */
  refined: string;
  instruction: string;
}

export const corpusDirectory = process.env.MPLSANDBOX_MATHCRITIQUE_CORPUS ?? '/work/shared/corpora/mathcritique';

const ASSISTANT_OPENER = "\n\nAssistant:Let's break it down step by step:\n\n";
const END_OF_TEXT = '\n<|end_of_text|>\nHuman: ';
const FORMAT_START = ' Please also give your final number';

function split(instruction: string, id: string): Pick<CorpusExchange, 'question' | 'answerFormat' | 'solution' | 'critique'> {
  const opener = instruction.indexOf(ASSISTANT_OPENER);
  const end = instruction.indexOf(END_OF_TEXT);
  if (opener < 0 || end < opener) throw new Error(`${id}: not in the AutoMathCritique refinement layout`);
  const prompt = instruction.slice(0, opener);
  const formatAt = prompt.lastIndexOf(FORMAT_START);
  const human = instruction.slice(end + END_OF_TEXT.length);
  const critiqueStart = human.indexOf('\n\n');
  return {
    question: formatAt >= 0 ? prompt.slice(0, formatAt) : prompt,
    answerFormat: formatAt >= 0 ? prompt.slice(formatAt + 1) : '',
    solution: instruction.slice(opener + ASSISTANT_OPENER.length, end),
    critique: human.slice(critiqueStart + 2),
  };
}

export function loadMathCritiqueCorpus(directory = corpusDirectory): CorpusExchange[] {
  const out: CorpusExchange[] = [];
  for (const dataset of ['gsm8k', 'math'] as const) {
    const records = JSON.parse(readFileSync(join(directory, `${dataset}-critique-refine-examples.json`), 'utf8')) as {
      instruction: string;
      output: string;
    }[];
    records.forEach((record, index) => {
      const id = `${dataset}-${index}`;
      out.push({ id, dataset, ...split(record.instruction, id), refined: record.output, instruction: record.instruction });
    });
  }
  return out;
}
