// SandboxFusion's request and response shapes (sandbox/server/sandbox_api.py, sandbox/runners/types.py) and its
// status rules, checked on the pure mapping without Docker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunCodeRequest, toRunCodeResponse } from '../../src/service/sandbox-fusion';
import { ApiError } from '../../src/service/errors';
import { DEFAULT_LIMITS } from '../../src/core/sandbox/limits';
import type { ProcessResult, RunResult } from '../../src/core/sandbox/types';

function proc(over: Partial<ProcessResult> = {}): ProcessResult {
  return { exitCode: 0, signal: null, stdout: '', stderr: '', durationMs: 12, peakMemoryBytes: null, truncated: false, timedOut: false, oomKilled: false, ...over };
}

function result(over: Partial<RunResult>): RunResult {
  return { language: 'python', status: 'Accepted', compile: null, run: null, cases: [], correctRate: 1, reward: 1, diagnostics: [], limits: DEFAULT_LIMITS, ...over };
}

function refused(body: unknown): ApiError {
  try {
    parseRunCodeRequest(body);
  } catch (err) {
    assert.ok(err instanceof ApiError, String(err));
    return err;
  }
  assert.fail('the request was accepted');
}

test('defaults are SandboxFusion\'s: 10 s compile and run time-outs, the language\'s memory for -1', () => {
  const r = parseRunCodeRequest({ code: 'print(1)', language: 'python' });
  assert.equal(r.language, 'python');
  assert.equal(r.request.limits?.compile?.timeoutMs, 10_000);
  assert.equal(r.request.limits?.run?.timeoutMs, 10_000);
  assert.equal(r.request.limits?.run?.memoryBytes, undefined);
  assert.equal(r.request.stdin, '');
  const m = parseRunCodeRequest({ code: 'x', language: 'cpp', memory_limit_MB: 128, run_timeout: 2.5, compile_timeout: 30, stdin: 'in' });
  assert.equal(m.request.limits?.run?.memoryBytes, 128 * 1024 * 1024);
  assert.equal(m.request.limits?.run?.timeoutMs, 2500);
  assert.equal(m.request.limits?.compile?.timeoutMs, 30_000);
  assert.equal(m.request.stdin, 'in');
});

test('its language names map to ours, and ours are accepted too', () => {
  assert.equal(parseRunCodeRequest({ code: 'x', language: 'nodejs' }).language, 'javascript');
  for (const name of ['python', 'cpp', 'java', 'go', 'rust', 'ruby', 'bash', 'php', 'lua', 'perl', 'csharp', 'typescript', 'c', 'javascript', 'py', 'c++'])
    assert.ok(parseRunCodeRequest({ code: 'x', language: name }).language, name);
  const err = refused({ code: 'x', language: 'fortran77' });
  assert.equal(err.statusCode, 400);
  assert.equal(err.field, 'language');
  assert.ok(err.allowed?.includes('nodejs') && err.allowed.includes('python'));
  assert.match(err.message, /unknown language 'fortran77'; supported: .*python/);
});

test('files are decoded from base64 at nested paths, null ones skipped; fetch paths keep the name asked', () => {
  const r = parseRunCodeRequest({
    code: 'x',
    language: 'python',
    files: { 'data/in/a.txt': Buffer.from('héllo').toString('base64'), './b.bin': Buffer.from([0, 255]).toString('base64'), 'skip.txt': null, '/sandbox/c.txt': '' },
    fetch_files: ['out/result.txt', '/sandbox/x.txt'],
  });
  assert.deepEqual(
    r.request.files?.map((f) => [f.path, Buffer.from(f.content).toString('hex')]),
    [['data/in/a.txt', Buffer.from('héllo').toString('hex')], ['b.bin', '00ff'], ['c.txt', '']],
  );
  assert.deepEqual(r.request.fetchFiles, ['out/result.txt', 'x.txt']);
  assert.deepEqual(r.fetch, [{ asked: 'out/result.txt', path: 'out/result.txt' }, { asked: '/sandbox/x.txt', path: 'x.txt' }]);
});

test('bad fields are refused with their name: paths outside the sandbox, non-base64, limits, args, empty code', () => {
  assert.equal(refused({ code: 'x', language: 'python', files: { '../etc/passwd': '' } }).field, 'files.../etc/passwd');
  assert.equal(refused({ code: 'x', language: 'python', files: { '/etc/passwd': '' } }).field, 'files./etc/passwd');
  assert.equal(refused({ code: 'x', language: 'python', files: { 'a.txt': 'not base64!' } }).field, 'files.a.txt');
  assert.equal(refused({ code: 'x', language: 'python', files: { 'a.txt': 5 } }).field, 'files.a.txt');
  assert.equal(refused({ code: 'x', language: 'python', fetch_files: ['a/../../b'] }).field, 'fetch_files[0]');
  assert.equal(refused({ code: 'x', language: 'python', run_timeout: 0 }).field, 'run_timeout');
  assert.equal(refused({ code: 'x', language: 'python', run_timeout: 601 }).field, 'run_timeout');
  assert.equal(refused({ code: 'x', language: 'python', compile_timeout: 'ten' }).field, 'compile_timeout');
  assert.equal(refused({ code: 'x', language: 'python', memory_limit_MB: 8 }).field, 'memory_limit_MB');
  assert.equal(refused({ code: 'x', language: 'python', memory_limit_MB: 1.5 }).field, 'memory_limit_MB');
  assert.equal(refused({ code: 'x', language: 'python', args: ['-k', 'x'] }).field, 'args');
  assert.equal(refused({ language: 'python' }).field, 'code');
  assert.equal(refused({ code: '  ', language: 'python' }).field, 'code');
  assert.equal(refused({ code: 'x' }).field, 'language');
  assert.equal(refused([1, 2]).statusCode, 400);
});

test('status rules: non-zero exit or time-out is Failed, a sandbox fault is SandboxError, else Success', () => {
  const req = parseRunCodeRequest({ code: 'x', language: 'python' });
  const ok = toRunCodeResponse(result({ run: proc({ stdout: '1\n', durationMs: 1500 }) }), req, 'pod-1');
  assert.deepEqual(ok, {
    status: 'Success',
    message: '',
    compile_result: null,
    run_result: { status: 'Finished', execution_time: 1.5, return_code: 0, stdout: '1\n', stderr: '' },
    executor_pod_name: 'pod-1',
    files: {},
  });
  const crash = toRunCodeResponse(result({ status: 'RuntimeError', message: 'exit 3', run: proc({ exitCode: 3, stderr: 'boom' }) }), req, 'p');
  assert.equal(crash.status, 'Failed');
  assert.equal(crash.run_result?.return_code, 3);
  const tle = toRunCodeResponse(result({ status: 'TimeLimitExceeded', run: proc({ exitCode: null, signal: 'SIGKILL', timedOut: true }) }), req, 'p');
  assert.equal(tle.status, 'Failed');
  assert.equal(tle.run_result?.status, 'TimeLimitExceeded');
  assert.equal(tle.run_result?.return_code, null, 'a time-out has no return code');
  const killed = toRunCodeResponse(result({ status: 'MemoryLimitExceeded', run: proc({ exitCode: null, signal: 'SIGKILL', oomKilled: true }) }), req, 'p');
  assert.equal(killed.status, 'Failed');
  assert.equal(killed.run_result?.return_code, -9, 'signalled: minus the signal number, as Python reports it');
  const fault = toRunCodeResponse(result({ status: 'SandboxError', message: 'Docker is not running' }), req, 'p');
  assert.deepEqual({ status: fault.status, message: fault.message, compile_result: fault.compile_result, run_result: fault.run_result }, { status: 'SandboxError', message: 'Docker is not running', compile_result: null, run_result: null });
});

test('compiled languages report compile_result; an interpreter\'s syntax check is reported as the run', () => {
  const cpp = parseRunCodeRequest({ code: 'x', language: 'cpp' });
  const ce = toRunCodeResponse(result({ language: 'cpp', status: 'CompileError', compile: proc({ exitCode: 1, stderr: 'main.cpp:1:1: error' }) }), cpp, 'p');
  assert.equal(ce.status, 'Failed');
  assert.equal(ce.compile_result?.return_code, 1);
  assert.equal(ce.run_result, null, 'no run after a failed compile');
  const built = toRunCodeResponse(result({ language: 'cpp', compile: proc({ durationMs: 800 }), run: proc({ stdout: 'ok' }) }), cpp, 'p');
  assert.equal(built.compile_result?.execution_time, 0.8);
  assert.equal(built.status, 'Success');

  const py = parseRunCodeRequest({ code: 'x', language: 'python' });
  const se = toRunCodeResponse(result({ status: 'CompileError', compile: proc({ exitCode: 1, stderr: 'SyntaxError: invalid syntax' }) }), py, 'p');
  assert.equal(se.compile_result, null);
  assert.equal(se.run_result?.return_code, 1);
  assert.match(se.run_result?.stderr ?? '', /SyntaxError/);
  assert.equal(se.status, 'Failed');
  const checked = toRunCodeResponse(result({ compile: proc(), run: proc({ stdout: '1' }) }), py, 'p');
  assert.equal(checked.compile_result, null, 'no compile_result for a passing syntax check either');
});

test('fetched files come back base64-encoded under the names asked for; missing ones are left out', () => {
  const req = parseRunCodeRequest({ code: 'x', language: 'python', fetch_files: ['/sandbox/out.txt', 'missing.txt'] });
  const r = toRunCodeResponse(result({ run: proc(), files: { 'out.txt': Buffer.from('done') } }), req, 'p');
  assert.deepEqual(r.files, { '/sandbox/out.txt': Buffer.from('done').toString('base64') });
});

test('its test-framework modes: the mode\'s language, args for pytest only, `tests` in the response', () => {
  for (const [name, language] of [['pytest', 'python'], ['jest', 'javascript'], ['junit', 'java'], ['go_test', 'go']] as const) {
    const r = parseRunCodeRequest({ code: 'x', language: name });
    assert.deepEqual([r.language, r.mode, r.request.testMode, r.request.language], [language, name, name, language]);
  }
  assert.deepEqual(parseRunCodeRequest({ code: 'x', language: 'pytest', args: ['-k', 'add'] }).request.testArgs, ['-k', 'add']);
  assert.equal(refused({ code: 'x', language: 'jest', args: ['--bail'] }).field, 'args');
  assert.equal(parseRunCodeRequest({ code: 'x', language: 'python' }).request.testMode, undefined);

  const tests = { passed: 2, failed: 1, skipped: 0, errored: 0, total: 3, loadErrors: [], tests: [{ name: 'two()', suite: 'CalcTest', status: 'failed' as const, message: 'expected: <4> but was: <3>', line: 11 }] };
  const junit = parseRunCodeRequest({ code: 'x', language: 'junit' });
  const failed = toRunCodeResponse(result({ language: 'java', status: 'WrongAnswer', message: '1 test of 3 failed', compile: proc(), run: proc({ exitCode: 1 }), tests }), junit, 'pod');
  assert.equal(failed.status, 'Failed');
  assert.equal(failed.message, '1 test of 3 failed');
  assert.equal(failed.compile_result?.return_code, 0, 'junit has a compile_result, as in SandboxFusion');
  assert.deepEqual(failed.tests, {
    passed: 2, failed: 1, skipped: 0, errored: 0, total: 3, load_errors: [],
    tests: [{ name: 'two()', suite: 'CalcTest', status: 'failed', duration_ms: null, message: 'expected: <4> but was: <3>', line: 11 }],
  });
  // go_test's build is its run in SandboxFusion: no compile_result, a build error comes back as the run.
  const goTest = parseRunCodeRequest({ code: 'x', language: 'go_test' });
  const build = toRunCodeResponse(result({ language: 'go', status: 'CompileError', compile: proc({ exitCode: 1, stderr: 'x.go:1: bad' }), run: null }), goTest, 'pod');
  assert.equal(build.compile_result, null);
  assert.equal(build.run_result?.return_code, 1);
  assert.equal(build.tests, null);
  // Without a mode the response has no `tests` at all (SandboxFusion's shape, byte for byte).
  assert.equal('tests' in toRunCodeResponse(result({ run: proc() }), parseRunCodeRequest({ code: 'x', language: 'python' }), 'pod'), false);
});
