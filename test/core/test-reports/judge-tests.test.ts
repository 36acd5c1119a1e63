// The verdict of a test-mode run from its report, and the language a mode runs as (no Docker).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeTestRun } from '../../../src/core/test-reports/judge-tests';
import { countOutcomes, ReportFormatError, type TestOutcome } from '../../../src/core/test-reports/types';
import { DEFAULT_LIMITS, resolveLimits } from '../../../src/core/sandbox/limits';
import type { ProcessResult, RunResult } from '../../../src/core/sandbox/types';
import { getLanguage } from '../../../src/core/languages/registry';
import { getTestMode, languageForTestMode, TEST_MODES, TestModeError } from '../../../src/core/languages/test-modes';
import { LANGUAGE_IDS } from '../../../src/core/languages/ids';

const ctx = { framework: 'pytest 7.2', userFile: 'calc_test.py', mode: 'pytest' };

function proc(over: Partial<ProcessResult> = {}): ProcessResult {
  return { exitCode: 0, signal: null, stdout: '', stderr: '', durationMs: 10, peakMemoryBytes: null, truncated: false, timedOut: false, oomKilled: false, ...over };
}

function ran(status: RunResult['status'], run: Partial<ProcessResult> = {}): RunResult {
  return { language: 'python', status, compile: null, run: proc(run), cases: [], correctRate: 0, reward: 0, diagnostics: [], limits: DEFAULT_LIMITS };
}

const t = (name: string, status: TestOutcome['status'], extra: Partial<TestOutcome> = {}): TestOutcome => ({ name, status, ...extra });

test('all passed and exit 0: Accepted with the counts', () => {
  const r = judgeTestRun(ran('Accepted'), countOutcomes([t('a', 'passed'), t('b', 'passed'), t('c', 'skipped')]), ctx);
  assert.equal(r.status, 'Accepted');
  assert.equal(r.message, '3 tests: 2 passed, 1 skipped');
  assert.equal(r.correctRate, 1);
  assert.equal(r.reward, 1);
  assert.equal(r.tests?.passed, 2);
});

test('a failing test: WrongAnswer naming it, its line a diagnostic on the user\'s file', () => {
  const report = countOutcomes([t('test_one', 'passed'), t('test_two', 'failed', { line: 8, message: 'assert 3 == 4\n+ where' }), t('test_three', 'passed')]);
  const r = judgeTestRun({ ...ran('RuntimeError', { exitCode: 1 }), diagnostics: [{ file: 'calc_test.py', line: 1, column: 1, severity: 'error', message: 'misread', source: 'python' }] }, report, ctx);
  assert.equal(r.status, 'WrongAnswer');
  assert.equal(r.message, '1 test of 3 failed (2 passed, 1 failed): test_two (line 8): assert 3 == 4');
  assert.equal(r.reward, -0.3);
  assert.ok(Math.abs(r.correctRate - 2 / 3) < 1e-9);
  assert.deepEqual(r.diagnostics, [{ file: 'calc_test.py', line: 8, column: 1, severity: 'error', message: 'test_two failed: assert 3 == 4\n+ where', source: 'pytest' }]);
});

test('an errored test counts as failing too', () => {
  const r = judgeTestRun(ran('RuntimeError', { exitCode: 1 }), countOutcomes([t('a', 'errored', { message: 'NullPointerException' }), t('b', 'passed')]), ctx);
  assert.equal(r.status, 'WrongAnswer');
  assert.match(r.message!, /1 test of 2 failed \(1 passed, 1 errored\): a: NullPointerException/);
});

test('a file that did not load, or had no tests, is a RuntimeError', () => {
  const load = judgeTestRun(ran('RuntimeError', { exitCode: 2 }), countOutcomes([], ["ModuleNotFoundError: No module named 'x'\nmore"]), ctx);
  assert.equal(load.status, 'RuntimeError');
  assert.equal(load.message, "the test file failed to load: ModuleNotFoundError: No module named 'x'");
  const none = judgeTestRun(ran('RuntimeError', { exitCode: 5 }), countOutcomes([]), ctx);
  assert.equal(none.status, 'RuntimeError');
  assert.equal(none.message, 'pytest 7.2 found no tests in the file');
});

test('all passed but a non-zero exit, or no report: RuntimeError saying so', () => {
  const exit = judgeTestRun(ran('RuntimeError', { exitCode: 3 }), countOutcomes([t('a', 'passed')]), ctx);
  assert.equal(exit.status, 'RuntimeError');
  assert.equal(exit.message, 'all tests passed (1 passed), but pytest 7.2 exited with code 3');
  const missing = judgeTestRun(ran('RuntimeError', { exitCode: 4, stderr: 'ERROR: usage: unrecognized arguments: --bogus\n' }), new ReportFormatError('the framework wrote no report'), ctx);
  assert.equal(missing.status, 'RuntimeError');
  assert.equal(missing.message, 'pytest 7.2 wrote no test report (the framework wrote no report): ERROR: usage: unrecognized arguments: --bogus');
  assert.equal(missing.tests, undefined);
});

test('compile errors and limits keep their verdict; a partial report is attached', () => {
  for (const status of ['CompileError', 'TimeLimitExceeded', 'MemoryLimitExceeded', 'OutputLimitExceeded', 'SandboxError'] as const) {
    const r = judgeTestRun(ran(status, { timedOut: status === 'TimeLimitExceeded' }), countOutcomes([t('a', 'passed')]), ctx);
    assert.equal(r.status, status);
    assert.equal(r.tests?.passed, 1);
  }
  const noRun = { ...ran('CompileError'), run: null };
  assert.equal(judgeTestRun(noRun, undefined, ctx), noRun);
});

test('each mode runs as its language with its own file, commands and limits over the language\'s', () => {
  for (const mode of TEST_MODES) {
    assert.ok((LANGUAGE_IDS as readonly string[]).includes(mode.language), mode.id);
    const lang = languageForTestMode(getLanguage(mode.language), mode, {});
    assert.equal(lang.checkedRun, undefined, mode.id);
    assert.ok(lang.run(lang.sourceFile('x')).length > 0);
  }
  const go = languageForTestMode(getLanguage('go'), getTestMode('go_test'), { files: ['util.go', 'sub/x.go', 'data.txt'] });
  assert.equal(go.sourceFile('package main'), 'main_test.go');
  assert.deepEqual(go.compile?.('main_test.go'), ['go', 'test', '-vet=off', '-c', '-o', 'main.test', 'main_test.go', 'util.go']);
  const py = languageForTestMode(getLanguage('python'), getTestMode('pytest'), { args: ['-k', 'add'] });
  assert.deepEqual(py.run('test_main.py').slice(-3), ['test_main.py', '-k', 'add']);
  // The Python syntax check stays the compile phase, on the mode's file.
  assert.deepEqual(py.compile?.('test_main.py').at(-1), 'test_main.py');
  const junit = languageForTestMode(getLanguage('java'), getTestMode('junit'), {});
  assert.equal(junit.sourceFile('import x;\npublic class CalcTest {}'), 'CalcTest.java');
  assert.equal(junit.sourceFile('class CalcTest {}'), 'Main.java');
  // Jars among the files are on both class paths; other Java files are compiled with the test file.
  const withJars = languageForTestMode(getLanguage('java'), getTestMode('junit'), { files: ['lib/tuples.jar', 'Util.java', 'notes.txt'] });
  const javac = withJars.compile!('CalcTest.java');
  assert.equal(javac[javac.indexOf('-cp') + 1], '/usr/share/java/junit-platform-console-standalone.jar:lib/tuples.jar');
  assert.deepEqual(javac.slice(-2), ['CalcTest.java', 'Util.java']);
  const launcher = withJars.run('CalcTest.java');
  assert.equal(launcher[launcher.indexOf('--class-path') + 1], 'classes:lib/tuples.jar');
  const jest = languageForTestMode(getLanguage('javascript'), getTestMode('jest'), { userFile: 'sum.test.js' });
  assert.equal(jest.sourceFile(''), 'main.test.js');
  assert.equal(languageForTestMode(getLanguage('javascript'), getTestMode('jest'), {}).sourceFile(''), 'main.test.ts');
  // Limits: the mode's layer over the language's, the rest of the language's kept.
  const java = resolveLimits(getLanguage('java'));
  const junitLimits = resolveLimits(junit);
  assert.equal(junitLimits.run.memoryBytes, java.run.memoryBytes);
  assert.ok(junitLimits.run.timeoutMs > java.run.timeoutMs);
  assert.ok(resolveLimits(jest).run.memoryBytes > resolveLimits(getLanguage('javascript')).run.memoryBytes);
  // A request's own limits still win over the mode's.
  assert.equal(resolveLimits(jest, { run: { timeoutMs: 5000 } }).run.timeoutMs, 5000);
});

test('a mode refuses another language, arguments it does not take, projects, libraries and cases', () => {
  const refuse = (f: () => unknown, re: RegExp) => assert.throws(f, (e: unknown) => e instanceof TestModeError && re.test(e.message));
  refuse(() => languageForTestMode(getLanguage('ruby'), getTestMode('pytest'), {}), /pytest mode runs python test files, not Ruby/);
  refuse(() => languageForTestMode(getLanguage('java'), getTestMode('junit'), { args: ['-x'] }), /takes no extra arguments/);
  refuse(() => languageForTestMode(getLanguage('python'), getTestMode('pytest'), { project: { files: [] } }), /not a project/);
  refuse(() => languageForTestMode(getLanguage('python'), getTestMode('pytest'), { libraries: ['numpy'] }), /libraries/);
  refuse(() => languageForTestMode(getLanguage('python'), getTestMode('pytest'), { cases: [{ input: '' }] }), /test cases/);
});

test('the verdict counts failures beyond the listed tests', () => {
  const listed = Array.from({ length: 3 }, (_, i) => t(`t${i}`, 'passed'));
  const report = { ...countOutcomes(listed), failed: 1, total: 4 };
  const r = judgeTestRun(ran('RuntimeError', { exitCode: 1 }), report, ctx);
  assert.equal(r.status, 'WrongAnswer');
  assert.match(r.message!, /^1 test of 4 failed \(3 passed, 1 failed\): \(not listed\)$/);
});
