// The report parsers on reports captured from the frameworks in the sandbox images (test/fixtures/test-reports),
// and on malformed or hostile report text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJunitXml } from '../../../src/core/test-reports/junit-xml';
import { parseJestJson } from '../../../src/core/test-reports/jest-json';
import { goTestEvents, goTestOutput, parseGoTestJson } from '../../../src/core/test-reports/go-test-json';
import { parseTestReport, readableOutput } from '../../../src/core/test-reports/parse-report';
import { ReportFormatError, type TestReport } from '../../../src/core/test-reports/types';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'test-reports', name), 'utf8');
const counts = (r: TestReport) => ({ passed: r.passed, failed: r.failed, skipped: r.skipped, errored: r.errored, total: r.total });

test('pytest: 1 of 3 failing, with its assertion and the line of the test file', () => {
  const r = parseJunitXml([fixture('pytest-fail.xml')], { sourceFile: 'test_main.py' });
  assert.deepEqual(counts(r), { passed: 2, failed: 1, skipped: 0, errored: 0, total: 3 });
  const failed = r.tests.find((t) => t.status === 'failed')!;
  assert.equal(failed.name, 'test_two');
  assert.equal(failed.suite, 'test_main');
  assert.equal(failed.line, 8);
  // The attribute's newline reference is decoded.
  assert.equal(failed.message, 'assert 3 == 4\n +  where 3 = add(1, 2)');
  assert.deepEqual(r.loadErrors, []);
});

test('pytest: a fixture error is errored, a skip keeps its reason, a failure in a class names the class', () => {
  const r = parseJunitXml([fixture('pytest-mixed.xml')], { sourceFile: 'test_main.py' });
  assert.deepEqual(counts(r), { passed: 1, failed: 1, skipped: 1, errored: 1, total: 4 });
  const byName = Object.fromEntries(r.tests.map((t) => [t.name, t]));
  assert.equal(byName.test_uses_broken.status, 'errored');
  assert.equal(byName.test_uses_broken.line, 5);
  assert.match(byName.test_uses_broken.message!, /fixture broke/);
  assert.deepEqual([byName.test_skipped.status, byName.test_skipped.message], ['skipped', 'not today']);
  assert.deepEqual([byName.test_upper.suite, byName.test_upper.line], ['test_main.TestStrings', 19]);
});

test('pytest: a collection error is a load error, not a test', () => {
  const r = parseJunitXml([fixture('pytest-importerror.xml')], { sourceFile: 'test_main.py' });
  assert.equal(r.total, 0);
  assert.equal(r.loadErrors.length, 1);
  assert.match(r.loadErrors[0], /No module named 'nosuchmodule'/);
});

test('JUnit: the failing test, its message and the line in the test file from the stack trace', () => {
  const r = parseJunitXml([fixture('junit-fail.xml')], { sourceFile: 'Main.java' });
  assert.deepEqual(counts(r), { passed: 2, failed: 1, skipped: 0, errored: 0, total: 3 });
  const failed = r.tests.find((t) => t.status === 'failed')!;
  assert.deepEqual([failed.name, failed.suite, failed.line, failed.message], ['two()', 'CalcTest', 11, 'expected: <4> but was: <3>']);
});

test('JUnit: an unexpected exception is errored, @Disabled is skipped', () => {
  const r = parseJunitXml([fixture('junit-mixed.xml')], { sourceFile: 'Mixed.java' });
  assert.deepEqual(counts(r), { passed: 1, failed: 1, skipped: 1, errored: 1, total: 4 });
  const npe = r.tests.find((t) => t.name === 'throwsUnexpected()')!;
  assert.equal(npe.status, 'errored');
  assert.equal(npe.line, 12);
  assert.match(npe.message!, /Cannot invoke "Object.toString\(\)"/);
  assert.equal(r.tests.find((t) => t.name === 'failsWithMessage()')!.message, 'strings differ ==> expected: <b> but was: <a>');
});

test('JUnit XML: not XML, no test suites, or a DTD are format errors', () => {
  for (const bad of ['', 'not xml <', '<html><body/></html>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><testsuite><testcase name="&a;"/></testsuite>']) {
    assert.throws(() => parseJunitXml([bad], { sourceFile: 'x.py' }), ReportFormatError, bad);
  }
  // An odd but valid document: unknown attributes and elements are ignored, an empty <testsuites/> is no tests.
  assert.equal(parseJunitXml(['<testsuites/>'], { sourceFile: 'x.py' }).total, 0);
  const odd = parseJunitXml(['<testsuite><testcase name="t" time="soon" extra="1"><weird/></testcase></testsuite>'], { sourceFile: 'x.py' });
  assert.deepEqual(odd.tests, [{ name: 't', status: 'passed' }]);
});

test('Jest: 1 of 3 failing, with the expectation and the line (source-mapped) of the test file', () => {
  const r = parseJestJson(fixture('jest-fail.json'), { sourceFile: 'main.test.js' });
  assert.deepEqual(counts(r), { passed: 2, failed: 1, skipped: 0, errored: 0, total: 3 });
  const failed = r.tests.find((t) => t.status === 'failed')!;
  assert.equal(failed.name, 'adds one and two');
  assert.equal(failed.line, 8);
  assert.match(failed.message!, /Expected: 4\nReceived: 3$/);
  assert.doesNotMatch(failed.message!, /\sat\s/);
});

test('Jest: a TypeScript file with describe, a thrown error, skip and todo', () => {
  const r = parseJestJson(fixture('jest-mixed.json'), { sourceFile: 'main.test.ts' });
  assert.deepEqual(counts(r), { passed: 1, failed: 1, skipped: 2, errored: 0, total: 4 });
  const failed = r.tests.find((t) => t.status === 'failed')!;
  assert.deepEqual([failed.suite, failed.name, failed.message], ['div', 'throws on zero', 'Error: division by zero']);
  // The deepest frame in the test file: where it threw.
  assert.equal(failed.line, 4);
});

test('Jest: a suite that failed to run is a load error with the reason', () => {
  const r = parseJestJson(fixture('jest-broken.json'), { sourceFile: 'main.test.js' });
  assert.equal(r.total, 0);
  assert.match(r.loadErrors[0], /^Cannot find module '.\/nowhere' from 'main.test.js'/);
});

test('Jest: not JSON, or JSON of another shape, is a format error', () => {
  for (const bad of ['', '{', '[]', '{"numTotalTests": "3", "testResults": []}', '{"testResults": [{"assertionResults": [{"title": 1}]}], "numTotalTests": 1}']) {
    assert.throws(() => parseJestJson(bad, { sourceFile: 'main.test.js' }), ReportFormatError, bad);
  }
});

test('go test: leaves of subtests are counted, a skip and a panicking test with its line', () => {
  const r = parseGoTestJson(fixture('go-mixed.jsonl'), { sourceFile: 'main_test.go' });
  assert.deepEqual(counts(r), { passed: 3, failed: 1, skipped: 1, errored: 0, total: 5 });
  assert.deepEqual(
    r.tests.map((t) => t.name),
    ['TestTable/zero', 'TestTable/one', 'TestTable/two', 'TestSkip', 'TestPanics'],
  );
  const panic = r.tests.find((t) => t.name === 'TestPanics')!;
  assert.equal(panic.line, 19);
  assert.match(panic.message!, /^panic: assignment to entry in nil map/);
  assert.ok(panic.message!.split('\n').length <= 8);
  assert.equal(r.tests.find((t) => t.name === 'TestSkip')!.message, 'main_test.go:15: not here');
});

test('go test: 1 of 3 failing with t.Errorf\'s line; the stream turns back into go test\'s text', () => {
  const text = fixture('go-fail.jsonl');
  const r = parseGoTestJson(text, { sourceFile: 'main_test.go' });
  assert.deepEqual(counts(r), { passed: 2, failed: 1, skipped: 0, errored: 0, total: 3 });
  const failed = r.tests.find((t) => t.status === 'failed')!;
  assert.deepEqual([failed.name, failed.line, failed.message], ['TestTwo', 15, 'main_test.go:15: add(1, 2) = 3, want 4']);
  const shown = readableOutput('go-test-json', text);
  assert.match(shown, /^=== RUN {3}TestOne\n--- PASS: TestOne/);
  assert.match(shown, /\nFAIL\n$/);
  assert.equal(goTestOutput(goTestEvents(text)), shown);
});

test('go test: a binary that fails outside any test is a load error; a stream with no events a format error', () => {
  const exited = ['{"Action":"output","Package":"main","Output":"init failed\\n"}', '{"Action":"output","Package":"main","Output":"FAIL\\n"}', '{"Action":"fail","Package":"main"}'].join('\n');
  const r = parseGoTestJson(exited, { sourceFile: 'main_test.go' });
  assert.equal(r.total, 0);
  assert.deepEqual(r.loadErrors, ['init failed\nFAIL']);
  assert.throws(() => parseGoTestJson('hello\n{not json\n', { sourceFile: 'main_test.go' }), ReportFormatError);
  // A test that started but never ended (the binary was killed) failed.
  const killed = parseGoTestJson('{"Action":"run","Test":"TestLoop"}\n{"Action":"output","Test":"TestLoop","Output":"=== RUN   TestLoop\\n"}', { sourceFile: 'main_test.go' });
  assert.deepEqual(counts(killed), { passed: 0, failed: 1, skipped: 0, errored: 0, total: 1 });
});

test('parseTestReport: no report text at all is a format error', () => {
  assert.throws(() => parseTestReport('junit-xml', [], { sourceFile: 'x.py' }), /wrote no report/);
  assert.equal(parseTestReport('jest-json', [fixture('jest-fail.json')], { sourceFile: 'main.test.js' }).failed, 1);
});

test('a huge report: the counts are of every test, the list is cut; subtests of subtests count as leaves', () => {
  const cases = Array.from({ length: 10_050 }, (_, i) => `<testcase name="t${i}">${i === 10_040 ? '<failure message="late"/>' : ''}</testcase>`).join('');
  const r = parseJunitXml([`<testsuite>${cases}</testsuite>`], { sourceFile: 'x.py' });
  assert.deepEqual([r.total, r.passed, r.failed, r.tests.length], [10_050, 10_049, 1, 10_000]);
  const events = ['A', 'A/b', 'A/b/c', 'A/b/d', 'A/e'].map((t) => `{"Action":"pass","Test":"${t}"}`).join('\n');
  assert.deepEqual(parseGoTestJson(events, { sourceFile: 'main_test.go' }).tests.map((t) => t.name), ['A/b/c', 'A/b/d', 'A/e']);
});
