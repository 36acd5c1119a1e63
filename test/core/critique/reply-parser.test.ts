import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCritiqueReply } from '../../../src/core/critique/reply-parser';
import { lineSteps } from './step-fixtures';

const solution = [
  'The distance from his apartment to work is 10 miles',
  'Half of that distance is 10/2 = <<10/2=5>>5 miles',
  'The gym is 2 miles more than the distance from his apartment to work is 10+2 = <<10+2=12>>12 miles',
  'The answer is 12.',
].join('\n');
const steps = lineSteps(solution);

const exact = `Step sentence: The distance from his apartment to work is 10 miles
Correctness of the step: Correct
Explanation: Given in the problem.

Step sentence: Half of that distance is 10/2 = 5 miles
Correctness of the step: Correct
Explanation: 10/2 = 5.

Step sentence: The gym is 2 miles more than the distance from his apartment to work is 10+2 = 12 miles
Correctness of the step: Wrong
Explanation: It is 2 more than half the distance: 5 + 2 = 7.

Step sentence: The answer is 12.
Correctness of the step: Wrong
Explanation: Follows from the wrong step.

Correctness of the final answer: Wrong
Explanation: The answer is 7, not 12.`;

function verdicts(text: string, final = true, truncated = false) {
  const parsed = parseCritiqueReply(text, steps, { final, truncated, model: 'critic-x' });
  return { parsed, byStep: steps.map((s) => parsed.steps.find((v) => v.stepIndex === s.index)?.verdict ?? '-') };
}

test('the AutoMathCritique text format', () => {
  const { parsed, byStep } = verdicts(exact);
  assert.deepEqual(byStep, ['correct', 'correct', 'wrong', 'wrong']);
  assert.equal(parsed.finalAnswerCorrect, false);
  assert.equal(parsed.finalExplanation, 'The answer is 7, not 12.');
  assert.equal(parsed.partial, false);
  assert.equal(parsed.format, 'text');
  assert.ok(parsed.steps.every((v) => v.source === 'model' && v.model === 'critic-x'));
  assert.equal(parsed.steps[2].explanation, 'It is 2 more than half the distance: 5 + 2 = 7.');
});

test('Markdown decoration: bold labels, bullets, verdict on the next line', () => {
  const decorated = `Here is my critique.

**Step sentence:** The distance from his apartment to work is 10 miles
**Correctness of the step:** **Correct**
**Explanation:** Given.

- Step sentence: Half of that distance is 10/2 = 5 miles
- Correctness of the step:
  Incorrect
- Explanation: no

### Correctness of the final answer: Correct`;
  const { parsed, byStep } = verdicts(decorated);
  assert.deepEqual(byStep, ['correct', 'wrong', '-', '-']);
  assert.equal(parsed.finalAnswerCorrect, true);
});

test('JSON, bare and inside a Markdown fence, with varied key spellings', () => {
  const json = {
    steps: [
      { step_sentence: 'The distance from his apartment to work is 10 miles', correct: true, explanation: 'given' },
      { stepSentence: 'Half of that distance is 10/2 = 5 miles', correctness: 'Correct', explanation: 'ok' },
      { sentence: 'The gym is 2 miles more than the distance from his apartment to work is 10+2 = 12 miles', correct: false, explanation: 'half!' },
    ],
    final_answer_correct: false,
    final_answer_explanation: 'should be 7',
  };
  for (const text of [JSON.stringify(json), 'Sure:\n```json\n' + JSON.stringify(json, null, 2) + '\n```\n']) {
    const { parsed, byStep } = verdicts(text);
    assert.equal(parsed.format, 'json');
    assert.deepEqual(byStep, ['correct', 'correct', 'wrong', '-']);
    assert.equal(parsed.finalAnswerCorrect, false);
    assert.equal(parsed.finalExplanation, 'should be 7');
  }
});

test('JSON streaming: complete step objects count, the unfinished one does not', () => {
  const text = '{"steps": [{"step_sentence": "The distance from his apartment to work is 10 miles", "correct": true, "explanation": "given"}, {"step_sentence": "Half of that distance is 10/2 = 5 miles", "correct": fal';
  const { parsed, byStep } = verdicts(text, false);
  assert.deepEqual(byStep, ['correct', '-', '-', '-']);
  assert.equal(parsed.partial, true);
});

test('merged steps: a correct merged sentence covers both; a wrong one leaves them unknown', () => {
  const merged = (verdict: string) => `Step sentence: The distance from his apartment to work is 10 miles. Half of that distance is 10/2 = 5 miles
Correctness of the step: ${verdict}
Explanation: x

Step sentence: The gym is 2 miles more than the distance from his apartment to work is 10+2 = 12 miles
Correctness of the step: Wrong
Explanation: y`;
  assert.deepEqual(verdicts(merged('Correct')).byStep, ['correct', 'correct', 'wrong', '-']);
  const wrong = verdicts(merged('Wrong'));
  assert.deepEqual(wrong.byStep, ['unknown', 'unknown', 'wrong', '-']);
  assert.match(wrong.parsed.steps[0].explanation ?? '', /judged together with steps 1–2/);
});

test('split step: two sentences on one step; any wrong part makes the step wrong', () => {
  const split = `Step sentence: The gym is 2 miles more than the distance from his apartment to work
Correctness of the step: Correct
Explanation: restates the problem

Step sentence: 10+2 = 12 miles
Correctness of the step: Wrong
Explanation: should use half the distance`;
  const { parsed, byStep } = verdicts(split);
  assert.deepEqual(byStep, ['-', '-', 'wrong', '-']);
  assert.match(parsed.steps[0].explanation ?? '', /restates the problem\nshould use half/);
});

test('renumbered steps: "Step N" labels with the wrong numbers are aligned by content', () => {
  const renumbered = `Step 3: Half of that distance is 10/2 = 5 miles
Correctness of the step: Correct
Explanation: ok

Step 1: The gym is 2 miles more than the distance from his apartment to work is 10+2 = 12 miles
Correctness of the step: Wrong
Explanation: no`;
  assert.deepEqual(verdicts(renumbered).byStep, ['-', 'correct', 'wrong', '-']);
});

test('paraphrased sentences still find their steps', () => {
  const paraphrased = `Step sentence: His apartment is 10 miles from work.
Correctness of the step: Correct
Explanation: ok

Step sentence: Half the distance: 10/2 equals 5 miles.
Correctness of the step: Correct
Explanation: ok

Step sentence: The gym is 10+2 = 12 miles from the apartment, 2 miles more than the distance to work.
Correctness of the step: Wrong
Explanation: no`;
  assert.deepEqual(verdicts(paraphrased).byStep, ['correct', 'correct', 'wrong', '-']);
});

test('sentences that match no step, or come out of order, are left unjudged instead of misattributed', () => {
  const invented = `Step sentence: Therefore the train leaves at 4 pm from Boston.
Correctness of the step: Wrong
Explanation: invented

Step sentence: Step one is right.
Correctness of the step: Correct
Explanation: no content to align`;
  const { parsed, byStep } = verdicts(invented);
  assert.deepEqual(byStep, ['-', '-', '-', '-']);
  assert.equal(parsed.alignment.length, 2);
  assert.ok(parsed.alignment.every((a) => a.span === undefined));
  assert.deepEqual(parsed.unjudgedSteps, [0, 1, 2, 3]);
});

test('verdicts without step sentences are not assigned by position', () => {
  const bare = 'Correctness of the step: Correct\nCorrectness of the step: Wrong\nCorrectness of the final answer: Wrong';
  const { parsed, byStep } = verdicts(bare);
  assert.deepEqual(byStep, ['-', '-', '-', '-']);
  assert.equal(parsed.finalAnswerCorrect, false);
});

test('missing final verdict: finalAnswerCorrect undefined, not partial', () => {
  const noFinal = exact.slice(0, exact.indexOf('Correctness of the final answer'));
  const { parsed, byStep } = verdicts(noFinal);
  assert.equal(parsed.finalAnswerCorrect, undefined);
  assert.equal(parsed.partial, false);
  assert.deepEqual(byStep, ['correct', 'correct', 'wrong', 'wrong']);
});

test('a truncated reply: partial, with the steps judged so far', () => {
  const cut = exact.slice(0, exact.indexOf('Correctness of the step: Wrong') + 'Correctness of the step: Wr'.length);
  const { parsed, byStep } = verdicts(cut, true, true);
  assert.equal(parsed.partial, true);
  assert.deepEqual(byStep, ['correct', 'correct', '-', '-']);
  assert.equal(parsed.finalAnswerCorrect, undefined);
});

test('a reply that ends inside a step without any verdict after it counts as partial even if the caller did not know', () => {
  const cut = exact.slice(0, exact.indexOf('Step sentence: The gym') + 30);
  assert.equal(verdicts(cut, true, false).parsed.partial, true);
});

test('incremental parsing: verdicts appear as lines complete and never contradict the final parse', () => {
  const full = verdicts(exact).byStep;
  let judgedBefore = 0;
  for (let end = 1; end <= exact.length; end += 7) {
    const { parsed, byStep } = verdicts(exact.slice(0, end), false);
    assert.equal(parsed.partial, true);
    const judged = byStep.filter((v) => v !== '-');
    assert.ok(judged.length >= judgedBefore, 'verdicts do not disappear as text arrives');
    judgedBefore = judged.length;
    byStep.forEach((v, i) => v === '-' || assert.equal(v, full[i]));
  }
  // A verdict line still being written decides nothing.
  const midWord = exact.slice(0, exact.indexOf('Correctness of the step: Correct') + 'Correctness of the step: Cor'.length);
  assert.deepEqual(verdicts(midWord, false).byStep, ['-', '-', '-', '-']);
});

test('malformed replies give no verdicts', () => {
  for (const text of ['', 'I think the solution looks fine overall.', '{"steps": "not a list"}', '{{{{']) {
    const { parsed, byStep } = verdicts(text);
    assert.deepEqual(byStep, ['-', '-', '-', '-']);
    assert.equal(parsed.format, 'unrecognized');
    assert.equal(parsed.finalAnswerCorrect, undefined);
  }
});

test('the final answer line judged only by the final verdict takes that verdict', () => {
  const text = `Step sentence: Half of that distance is 10/2 = 5 miles
Correctness of the step: Correct
Explanation: ok

Step sentence: The answer is 12.
Correctness of the final answer: Wrong
Explanation: should be 7`;
  const { parsed, byStep } = verdicts(text);
  assert.deepEqual(byStep, ['-', 'correct', '-', 'wrong']);
  assert.match(parsed.steps[1].explanation ?? '', /judged with the final answer/);
});
