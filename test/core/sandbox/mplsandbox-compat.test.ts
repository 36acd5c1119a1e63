import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromMplRequest, MplRequestError, pyListRepr, pyRepr, toMplResult } from '../../../src/core/sandbox/mplsandbox-compat';
import { DEFAULT_LIMITS } from '../../../src/core/sandbox/limits';
import type { CaseResult, ProcessResult, RunResult, Verdict } from '../../../src/core/sandbox/types';

// The README's example request, verbatim.
const README_REQUEST = {
  question: 'Define get_sum_of_two_numbers(): ...',
  code: 'def get_sum_of_two_numbers():\n    a, b = map(int, input().split(" "))\n    print(a * b)\nget_sum_of_two_numbers()',
  unit_cases: { inputs: ['1 2', '3 4'], outputs: ['3', '7'] },
  lang: 'AUTO',
};

function proc(stdout: string, over: Partial<ProcessResult> = {}): ProcessResult {
  return { exitCode: 0, signal: null, stdout, stderr: '', durationMs: 3, peakMemoryBytes: null, truncated: false, timedOut: false, oomKilled: false, ...over };
}

function caseResult(input: string, expected: string, run: ProcessResult, status: Verdict): CaseResult {
  return { input, expected, actual: run.stdout, passed: status === 'Accepted', status, run };
}

function result(over: Partial<RunResult>): RunResult {
  return {
    language: 'python',
    status: 'Accepted',
    compile: proc(''),
    run: null,
    cases: [],
    correctRate: 1,
    reward: 1,
    diagnostics: [],
    limits: DEFAULT_LIMITS,
    ...over,
  };
}

describe('fromMplRequest', () => {
  it('maps the README example to a RunRequest with auto identification and echo-style inputs', () => {
    const mapped = fromMplRequest(README_REQUEST);
    assert.equal(mapped.request.language, 'auto');
    assert.equal(mapped.request.code, README_REQUEST.code);
    assert.deepEqual(mapped.request.cases, [
      { input: '1 2\n', expected: '3' },
      { input: '3 4\n', expected: '7' },
    ]);
    assert.deepEqual(mapped.inputs, ['1 2', '3 4']);
    assert.deepEqual(mapped.outputs, ['3', '7']);
    assert.equal(mapped.question, README_REQUEST.question);
  });

  it('keeps a named language and ignores MPLSandbox process settings', () => {
    const mapped = fromMplRequest({ ...README_REQUEST, lang: 'cpp', verbose: true, keep_template: true, app: false, client: true, libraries: [] });
    assert.equal(mapped.request.language, 'cpp');
  });

  it('passes libraries on as the library set of the run', () => {
    assert.deepEqual(fromMplRequest({ ...README_REQUEST, libraries: ['lodash'] }).request.libraries, ['lodash']);
    assert.equal(fromMplRequest({ ...README_REQUEST, libraries: [] }).request.libraries, undefined);
  });

  it('rejects what it cannot honour, saying why', () => {
    assert.throws(() => fromMplRequest({ ...README_REQUEST, code: '  ' }), /No code provided/);
    assert.throws(() => fromMplRequest({ ...README_REQUEST, code: undefined }), MplRequestError);
    assert.throws(() => fromMplRequest({ ...README_REQUEST, unit_cases: { inputs: ['1'], outputs: [] } }), /same length/);
    assert.throws(() => fromMplRequest({ ...README_REQUEST, image: 'python:3.9' }), /imageOverrides/);
    assert.throws(() => fromMplRequest('not an object'), MplRequestError);
  });
});

describe('pyRepr', () => {
  it('quotes like Python', () => {
    assert.equal(pyRepr('1 2'), "'1 2'");
    assert.equal(pyRepr("it's"), '"it\'s"');
    assert.equal(pyRepr('a\'b"c'), "'a\\'b\"c'");
    assert.equal(pyRepr('x\ny\t\\'), "'x\\ny\\t\\\\'");
    assert.equal(pyRepr('\x01'), "'\\x01'");
    assert.equal(pyListRepr(['3\n', '12\n']), "['3\\n', '12\\n']");
  });
});

describe('toMplResult', () => {
  const source = fromMplRequest(README_REQUEST);

  it('reports a wrong answer with MPLSandbox keys and its AssertionError text', () => {
    const cases = [caseResult('1 2\n', '3', proc('2\n'), 'WrongAnswer'), caseResult('3 4\n', '7', proc('12\n'), 'WrongAnswer')];
    const out = toMplResult(result({ status: 'WrongAnswer', cases, correctRate: 0, reward: -0.3 }), source, { showPerUnitFeedback: true });
    assert.ok(!('error' in out));
    assert.deepEqual(Object.keys(out).sort(), [
      'code',
      'compiler_feedback',
      'compiler_feedback_per_unit',
      'correct_rate',
      'diagnostics',
      'inputs',
      'language',
      'question',
      'required_outputs',
      'reward',
      'status',
    ]);
    assert.equal(out.reward, -0.3);
    assert.equal(out.correct_rate, 0);
    assert.equal(out.language, 'python');
    assert.deepEqual(out.inputs, ['1 2', '3 4']);
    assert.deepEqual(out.required_outputs, ['3', '7']);
    assert.equal(out.compiler_feedback, "AssertionError:\nInput:['1 2', '3 4']\nOutput:['2\\n', '12\\n']\nRequired Output:['3', '7']");
    assert.equal(out.compiler_feedback_per_unit, 'AssertionError:\nInput:1 2\nOutput:2\n\nRequired Output:3');
  });

  it('lists per-case console text otherwise, with the limit that was hit', () => {
    const cases = [
      caseResult('1 2\n', '3', proc('3\n'), 'Accepted'),
      caseResult('3 4\n', '7', proc('', { exitCode: null, signal: 'SIGKILL', timedOut: true }), 'TimeLimitExceeded'),
    ];
    const out = toMplResult(result({ status: 'TimeLimitExceeded', cases, correctRate: 0.5, reward: -0.6 }), source);
    assert.ok(!('error' in out));
    assert.deepEqual(out.compiler_feedback, ['3\n', 'TimeLimitExceeded']);
    assert.equal(out.correct_rate, 0.5);
    assert.equal('compiler_feedback_per_unit' in out, false);
  });

  it('repeats the compiler output for every case on a compile error, without ANSI colours', () => {
    const compile = proc('', { exitCode: 1, stderr: '\x1b[1mmain.py:1:1: error: bad\x1b[0m\n' });
    const out = toMplResult(result({ status: 'CompileError', compile, correctRate: 0, reward: -1 }), source);
    assert.ok(!('error' in out));
    assert.deepEqual(out.compiler_feedback, ['main.py:1:1: error: bad\n', 'main.py:1:1: error: bad\n']);
    assert.equal(out.reward, -1);
  });

  it('shows a run without cases as one feedback entry', () => {
    const plain = fromMplRequest({ code: 'print(1)', unit_cases: { inputs: [], outputs: [] } });
    const out = toMplResult(result({ run: proc('1\n') }), plain);
    assert.ok(!('error' in out));
    assert.deepEqual(out.compiler_feedback, ['1\n']);
  });

  it('turns a SandboxError into MPLSandbox error dict', () => {
    const out = toMplResult(result({ status: 'SandboxError', message: 'Docker is not running', reward: 0, correctRate: 0 }), source);
    assert.deepEqual(out, { error: { type: 'SandboxError', message: 'Docker is not running', stack_trace: '' } });
  });
});
