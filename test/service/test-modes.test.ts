// SandboxFusion's test-framework modes on POST /run_code, through a real service on 127.0.0.1 and real
// Docker: for each of pytest, jest, junit and go_test, a passing file, 1 failing of 3, a syntax error and a test
// that never ends. The status follows SandboxFusion's rules; `tests` has the framework's own counts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { needs } from '../support/tiers';
import { call, startService, type TestService } from './service-helpers';
import { TEST_MODES } from '../../src/core/languages/test-modes';
import { MODE_PROGRAMS } from '../support/test-mode-programs';

describe('test-framework modes on /run_code (real Docker)', { timeout: 900_000, ...needs('docker') }, () => {
  let svc: TestService;
  before(async () => {
    svc = await startService({ service: { maxConcurrency: 2 } });
  });
  after(async () => svc?.close());

  const runCode = (body: Record<string, unknown>) => call(svc.url, '/run_code', { body: { run_timeout: 60, compile_timeout: 60, ...body } });

  for (const mode of TEST_MODES) {
    const p = MODE_PROGRAMS[mode.id];
    test(`${mode.id}: every test passes → Success, with the counts`, async () => {
      const r = await runCode({ code: p.passing, language: mode.id });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.status, 'Success', r.text);
      assert.equal(r.json.run_result.return_code, 0);
      assert.deepEqual(
        { passed: r.json.tests.passed, failed: r.json.tests.failed, errored: r.json.tests.errored, total: r.json.tests.total },
        { passed: 2, failed: 0, errored: 0, total: 2 },
      );
      assert.equal(r.json.compile_result === null, !mode.sandboxFusionCompileResult);
    });

    test(`${mode.id}: 1 of 3 failing → Failed, naming the failing test with its message and line`, async () => {
      const r = await runCode({ code: p.oneFailing, language: mode.id });
      assert.equal(r.json.status, 'Failed', r.text);
      assert.notEqual(r.json.run_result.return_code, 0);
      assert.equal(r.json.tests.passed, 2);
      assert.equal(r.json.tests.failed, 1);
      const failing = r.json.tests.tests.filter((t: { status: string }) => t.status === 'failed');
      assert.equal(failing.length, 1);
      assert.equal(failing[0].name, p.failingName);
      assert.equal(failing[0].line, p.failingLine);
      assert.ok(failing[0].message, 'a message');
      assert.match(r.json.message, new RegExp(`1 test of 3 failed .*${p.failingName.replace(/[()]/g, '\\$&')}`));
    });

    test(`${mode.id}: a syntax error → Failed before any test ran`, async () => {
      const r = await runCode({ code: p.syntaxError, language: mode.id });
      assert.equal(r.json.status, 'Failed', r.text);
      // SandboxFusion reports a separate compile step only for junit; the others' build or check is the run.
      const failedStep = mode.sandboxFusionCompileResult ? r.json.compile_result : r.json.run_result;
      assert.notEqual(failedStep.return_code, 0);
      if (mode.sandboxFusionCompileResult) assert.equal(r.json.run_result, null);
      assert.equal(r.json.tests, null);
      assert.match(r.json.message, new RegExp(`^Compile error: .*:${p.syntaxLine}: `));
    });

    test(`${mode.id}: a test that never ends → Failed with TimeLimitExceeded`, async () => {
      const r = await runCode({ code: p.endless, language: mode.id, run_timeout: 5 });
      assert.equal(r.json.status, 'Failed', r.text);
      assert.equal(r.json.run_result.status, 'TimeLimitExceeded');
      assert.equal(r.json.run_result.return_code, null);
    });
  }

  test('jest takes TypeScript test files (as SandboxFusion\'s jest mode does), importing TypeScript files beside them', async () => {
    const files = { 'add.ts': Buffer.from('export function add(a: number, b: number): number {\n  return a + b;\n}\n').toString('base64') };
    const code = [
      "import { add } from './add';", '', 'interface Case { a: number; b: number; sum: number }', '',
      "describe('add', () => {", '  const cases: Case[] = [{ a: 1, b: 2, sum: 3 }, { a: 2, b: 2, sum: 5 }];', '  for (const c of cases) {',
      '    test(`${c.a} + ${c.b}`, () => {', '      expect(add(c.a, c.b)).toBe(c.sum);', '    });', '  }', '});', '',
    ].join('\n');
    const r = await runCode({ code, language: 'jest', files });
    assert.equal(r.json.status, 'Failed', r.text);
    assert.deepEqual([r.json.tests.passed, r.json.tests.failed], [1, 1]);
    const failing = r.json.tests.tests.find((t: { status: string }) => t.status === 'failed');
    assert.deepEqual([failing.suite, failing.name, failing.line], ['add', '2 + 2', 9]);
  });

  test('pytest takes SandboxFusion\'s args (here -k, selecting one test); files are written beside the test file', async () => {
    const files = { 'calc.py': Buffer.from('def add(a, b):\n    return a + b\n').toString('base64') };
    const code = 'from calc import add\n\ndef test_add():\n    assert add(1, 2) == 3\n\ndef test_wrong():\n    assert add(1, 2) == 4\n';
    const r = await runCode({ code, language: 'pytest', files, args: ['-k', 'test_add'] });
    assert.equal(r.json.status, 'Success', r.text);
    assert.equal(r.json.tests.passed, 1);
    assert.equal(r.json.tests.total, 1);
    const refused = await runCode({ code, language: 'junit', args: ['-x'] });
    assert.equal(refused.status, 400);
    assert.match(refused.json.error.message, /pytest mode/);
  });
});
