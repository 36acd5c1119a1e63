// The native request shapes (/v1/run, /v1/batch), admission control and the critique request, without Docker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Admission } from '../../src/service/admission';
import { noteFromSteps } from '../../src/service/critique';
import { ApiError } from '../../src/service/errors';
import { parseBatchRequest, parseRunRequest } from '../../src/service/native';
import { parseNote } from '../../src/core/critique/notes';

test('/v1/run takes the CLI\'s run options as JSON', () => {
  const r = parseRunRequest({ code: 'print(1)', timeout: 2, memory: 64, cases: { inputs: ['1'], outputs: ['1'] }, fetchFiles: ['out.txt'], files: { 'in.txt': 'aGk=' } });
  assert.equal(r.request.language, 'auto');
  assert.equal(r.request.limits?.run?.timeoutMs, 2000);
  assert.equal(r.request.limits?.run?.memoryBytes, 64 * 1024 * 1024);
  assert.deepEqual(r.request.cases, [{ input: '1', expected: '1' }]);
  assert.deepEqual(r.request.fetchFiles, ['out.txt']);
  assert.equal(r.request.files?.[0].content.toString(), 'hi');
  const l = parseRunRequest({ code: 'x', language: 'cpp', limits: { compile: { timeoutMs: 60_000 }, run: { cpus: 0.5 } } });
  assert.equal(l.request.language, 'cpp');
  assert.equal(l.request.limits?.compile?.timeoutMs, 60_000);
  assert.equal(l.request.limits?.run?.cpus, 0.5);
});

test('/v1/batch checks every program first and keeps ids', () => {
  const items = parseBatchRequest({ programs: [{ id: 'a', code: 'x' }, { code: 'y', language: 'go' }] });
  assert.deepEqual(items.map((i) => [i.id, i.index, i.request.language]), [['a', 0, 'auto'], [1, 1, 'go']]);
  assert.throws(() => parseBatchRequest({ programs: [{ code: 'x' }, { code: 'y', timeout: 0 }] }), (e: ApiError) => e.field === 'programs[1].timeout');
  assert.throws(() => parseBatchRequest({ programs: 'x' }), (e: ApiError) => e.field === 'programs');
});

test('admission: a fixed capacity, every slot returned, Retry-After from the recent pace', () => {
  const a = new Admission(2, 3);
  assert.equal(a.capacity, 5);
  assert.ok(a.tryEnter(4));
  assert.ok(!a.tryEnter(2), 'six do not fit in five');
  assert.ok(a.tryEnter(1));
  assert.ok(!a.tryEnter());
  for (let i = 0; i < 10; i++) a.leave(4);
  assert.equal(a.inFlight, 0, 'never below zero');
  for (let i = 0; i < 5; i++) a.tryEnter();
  // ~4 s per run recently, 2 at a time: one more waits about 2 s.
  assert.ok(a.retryAfterSeconds() >= 2 && a.retryAfterSeconds() <= 3, String(a.retryAfterSeconds()));
  assert.equal(new Admission(1, 0).retryAfterSeconds(), 1, 'at least one second');
});

test('a question and its steps become a note the critique pipeline reads step by step', () => {
  const text = noteFromSteps('Tom has 3 packs of 4 pencils. How many pencils?', ['He has 3 * 4 = 12 pencils.', 'So the total\nis 12.'], '12');
  const note = parseNote(text);
  assert.equal(note.problems.length, 1);
  assert.deepEqual(note.problems[0].steps.map((s) => s.text), ['He has 3 * 4 = 12 pencils.', 'So the total is 12.', 'The answer is 12.']);
  assert.equal(note.problems[0].finalAnswer?.normalized, '12');
});

test('/v1/run takes a test-framework mode (as run --mode): the mode\'s language, args for pytest only', () => {
  const r = parseRunRequest({ code: 'def test_x():\n    pass\n', mode: 'pytest', args: ['-q'] });
  assert.deepEqual([r.request.language, r.request.testMode, r.request.testArgs], ['python', 'pytest', ['-q']]);
  assert.equal(parseRunRequest({ code: 'x', mode: 'go_test', language: 'go' }).request.testMode, 'go_test');
  const refusedField = (body: unknown) => {
    try {
      parseRunRequest(body);
    } catch (err) {
      assert.ok(err instanceof ApiError);
      return [err.field, err.message];
    }
    assert.fail('accepted');
  };
  assert.equal(refusedField({ code: 'x', mode: 'mocha' })[0], 'mode');
  assert.deepEqual(refusedField({ code: 'x', mode: 'junit', language: 'python' }), ['language', 'language: the junit mode runs java test files; leave language out or give java']);
  assert.equal(refusedField({ code: 'x', mode: 'jest', args: ['--bail'] })[0], 'args');
  assert.equal(refusedField({ code: 'x', args: ['-q'] })[0], 'args');
  assert.equal(refusedField({ code: 'x', mode: 'pytest', cases: [{ input: '1', expected: '1' }] })[0], 'cases');
});
