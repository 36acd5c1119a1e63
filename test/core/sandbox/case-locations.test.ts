import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { caseLocations } from '../../../src/core/sandbox/case-locations';
import { parseCases } from '../../../src/core/sandbox/judge';

describe('caseLocations', () => {
  it('a list of cases: where each element starts, one per case of parseCases', () => {
    const text = '[\n  { "input": "3\\n", "expected": "1\\n2\\nFizz\\n" },\n  {"input": "5\\n",\n   "expected": "x"},\n\n  { "input": "[{", "expected": "}]" }\n]\n';
    assert.deepEqual(caseLocations(text), [
      { line: 1, column: 2 },
      { line: 2, column: 2 },
      { line: 5, column: 2 },
    ]);
    assert.equal(caseLocations(text).length, parseCases(text).length);
  });

  it('MPLSandbox unit_cases: the elements of inputs, not of outputs', () => {
    const text = '{\n  "outputs": ["0\\n", "6\\n"],\n  "inputs": [\n    "4 0\\n",\n    "1 2 \\"3\\"\\n"\n  ]\n}\n';
    assert.deepEqual(caseLocations(text), [
      { line: 3, column: 4 },
      { line: 4, column: 4 },
    ]);
  });

  it('numbers as inputs, and text that is not JSON, do not throw', () => {
    assert.deepEqual(caseLocations('{"inputs": [3, 7], "outputs": [1, 2]}'), [
      { line: 0, column: 12 },
      { line: 0, column: 15 },
    ]);
    assert.deepEqual(caseLocations('[{"input": "1"'), [{ line: 0, column: 1 }]);
    assert.deepEqual(caseLocations(''), []);
  });
});
