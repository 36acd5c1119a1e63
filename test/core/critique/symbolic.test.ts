import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNote } from '../../../src/core/critique/notes';
import { checkProblem, checkStepText, withContinuation } from '../../../src/core/critique/symbolic';
import { getComputeEngine } from '../../../src/core/critique/symbolic/engine';
import { parseExpression, tokenize } from '../../../src/core/critique/symbolic/plain-arithmetic';
import { readJsonl, type Gsm8kRecord } from '../../support/corpora';
import { needs } from '../../support/tiers';

function status(text: string): string {
  return checkStepText(text).status;
}

function assertVerified(text: string) {
  const finding = checkStepText(text);
  assert.equal(finding.status, 'verified', `${text}: ${JSON.stringify(finding)}`);
}

function assertContradicted(text: string, computed?: string) {
  const finding = checkStepText(text);
  assert.equal(finding.status, 'contradicted', `${text}: ${JSON.stringify(finding)}`);
  if (computed !== undefined) assert.equal(finding.computed, computed);
  assert.ok(finding.explanation && finding.checked);
}

function assertNotContradicted(text: string) {
  const finding = checkStepText(text);
  assert.notEqual(finding.status, 'contradicted', `${text}: ${JSON.stringify(finding)}`);
}

describe('plain-text arithmetic', () => {
  it('checks chains with - x × * ÷ /', () => {
    assertVerified('Janet sells 16 - 3 - 4 = 9 duck eggs a day.');
    assertContradicted('Janet sells 16 - 3 - 4 = 8 duck eggs a day.', '9');
    assert.equal(checkStepText('16 - 3 - 4 = 8').explanation, '16 - 3 - 4 = 9, not 8');
    assertVerified('3 x 4 = 12 and 12 × 2 = 24, 24 ÷ 3 = 8, 8 / 2 * 3 = 12');
    assertContradicted('3x4=13', '12');
    assertContradicted('6 ÷ 2 × 3 = 1', '9');
    assertVerified('2 + 3 * 4 = 14');
    assertVerified('2(3+4) = 14');
    assertVerified('2^10 = 1024');
  });

  it('reads $ amounts, thousands separators and percentages', () => {
    assertVerified('The house and repairs cost 80,000+50,000=$130,000');
    assertContradicted('He pays $1,200 + $300 = $1,600', '1500');
    assertVerified('20% of 50 = 10');
    assertVerified('She gets 50 * 20% = $10 off');
    assertContradicted('She gets 50 * 20% = $12 off', '10');
    assertVerified('0.2 * 100 = 20%');
    assertContradicted('100% - 99% = 7%');
  });

  it('reads notation as people write it: operator words, units and rates between operands, mixed numbers', () => {
    // The two misses of issue 14, as written in GSM8K notes without calculator annotations.
    assertContradicted('The 6 females ate a total of 6 x 3 = 19 dumplings.', '18');
    assertContradicted('each cage has 30 pieces of straw / 6 pieces of straw per rat = 7 rats', '5');
    assertVerified('each cage has 30 pieces of straw / 6 pieces of straw per rat = 5 rats');
    assertContradicted('Six erasers cost $2/eraser x 6 erasers = $52.', '12');
    assertContradicted('The tour guides are 3 groups * 7 guides/group = 27 guides.', '21');
    assertVerified('$300/month + $200/month + $500/month = $1000/month');
    assertContradicted('14 feet wide x 25 feet long x 4 feet deep = 1,402 cubic feet', '1400');
    assertContradicted('10 divided by 2 = 4', '5');
    assertVerified('7 plus 5 = 12, 12 minus 2 = 10 and 4 times 3 = 12');
    assertContradicted('Therefore in 2 months they need 700x2= 3400.', '1400');
    assertVerified('The concert lasted 65-minute concert – 15-minute encore = 50 minutes.');
    assertContradicted('Robyn sends 16 - 7 = 8 non-work emails.', '9');
    assertContradicted('The brokerage fee is $350 000 x 5/100 = $17000.', '17500');
    assertVerified('Together they sold 3 1/2 * 2 + 4 1/2 * 2 = 16 bars.');
    assertVerified('Thus, W = 1 1/2 / 1/2 = 3 episodes.');
    assertContradicted('He sprints 3*3=10 times', '9');
    assertContradicted('First multiply by 4: 3 * 4 = 15', '12');
    assertContradicted('He has a total of 7 + 5 = 32 female fishes.', '12');
    assertVerified('She spends $10 for bacon + $24 for chicken + $12 for strawberries = $46.');
    // Words that take part in the expression are not cut away: the head is left alone rather than misread.
    assertNotContradicted('Half of 50 * 2 = 50');
    assertNotContradicted('Divide 60 by 3 * 2 = 10');
  });

  it('solves plain-text equations for their unknown', () => {
    assertContradicted('6x=180 x=70');
    assertVerified('6x=180 x=30');
    assertContradicted('2x + 180 – x = 304 humps. x = 304 – 180 x = 134');
    assertVerified('5B = 19 - 4, B = 3');
    assertContradicted('Subtract .3x from each side, .7x = 4.2, x = 7');
    assertVerified('Total:x+2x+(1/2)x=105 (7/2)x=105 x=105(2/7)=30 players');
    assertVerified('Y + Y - 7 + 4 (Y - 7) = 37 cm, 6Y - 35 = 37');
    // `3/2x` is (3/2)x to its writer and 3/(2x) to a parser.
    assertNotContradicted('x+x/2 = 120 so 3/2x = 120');
  });

  it('checks GSM8K calculator annotations (the text after >> repeats the result)', () => {
    assertVerified('He sprints 3*3=<<3*3=9>>9 times');
    assertContradicted('He sprints 3*3=<<3*3=10>>10 times', '9');
    assertContradicted('It takes <<2/2=2>>2 bolts', '1');
  });

  it('accepts rounding to the shown decimals, money to cents, and approximate big results', () => {
    assertVerified('10/3 = 3.33');
    assertVerified('Each pays 100 / 3 = $33.33');
    assertVerified('1000/7 = 140 people');
    assertVerified('8/3 = 2 full boxes');
    assertContradicted('0.5 * 0.48 = 0.25', '0.24');
    assertContradicted('10/4 = 2.6', '2.5');
    assertNotContradicted('So 10 / 3 ≈ 3 hours');
    assertNotContradicted('that is about 10/3 = about 3');
  });

  it('does not read times, ranges, list numbers, words or variables as arithmetic', () => {
    assertNotContradicted('At 3:30 + 2 = 5:30 she leaves');
    assertNotContradicted('He worked 3-4 hours = 7 hours');
    assertVerified('1. 3 + 4 = 7');
    assertNotContradicted('2x = 10 so x = 5');
    assert.equal(status('She ran 2x as far as 5 = 5 miles'), 'unchecked');
    assertNotContradicted('The team played (L+8) + L = 2L + 8 = 22 games.');
    assertVerified('This left 18 pink - 6 = 12 pink flamingos.');
    assertNotContradicted('Howie has 25 classmates + his 1 teacher + 1 himself = 27 people.');
    assertNotContradicted('half of 50 * 2 = 50');
    assertNotContradicted('4 students drank 1.5 quarts = 4 * 1.5 = 6 quarts');
    assertNotContradicted('It is $200/$2000 x 100% = 10% discount.');
  });

  it('leaves text without equalities unchecked', () => {
    assert.deepEqual(checkStepText('She has some apples.'), { status: 'unchecked' });
  });

  it('uses the same arithmetic as compute-engine on every GSM8K annotation', needs('corpora'), () => {
    const ce = getComputeEngine();
    const annotations = readJsonl<Gsm8kRecord>('gsm8k/test.jsonl').flatMap((r) => [...r.answer.matchAll(/<<([^=<>]+)=/g)].map((m) => m[1]));
    assert.ok(annotations.length > 4000);
    for (const expression of annotations) {
      const tokens = tokenize(expression);
      const fast = parseExpression(tokens, 0, tokens.length, 'divide');
      const slow = ce.parse(expression.replace(/\*/g, '\\times ')).N().re;
      assert.ok(fast, expression);
      assert.ok(Math.abs(fast.value - slow) <= 1e-9 * Math.max(1, Math.abs(slow)), `${expression}: ${fast.value} vs ${slow}`);
    }
  });
});

describe('LaTeX arithmetic', () => {
  it('checks \\frac, \\cdot, \\times, \\sqrt, powers, \\binom', () => {
    assertVerified('We have that $r = \\sqrt{0^2 + 3^2} = 3.$');
    assertContradicted('We have that $r = \\sqrt{0^2 + 4^2} = 3.$', '4');
    assertVerified('$\\frac{1}{2} \\cdot 3^2 + \\sqrt{16} = 8.5$');
    assertContradicted('$\\frac{1}{2} \\cdot 3^2 + \\sqrt{16} = 9.5$', '8.5');
    assertVerified('$5 \\times 3 = 15$ and $2^{10} = 1024$');
    assertVerified('$\\binom{5}{2} = 10$');
    assertContradicted('$\\binom{5}{2} = 12$', '10');
    assertVerified('$\\dfrac{22}{7} = 3.14$');
    assertVerified('$1{,}000 \\cdot 3 = 3{,}000$');
  });

  it('checks a bare align row and continues a row that starts with =', () => {
    assertVerified('2 + 3\\cdot 4 &= 2 + 12');
    assertContradicted('2 + 3\\cdot 4 &= 2 + 10');
    const note = 'Problem: Compute.\nSolution:\n\\begin{align*}\n2 + 3\\cdot 4 &= 2 + 12 \\\\\n&= 15\n\\end{align*}';
    const findings = checkProblem(parseNote(note).problems[0]);
    assert.deepEqual(findings.map((f) => f.status), ['verified', 'contradicted']);
    assert.equal(findings[1].computed, '14');
  });

  it('a row that starts with = continues from the last side of the row before, not from an = in a subscript', () => {
    assert.equal(withContinuation('= \\sum_{n = 1}^\\infty \\frac{1}{n^2}', '\\sum_{j = 1}^\\infty a_j = \\sum_{n = 1}^\\infty \\frac{n}{n^3} \\\\'), '\\sum_{n = 1}^\\infty \\frac{n}{n^3} = \\sum_{n = 1}^\\infty \\frac{1}{n^2}');
    assert.equal(withContinuation('x = 2', 'y = 3'), 'x = 2');
    assert.equal(withContinuation('= 70 \\sqrt{2}.', 'S \\ge \\sqrt{2} \\cdot 35 + \\sqrt{2} \\cdot 35'), '\\sqrt{2} \\cdot 35 + \\sqrt{2} \\cdot 35 = 70 \\sqrt{2}.', 'a chain of inequalities continues from its last side');
    assert.equal(withContinuation('= \\cos 25^\\circ', '\\cos 5^\\circ \\cos 20^\\circ - \\sin 5^\\circ \\sin 20^\\circ'), '\\cos 5^\\circ \\cos 20^\\circ - \\sin 5^\\circ \\sin 20^\\circ = \\cos 25^\\circ', 'a displayed expression is the side the next row continues');
    assert.equal(withContinuation('= 4', 'Then the numerator is $x + 1$'), '= 4', 'prose is no side');
    assert.equal(withContinuation('= 5', '\\left< u, v \\right> = c'), 'c = 5', '\\left< is no relation, nor \\left a \\le');
    assert.equal(withContinuation('=x^2(x-4)(x+4)', '0=x^2(x^2-16)\\quad\\Rightarrow'), 'x^2(x^2-16) =x^2(x-4)(x+4)');
    // A plain comma inside parentheses separates arguments; outside, it groups thousands.
    assertNotContradicted('$3(1,000) = 3,000$');
    assertVerified('$1,000 \\cdot 3 = 3,000$');
    assertNotContradicted('$\\text{gcd}\\,(378,315) = 63$');
    const note = 'Problem: Compute.\nSolution:\n\\begin{align*}\n6 &= \\sum_{n = 1}^{3} n \\\\\n&= 7\n\\end{align*}';
    assert.deepEqual(checkProblem(parseNote(note).problems[0]).map((f) => f.status).at(-1), 'contradicted');
  });

  it('display-math rows are math even without a LaTeX marker: their equations are followed row to row', () => {
    const note = (answer: string) => `Problem: Solve.\nSolution:\nWe clear the fraction:\n$$\n19600 - 280a = 5600 \\\\\n280a = 14000 \\\\\na = ${answer}\n$$\n`;
    const steps = parseNote(note('50')).problems[0].steps;
    // `We clear the fraction:` leads into the first row and is part of its step.
    assert.deepEqual(steps.map((s) => s.display === true), [true, true, true]);
    assert.deepEqual(checkProblem(parseNote(note('50')).problems[0]).map((f) => f.status), ['unchecked', 'verified', 'verified']);
    assert.deepEqual(checkProblem(parseNote(note('51')).problems[0]).map((f) => f.status), ['unchecked', 'verified', 'contradicted']);
    // The same rows as prose are word-problem text: `x` may be a times sign there, so they are not read as LaTeX.
    assert.equal(checkStepText('20 x 3 = 60').status, 'verified');
  });

  it('an equation with e or i in it is not one in a single unknown (e is also a name: "the price of an eraser e")', () => {
    const note = 'Problem: Find p.\nSolution:\nThe system is\n$$\n3p + e = 124 \\\\\n5p + e = 182\n$$\n';
    assert.deepEqual(checkProblem(parseNote(note).problems[0]).map((f) => f.status), ['unchecked', 'unchecked']);
  });

  it('reads an align row of escaped dollar amounts as math (MATH-500 writes \\$18+\\$40)', () => {
    assertVerified('\\$18+\\$40+(\\$20)=\\$78');
    assertContradicted('\\$18+\\$40+(\\$20)=\\$79');
    assertVerified('$\\$18+\\$40=\\$58$');
    assertNotContradicted('It costs \\$5 each, so the three of them cost \\$16 in all.');
  });

  it('does not contradict approximations, units, degrees or statements said to be false', () => {
    assertNotContradicted('$\\pi \\approx 3.14$');
    assertVerified('$\\sin 30^\\circ = \\frac{1}{2}$');
    assertNotContradicted('$180^\\circ - 50^\\circ = 130$');
    assertNotContradicted('If $x=1$, we have $1 = \\sqrt{11-2} + 4$, which is not true.');
    assertNotContradicted('$1 \\mbox{ foot}^2 = 12^2 \\mbox{ inches}^2 = 144 \\mbox{ inches}^2$');
    assertVerified('The area is $(5\\text{ cm})(3\\text{ cm})=15\\text{ cm}^2$');
  });
});

describe('counts of listed members', () => {
  it('verifies a boxed count against the list before it or the one it introduces', () => {
    const divisors = 'The factors of 24 which are greater than 1 are 2, 3, 4, 6, 8, 12, and 24, so we have $\\boxed{7}$ possible values of $n$.';
    assert.equal(checkStepText(divisors).status, 'verified');
    assert.equal(checkStepText('Hence, $x$ can be $1, 2^1, 2^2, 3, 2^1\\cdot 3,\\text{ or }2^2\\cdot 3$ for a total of $\\boxed{6}$ possible values of $x.$').status, 'verified');
    assert.equal(checkStepText('The factors of 100 are 1, 2, 4, 5, 10, 20, 25, 50, 100. Of these, the $\\boxed{3}$ factors 10, 25 and 50 have two digits.').status, 'verified');
    const miscounted = checkStepText(divisors.replace('boxed{7}', 'boxed{8}'));
    assert.equal(miscounted.status, 'contradicted');
    assert.match(miscounted.explanation ?? '', /has 7 members, not 8/);
  });

  it('counts nothing in a range, an ellipsis, a computed count or a two-part sentence', () => {
    assert.equal(checkStepText('Therefore, $t$ is an integer between 5 and 12 inclusive, which leaves us with $\\boxed{8}$ possible integer values of $t$.').status, 'unchecked');
    assert.equal(checkStepText('The primes are 2, 3, 5, \\dots, 29, so there are $\\boxed{10}$ primes.').status, 'unchecked');
    assert.equal(checkStepText('We have $3x = 180$, so $x = 60$, and $2x = 120$. Thus, there are $\\boxed{120}$ degrees in the larger angle.').status, 'verified', 'the equations are checked; 60, 2x is no list to count');
    assert.notEqual(checkStepText('So $x$ is 1, 2 or 3, and $7 - 3 + 1 = \\boxed{5}$ integers remain.').status, 'contradicted');
  });
});

describe('identities', () => {
  it('verifies true identities', () => {
    assertVerified('$(x+1)^2 = x^2+2x+1$');
    assertVerified('$(a+b)(a-b) = a^2 - b^2$');
    assertVerified('$\\frac{x^2-1}{x-1} = x + 1$');
  });

  it('contradicts a rewriting that is off by a constant, and leaves context-dependent ones alone', () => {
    assertContradicted('$(x+1)^2 = x^2+2x+1 = x^2 + 2x + 2$', 'x^2 + 2x + 2 - 1');
    assertNotContradicted('$(x+1)^2 = x^2+2x+1 = x^2 + x + 1$');
    assertNotContradicted('$\\tan A = \\frac{\\sin A}{\\cos A} = \\frac{2\\cos A}{\\cos A} = 2$');
    // a lone equation is not an identity
    assertNotContradicted('$x^2 + 1 = 2x$');
  });
});

describe('equations across steps', () => {
  function problemStatuses(note: string): string[] {
    return checkProblem(parseNote(note).problems[0]).map((f) => f.status);
  }

  it('verifies steps that keep the solution and contradicts one that loses it', () => {
    assert.deepEqual(problemStatuses('Problem: Solve $2x + 3 = 7$.\n\nSolution:\n$2x + 3 = 7$\n\n$2x = 4$\n\n$x = 2$'), ['unchecked', 'verified', 'verified']);
    const wrong = checkProblem(parseNote('Problem: Solve.\n\nSolution:\n$2x + 3 = 7$\n\n$2x = 5$').problems[0]);
    assert.equal(wrong[1].status, 'contradicted');
    assert.equal(wrong[1].computed, 'x = 2');
    assert.equal(checkStepText('$2x + 3 = 7$, so $x = 3$.').status, 'contradicted');
  });

  it('allows dropping roots and case analyses', () => {
    assert.deepEqual(problemStatuses('Problem: Solve.\n\nSolution:\n$x^2 = 4$\n\n$x = 2$'), ['unchecked', 'verified']);
    assert.notEqual(checkStepText('$(x-5)(x-1)=0$, so $x=5$ or $x=1$.').status, 'contradicted');
    assert.notEqual(checkStepText('Then $x - 3 = 0,$ $x - 7 = 0,$ or $2x - 10 = 0.$').status, 'contradicted');
  });
});
