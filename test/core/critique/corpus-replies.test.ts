// Every one of the 200 real AutoMathCritique critiques must parse: the right number of judged sentences, the verdicts
// the text states, and each sentence tied to the solution line(s) it repeats.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCritiqueReply } from '../../../src/core/critique/reply-parser';
import { loadMathCritiqueCorpus } from '../../support/mathcritique-corpus';
import { lineSteps } from './step-fixtures';
import { needs } from '../../support/tiers';


/** Letters and digits only: what survives the critic's re-typesetting ($$ for \[, spaces, dropped <<…>>). */
function compact(text: string): string {
  return text
    .replace(/<<[^>]*>>/g, '')
    .replace(/\\(?:begin|end)\{[^}]*\}/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The verdicts the text states, block by block, read with plain regular expressions. */
function statedVerdicts(critique: string): { sentences: number; verdicts: ('correct' | 'wrong')[]; final: boolean } {
  const blocks = critique.split(/^Step sentence:/m).slice(1);
  const word = (value: string) => (/wrong|incorrect/i.test(value) ? 'wrong' : 'correct');
  const verdicts = blocks.map((block) => {
    const step = /Correctness of the step:\s*(.+)/.exec(block);
    const final = /Correctness of the final answer:\s*(.+)/.exec(block);
    return word((step ?? final)![1]);
  });
  const final = /Correctness of the final answer:\s*(.+)/.exec(critique);
  return { sentences: blocks.length, verdicts, final: word(final![1]) === 'correct' };
}

describe('AutoMathCritique corpus replies', needs('corpora'), () => {
  const corpus = loadMathCritiqueCorpus();

  test('the corpus has 200 exchanges', () => {
    assert.equal(corpus.length, 200);
  });

  let unmatched = 0;
  let judged = 0;
  for (const exchange of corpus) {
    test(`corpus critique ${exchange.id} parses and aligns`, () => {
      const steps = lineSteps(exchange.solution);
      const parsed = parseCritiqueReply(exchange.critique, steps, { final: true, model: 'corpus' });
      const stated = statedVerdicts(exchange.critique);
      assert.equal(parsed.format, 'text');
      assert.equal(parsed.partial, false);
      assert.equal(parsed.finalAnswerCorrect, stated.final);
      assert.equal(parsed.alignment.length, stated.sentences, 'one entry per "Step sentence:"');
      assert.deepEqual(
        parsed.alignment.map((a) => a.entry.verdict),
        stated.verdicts,
      );
      let previousFirst = -1;
      for (const { entry, span } of parsed.alignment) {
        judged++;
        if (!span) {
          unmatched++;
          continue;
        }
        assert.ok(span.first >= previousFirst, 'spans keep the reply order');
        previousFirst = span.first;
        const sentence = compact(entry.sentence);
        const covered = compact(steps.slice(span.first, span.last + 1).map((s) => s.source).join(' '));
        const head = sentence.slice(0, 10);
        const tail = sentence.slice(-10);
        assert.ok(covered.includes(head) || covered.includes(tail), `"${entry.sentence.slice(0, 80)}" is not on steps ${span.first}–${span.last}`);
      }
      // A step's model verdict is wrong exactly when a sentence tied to it alone was judged wrong.
      for (const verdict of parsed.steps) {
        const parts = parsed.alignment.filter((a) => a.span && a.span.first <= verdict.stepIndex && verdict.stepIndex <= a.span.last);
        assert.ok(parts.length > 0);
        const single = parts.filter((a) => a.span!.first === a.span!.last);
        if (single.some((a) => a.entry.verdict === 'wrong')) assert.equal(verdict.verdict, 'wrong');
        if (parts.every((a) => a.entry.verdict === 'correct')) assert.equal(verdict.verdict, 'correct');
      }
      // Some sentence of every critique lands on a step; at most one per critique stays unjudged.
      assert.ok(parsed.alignment.filter((a) => !a.span).length <= 1);
    });
  }

  test('across the corpus, sentences left unjudged (ambiguous or duplicated lines) stay rare', () => {
    assert.ok(judged > 900, `judged ${judged}`);
    assert.ok(unmatched <= 5, `${unmatched} of ${judged} sentences unmatched`);
  });
});
