import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answersEqual, extractFinalAnswer, normalizeAnswer } from '../../../src/core/critique/answers';

describe('extractFinalAnswer', () => {
  const cases: [string, string, string][] = [
    ['So $x = \\boxed{\\frac{3}{4}}$.', '\\frac{3}{4}', '3/4'],
    ['Nested: \\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}', '\\left( 3, \\frac{\\pi}{2} \\right)', '(3,\\frac{\\pi}{2})'],
    ['first \\boxed{1}, then \\boxed{2}', '2', '2'],
    ['He pays 5\n#### 1,000', '1,000', '1000'],
    ['The answer is 18 dollars.', '18 dollars', '18'],
    ['Answer: $x = 5$', 'x = 5', '5'],
    ['**Final answer:** 12 cm.', '12 cm', '12'],
    ['The final answer is $42$.', '42', '42'],
  ];
  for (const [text, raw, normalized] of cases) {
    it(`finds ${JSON.stringify(raw)} in ${JSON.stringify(text)}`, () => {
      const found = extractFinalAnswer(text);
      assert.ok(found);
      assert.equal(text.slice(found.startOffset, found.endOffset), found.raw);
      assert.equal(found.raw, raw);
      assert.equal(found.normalized, normalized);
    });
  }

  it('returns undefined without an answer', () => {
    assert.equal(extractFinalAnswer('We add 2 and 3 to get 5.'), undefined);
  });
});

describe('normalizeAnswer', () => {
  const cases: [string, string][] = [
    ['\\$1,000.00', '1000'],
    ['5\\text{ cm}', '5'],
    ['30^\\circ', '30'],
    ['30^{\\circ}', '30'],
    ['45\\%', '45'],
    ['\\dfrac{3}{4}', '3/4'],
    ['\\tfrac34', '3/4'],
    ['18 dollars', '18'],
    ['x = 5', '5'],
    ['5.0', '5'],
    ['2.50', '2.5'],
    ['1{,}000', '1000'],
    ['10\\,000', '10000'],
    ['\\left(3, \\frac{\\pi}{2}\\right)', '(3,\\frac{\\pi}{2})'],
    ['$\\frac{1}{2}$', '1/2'],
    ['-\\frac{1}{2}', '-1/2'],
    ['\\!\\sqrt{2}', '\\sqrt{2}'],
  ];
  for (const [raw, normalized] of cases) it(`${raw} → ${normalized}`, () => assert.equal(normalizeAnswer(raw), normalized));
});

describe('answersEqual', () => {
  it('compares numbers numerically', () => {
    assert.ok(answersEqual('\\frac{3}{4}', '0.75'));
    assert.ok(answersEqual('3/4', '\\dfrac{3}{4}'));
    assert.ok(answersEqual('\\$18.00', '18 dollars'));
    assert.ok(answersEqual('\\frac{\\sqrt{2}}{2}', '\\sqrt{2}/2'));
    assert.ok(answersEqual('50\\%', '50'));
    assert.ok(!answersEqual('5', '6'));
    assert.ok(!answersEqual('0.75', '0.7500001'));
  });

  it('compares other answers as strings', () => {
    assert.ok(answersEqual('\\left( 3, \\frac{\\pi}{2} \\right)', '(3,\\frac{\\pi}{2})'));
    assert.ok(answersEqual('p - q', 'p-q'));
    assert.ok(!answersEqual('p - q', 'q - p'));
  });
});
