import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CasesFormatError,
  correctRate,
  decidingCaseIndex,
  judgeRun,
  mplReward,
  outputsMatch,
  overallVerdict,
  parseCases,
  tokensMatch,
} from '../../../src/core/sandbox/judge';
import type { ProcessResult } from '../../../src/core/sandbox/types';

function proc(over: Partial<ProcessResult> = {}): ProcessResult {
  return {
    exitCode: 0,
    signal: null,
    stdout: '',
    stderr: '',
    durationMs: 5,
    peakMemoryBytes: null,
    truncated: false,
    timedOut: false,
    oomKilled: false,
    ...over,
  };
}

describe('parseCases', () => {
  it('reads MPLSandbox unit_cases', () => {
    assert.deepEqual(parseCases({ inputs: ['1 2', '3 4'], outputs: ['3', '7'] }), [
      { input: '1 2', expected: '3' },
      { input: '3 4', expected: '7' },
    ]);
  });

  it('reads a list of {input, expected} and the output synonym, and numbers as text', () => {
    assert.deepEqual(parseCases([{ input: '1', expected: '2' }, { input: '5', output: 6 }, { input: '' }]), [
      { input: '1', expected: '2' },
      { input: '5', expected: '6' },
      { input: '', expected: undefined },
    ]);
  });

  it('parses a JSON string first', () => {
    assert.deepEqual(parseCases('{"inputs":["a"],"outputs":["b"]}'), [{ input: 'a', expected: 'b' }]);
    assert.throws(() => parseCases('{inputs'), /not valid JSON/);
  });

  it('names every offending path', () => {
    assert.throws(
      () => parseCases({ inputs: ['1', 2, true], outputs: ['1'] }),
      (err: unknown) => err instanceof CasesFormatError && err.issues.some((i) => i.startsWith('unit_cases.inputs[2]')),
    );
    assert.throws(() => parseCases({ inputs: ['1', '2'], outputs: ['1'] }), /same length/);
    assert.throws(() => parseCases([{ input: '1', expected: '1', output: '1' }]), /cases\[0\]: give either expected or output/);
    assert.throws(() => parseCases({ inputs: ['1'] }), /unit_cases\.outputs/);
    assert.throws(() => parseCases(42), /got number/);
    assert.throws(() => parseCases(null), /got null/);
  });
});

describe('output comparison', () => {
  it('tolerates trailing spaces, CRLF, trailing blank lines and runs of blanks', () => {
    assert.ok(outputsMatch('1 2\n3\n', '1   2  \r\n3\r\n\r\n\n'));
    assert.ok(outputsMatch('a b', '\ta\t b'));
    assert.ok(outputsMatch('', '\n\n  \n'));
  });

  it('keeps line structure and token boundaries', () => {
    assert.ok(!outputsMatch('1 2', '1\n2'));
    assert.ok(!outputsMatch('12', '1 2'));
    assert.ok(!outputsMatch('1\n\n2', '1\n2'));
    assert.ok(!outputsMatch('yes', 'Yes'));
    assert.ok(!outputsMatch('1', ''));
  });

  it('compares numbers numerically with a relative tolerance', () => {
    assert.ok(tokensMatch('1', '1.0'));
    assert.ok(tokensMatch('0.3333333', '0.33333333333'));
    assert.ok(tokensMatch('1e6', '1000000.5'));
    assert.ok(tokensMatch('0', '1e-9'));
    assert.ok(!tokensMatch('0.5', '0.51'));
    assert.ok(!tokensMatch('1000', '1000.1'));
    assert.ok(tokensMatch('1000', '1000.1', 1e-3));
    assert.ok(outputsMatch('3.14159265', '3.141592651', 1e-6));
  });

  it('compares integers exactly, however large', () => {
    assert.ok(tokensMatch('007', '7'));
    assert.ok(tokensMatch('-0', '0'));
    assert.ok(!tokensMatch('12345678901234567890', '12345678901234567891'));
    assert.ok(!tokensMatch('1000000', '1000001'));
  });

  it('never treats words, nan or inf as numbers', () => {
    assert.ok(!tokensMatch('nan', 'NaN'));
    assert.ok(!tokensMatch('inf', 'Infinity'));
    assert.ok(!tokensMatch('1', '0x1'));
  });
});

describe('verdicts', () => {
  it('judges one run', () => {
    assert.equal(judgeRun(proc({ stdout: '3\n' }), '3'), 'Accepted');
    assert.equal(judgeRun(proc({ stdout: '4\n' }), '3'), 'WrongAnswer');
    assert.equal(judgeRun(proc({ stdout: 'anything' }), undefined), 'Accepted');
    assert.equal(judgeRun(proc({ exitCode: 1, stdout: '3' }), '3'), 'RuntimeError');
    assert.equal(judgeRun(proc({ exitCode: null, signal: 'SIGSEGV' }), undefined), 'RuntimeError');
    assert.equal(judgeRun(proc({ exitCode: null, signal: 'SIGKILL', timedOut: true }), '3'), 'TimeLimitExceeded');
    assert.equal(judgeRun(proc({ exitCode: null, signal: 'SIGKILL', oomKilled: true, timedOut: true }), '3'), 'MemoryLimitExceeded');
    assert.equal(judgeRun(proc({ truncated: true, timedOut: true }), '3'), 'OutputLimitExceeded');
  });

  it('picks the first case of the most severe class', () => {
    assert.equal(decidingCaseIndex([]), -1);
    assert.equal(decidingCaseIndex(['Accepted', 'Accepted']), 1);
    assert.equal(decidingCaseIndex(['Accepted', 'WrongAnswer', 'WrongAnswer']), 1);
    assert.equal(decidingCaseIndex(['WrongAnswer', 'TimeLimitExceeded', 'RuntimeError']), 1);
    assert.equal(decidingCaseIndex(['RuntimeError', 'SandboxError']), 1);
    assert.equal(overallVerdict(['WrongAnswer', 'RuntimeError', 'TimeLimitExceeded']), 'RuntimeError');
    assert.equal(overallVerdict(['Accepted']), 'Accepted');
  });

  it('computes the correct rate', () => {
    assert.equal(correctRate([]), 0);
    assert.equal(correctRate(['Accepted', 'WrongAnswer', 'Accepted', 'RuntimeError']), 0.5);
  });

  it('maps verdicts to MPLSandbox rewards', () => {
    assert.equal(mplReward('Accepted'), 1);
    assert.equal(mplReward('WrongAnswer'), -0.3);
    assert.equal(mplReward('RuntimeError'), -0.6);
    assert.equal(mplReward('TimeLimitExceeded'), -0.6);
    assert.equal(mplReward('CompileError'), -1);
    assert.equal(mplReward('SandboxError'), 0);
  });
});
