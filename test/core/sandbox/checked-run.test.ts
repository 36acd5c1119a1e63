// Python checks its syntax and runs the program in one interpreter start (LanguageSpec.checkedRun): the verdicts,
// the compile error with its line, the program's view of itself (argv, __file__, tracebacks) and the live output
// are those of a separate check followed by `python3 main.py`.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import { CHECK_FAILED_EXIT, CHECK_FAILED_MARKER } from '../../../src/core/languages/types';
import { needs } from '../../support/tiers';

describe('checked run: one interpreter start (real Docker)', { timeout: 300_000, ...needs('docker') }, () => {
  const engine = new SandboxEngine({ maxConcurrent: 2, poolSize: 1 });
  after(() => engine.close());

  test('a syntax error is a CompileError on its line, with no run and no marker in what people read', async () => {
    let live = '';
    const r = await engine.runCode({ code: 'x = 1\nif x == 1\n    print(x)\n', language: 'python', onOutput: (_s, t) => (live += t) });
    assert.equal(r.status, 'CompileError');
    assert.equal(r.run, null);
    assert.equal(r.reward, -1);
    assert.equal(r.compile?.exitCode, 1, 'the exit status of a failed check, as a separate check gives it');
    assert.match(r.compile?.stderr ?? '', /line 2\n.*\n.*\^\nSyntaxError: expected ':'/);
    assert.doesNotMatch(r.compile?.stderr ?? '', new RegExp(CHECK_FAILED_MARKER));
    assert.doesNotMatch(live, new RegExp(CHECK_FAILED_MARKER));
    assert.deepEqual(r.diagnostics.map((d) => [d.line, d.severity, d.message]), [[2, 'error', "SyntaxError: expected ':'"]]);
    assert.match(r.message ?? '', /SyntaxError/);
  });

  test('with test cases, a syntax error stops at the first case', async () => {
    const r = await engine.runCode({ code: 'print(int(input()) * 2\n', language: 'python', cases: [{ input: '1', expected: '2' }, { input: '2', expected: '4' }] });
    assert.equal(r.status, 'CompileError');
    assert.deepEqual(r.cases, []);
  });

  test('the program sees what `python3 main.py` gives it: argv, __name__, __file__, a clean namespace', async () => {
    const code = 'import sys\nprint(sys.argv, __name__, __file__, sorted(k for k in globals() if not k.startswith("__")))\n';
    const r = await engine.runCode({ code, language: 'python' });
    assert.equal(r.status, 'Accepted', r.run?.stderr);
    assert.equal(r.compile, null, 'no separate check process');
    assert.equal(r.run?.stdout, "['main.py'] __main__ /sandbox/main.py ['sys']\n");
  });

  test('a runtime error\'s traceback starts in the program, and its line is found', async () => {
    const r = await engine.runCode({ code: 'def f(d):\n    return d["missing"]\n\nprint(f({}))\n', language: 'python' });
    assert.equal(r.status, 'RuntimeError');
    assert.match(r.run?.stderr ?? '', /^Traceback \(most recent call last\):\n {2}File "\/sandbox\/main\.py", line 4, in <module>/);
    assert.doesNotMatch(r.run?.stderr ?? '', /<string>/);
    assert.equal(r.diagnostics[0]?.line, 2);
  });

  test('a program that exits with the check\'s status by itself is judged as a program', async () => {
    const r = await engine.runCode({ code: `import sys\nsys.exit(${CHECK_FAILED_EXIT})\n`, language: 'python' });
    assert.equal(r.status, 'RuntimeError');
    assert.equal(r.run?.exitCode, CHECK_FAILED_EXIT);
  });
});
