import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, parseNote, splitSolution } from '../../../src/core/critique/notes';
import type { MathStep, ParsedNote, SourceRange } from '../../../src/core/critique/types';

function slice(text: string, range: SourceRange): string {
  return text.slice(range.startOffset, range.endOffset);
}

/** Every range must point at exactly its text, and lines/columns must agree with the offsets. */
function assertExactRanges(text: string, parsed: ParsedNote): void {
  const index = new LineIndex(text);
  const checkRange = (range: SourceRange) => {
    const before = text.slice(0, range.startOffset).split('\n');
    assert.equal(range.startLine, before.length);
    assert.equal(range.startColumn, before[before.length - 1].length + 1);
    assert.deepEqual(index.range(range.startOffset, range.endOffset), range);
  };
  for (const problem of parsed.problems) {
    assert.equal(problem.question, slice(text, problem.questionRange));
    checkRange(problem.questionRange);
    checkRange(problem.solutionRange);
    for (const step of problem.steps) {
      assert.equal(step.source, slice(text, step.range));
      checkRange(step.range);
    }
    if (problem.finalAnswer) assert.equal(problem.finalAnswer.raw, slice(text, problem.finalAnswer.range));
  }
}

const sources = (steps: MathStep[]) => steps.map((s) => s.source);

describe('parseNote', () => {
  it('reads headed problems with numbered steps, a bold final answer and a $$ block with rows', () => {
    const note = [
      '## Problem 1: Eggs',
      "Janet's ducks lay 16 eggs per day. How much does she make?",
      '',
      '**Solution:**',
      '1. She sells 16 - 3 - 4 = 9 eggs.',
      '2. She makes 9 * 2 = $18.',
      '',
      '**Answer:** 18',
      '',
      '## Question 2:',
      'Simplify $(x+1)^2$.',
      '',
      '### Solution',
      '$$',
      '(x+1)^2 = (x+1)(x+1) \\\\',
      '= x^2 + 2x + 1',
      '$$',
    ].join('\n');
    const parsed = parseNote(note);
    assertExactRanges(note, parsed);
    assert.equal(parsed.problems.length, 2);
    const [first, second] = parsed.problems;
    assert.equal(first.title, 'Problem 1: Eggs');
    assert.equal(first.question, "Janet's ducks lay 16 eggs per day. How much does she make?");
    assert.deepEqual(sources(first.steps), ['1. She sells 16 - 3 - 4 = 9 eggs.', '2. She makes 9 * 2 = $18.']);
    assert.equal(first.steps[0].text, 'She sells 16 - 3 - 4 = 9 eggs.');
    assert.equal(first.finalAnswer?.normalized, '18');
    assert.equal(second.title, 'Question 2');
    assert.deepEqual(sources(second.steps), ['(x+1)^2 = (x+1)(x+1)', '= x^2 + 2x + 1']);
    assert.equal(second.steps[1].range.startLine, 16);
  });

  it('reads bold inline labels and an align* block whose rows are steps', () => {
    const note = [
      '**Problem.** Compute $2 + 3 \\cdot 4$.',
      '**Solution.** We have',
      '\\begin{align*}',
      '2 + 3\\cdot 4 &= 2 + 12 \\\\',
      '&= \\boxed{14}.',
      '\\end{align*}',
    ].join('\n');
    const parsed = parseNote(note);
    assertExactRanges(note, parsed);
    const [problem] = parsed.problems;
    assert.equal(problem.question, 'Compute $2 + 3 \\cdot 4$.');
    // `We have` leads into the first row: one sentence, one step.
    assert.deepEqual(sources(problem.steps), ['We have\n\\begin{align*}\n2 + 3\\cdot 4 &= 2 + 12', '&= \\boxed{14}.']);
    assert.equal(problem.steps[0].text, 'We have \\[2 + 3\\cdot 4 = 2 + 12\\]');
    assert.equal(problem.steps[0].display, true);
    assert.equal(problem.finalAnswer?.raw, '14');
  });

  for (const env of ['align', 'aligned', 'gather', 'eqnarray*']) {
    it(`splits \\begin{${env}} rows`, () => {
      const note = `Question: Simplify.\nSolution:\n\\begin{${env}}\na &= b \\\\\n&= c\n\\end{${env}}`;
      const parsed = parseNote(note);
      assertExactRanges(note, parsed);
      assert.deepEqual(sources(parsed.problems[0].steps), ['a &= b', '&= c']);
    });
  }

  it('reads an unlabelled GSM8K-like note: the question ends with "?", one step per line, #### is the answer', () => {
    const note =
      "Janet’s ducks lay 16 eggs per day. How much in dollars does she make every day at the farmers' market?\n" +
      'Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\n' +
      'She makes 9 * 2 = $<<9*2=18>>18 every day at the farmer’s market.\n#### 18';
    const parsed = parseNote(note);
    assertExactRanges(note, parsed);
    const [problem] = parsed.problems;
    assert.ok(problem.question.endsWith("farmers' market?"));
    assert.equal(problem.steps.length, 2);
    assert.deepEqual(problem.finalAnswer && [problem.finalAnswer.raw, problem.finalAnswer.normalized], ['18', '18']);
  });

  it('reads an unlabelled task paragraph followed by a solution with a boxed answer', () => {
    const note = 'Find $x$ if $2x + 3 = 7$.\n\nSubtracting 3 gives $2x = 4$.\n\nSo $x = \\boxed{2}$.';
    const parsed = parseNote(note);
    assertExactRanges(note, parsed);
    assert.equal(parsed.problems[0].question, 'Find $x$ if $2x + 3 = 7$.');
    assert.deepEqual(sources(parsed.problems[0].steps), ['Subtracting 3 gives $2x = 4$.', 'So $x = \\boxed{2}$.']);
  });

  it('reads bulleted steps, joins wrapped lines, and handles CRLF line ends', () => {
    const note = 'Question 1: What is 6 * 7?\r\nAnswer:\r\n- First, 6 * 7 = 42, which\r\n  is the product.\r\n- So the answer is 42.\r\n';
    const parsed = parseNote(note);
    assertExactRanges(note, parsed);
    const [problem] = parsed.problems;
    assert.equal(problem.steps.length, 2);
    assert.equal(problem.steps[0].text, 'First, 6 * 7 = 42, which is the product.');
    assert.equal(problem.finalAnswer?.normalized, '42');
  });

  it('gives one step per paragraph of wrapped prose', () => {
    const note = 'Problem: Find the sum.\n\nSolution: The sum of 2 and 3\nis 2 + 3 = 5, since we add.\n\nSo the sum is 5.';
    const parsed = parseNote(note);
    assertExactRanges(note, parsed);
    assert.deepEqual(parsed.problems[0].steps.map((s) => s.text), ['The sum of 2 and 3 is 2 + 3 = 5, since we add.', 'So the sum is 5.']);
  });

  it('says what shape it expects when nothing is recognised', () => {
    for (const text of ['', 'Some thoughts about mathematics without a question or steps.']) {
      const parsed = parseNote(text);
      assert.deepEqual(parsed.problems, []);
      assert.match(parsed.message ?? '', /^no solution steps found: .*expected a question followed by its solution/);
    }
  });
});

describe('parseNote: where a solution ends', () => {
  it('a heading that is no label at the problem\'s level ends the solution', () => {
    const note = ['## Problem 1', '', 'What is 3 + 4 * 2?', '', '**Solution**', '', '1. 4 * 2 = 8.', '2. 3 + 8 = 11.', '', '## Notes', '', 'Also 2 + 2 = 5 is a joke.', ''].join('\n');
    const parsed = parseNote(note);
    assert.equal(parsed.problems.length, 1);
    assert.deepEqual(
      parsed.problems[0].steps.map((s) => s.text),
      ['4 * 2 = 8.', '3 + 8 = 11.'],
    );
    assert.ok(!note.slice(parsed.problems[0].solutionRange.startOffset, parsed.problems[0].solutionRange.endOffset).includes('Notes'));
  });

  it('a deeper heading inside the solution does not end it', () => {
    const note = ['## Problem 1', '', 'What is 3 + 4 * 2?', '', '## Solution', '', '### Multiply first', '', '4 * 2 = 8.', '', '3 + 8 = 11.', ''].join('\n');
    const steps = parseNote(note).problems[0].steps.map((s) => s.text);
    assert.ok(steps.includes('3 + 8 = 11.'), JSON.stringify(steps));
  });
});

describe('splitSolution', () => {
  it('splits a GSM8K answer into lines with ranges relative to it; #### is not a step', () => {
    const answer = 'He sprints 3*3=<<3*3=9>>9 times\nSo he runs 9*60=<<9*60=540>>540 meters\n#### 540';
    const steps = splitSolution(answer);
    assert.deepEqual(sources(steps), ['He sprints 3*3=<<3*3=9>>9 times', 'So he runs 9*60=<<9*60=540>>540 meters']);
    for (const step of steps) assert.equal(step.source, answer.slice(step.range.startOffset, step.range.endOffset));
    assert.deepEqual([steps[1].range.startLine, steps[1].range.startColumn, steps[1].index], [2, 1, 1]);
  });

  it('splits a MATH solution into prose and display-math rows; a lead-in that does not end its sentence joins the row it leads into', () => {
    const solution = 'We have that $r = \\sqrt{0^2 + 3^2} = 3.$\n\nTherefore,\n\\[a = b\\]Hence\n\\begin{align*}\nx &= 1 \\\\\n&= \\boxed{1}.\n\\end{align*}\nWe are done.\n\\[c = d\\]';
    const steps = splitSolution(solution);
    assert.deepEqual(sources(steps), ['We have that $r = \\sqrt{0^2 + 3^2} = 3.$', 'Therefore,\n\\[a = b\\]', 'Hence\n\\begin{align*}\nx &= 1', '&= \\boxed{1}.', 'We are done.', '\\[c = d\\]']);
    assert.deepEqual(steps.map((s) => s.text).slice(1, 3), ['Therefore, \\[a = b\\]', 'Hence \\[x = 1\\]']);
    for (const step of steps) assert.equal(step.source, solution.slice(step.range.startOffset, step.range.endOffset));
  });

  it('an Asymptote diagram is a figure, not steps, also with blank lines inside it (MATH-500 test/precalculus/807)', () => {
    const solution =
      'We have that $r = 3.$  Also, the line makes an angle of $\\frac{\\pi}{2}$.\n\n[asy]\nunitsize(0.8 cm);\n\ndraw((-0.5,0)--(3.5,0));\n\ndot((0,3), red);\n[/asy]\n\n' +
      'Therefore, the answer is $\\boxed{3}.$ See [asy]draw((0,0)--(1,1));[/asy] too.';
    const steps = splitSolution(solution);
    assert.deepEqual(sources(steps), ['We have that $r = 3.$  Also, the line makes an angle of $\\frac{\\pi}{2}$.', 'Therefore, the answer is $\\boxed{3}.$ See', 'too.']);
    assert.ok(steps.every((s) => !/draw|unitsize|asy/.test(s.source)));
  });
});
