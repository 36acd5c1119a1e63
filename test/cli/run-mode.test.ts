// `mplsandbox run --mode`: SandboxFusion's test-framework modes from the command line, against real Docker. For
// each mode, a passing file, 1 failing of 3, a syntax error and a test that never ends; the JSON has the
// framework's counts, the report names the failing test.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { needs } from '../support/tiers';
import { TEST_MODES } from '../../src/core/languages/test-modes';
import { MODE_PROGRAMS } from '../support/test-mode-programs';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'src', 'cli', 'main.ts');
const dir = mkdtempSync(join(tmpdir(), 'mplsandbox-mode-'));

function mplsandbox(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const sub = mkdtempSync(join(dir, 'f-'));
  const p = join(sub, name);
  writeFileSync(p, content);
  return p;
}

test('--mode: an unknown mode, another language, cases or a project are usage errors', () => {
  const f = file('test_x.py', 'def test_x():\n    pass\n');
  const unknown = mplsandbox(['run', '--mode', 'mocha', f]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown --mode 'mocha'; modes: pytest, jest, junit, go_test/);
  const lang = mplsandbox(['run', '--mode', 'pytest', '--lang', 'ruby', f]);
  assert.equal(lang.code, 2);
  assert.match(lang.stderr, /--mode pytest runs python test files/);
  const cases = mplsandbox(['run', '--mode', 'pytest', '--cases', f, f]);
  assert.equal(cases.code, 2);
  assert.match(cases.stderr, /leave out --cases/);
});

describe('run --mode (real Docker)', { timeout: 1_200_000, ...needs('docker') }, () => {
  for (const mode of TEST_MODES) {
    const p = MODE_PROGRAMS[mode.id];
    const json = (code: string, extra: string[] = []) => {
      const r = mplsandbox(['run', '--mode', mode.id, '--json', ...extra, file(p.fileName, code)]);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout);
    };

    test(`${mode.id}: passing, 1 of 3 failing, a syntax error, a test that never ends`, () => {
      const passing = json(p.passing);
      assert.equal(passing.status, 'Accepted', passing.message);
      assert.equal(passing.tests.passed, 2);
      assert.equal(passing.tests.total, 2);

      const failing = json(p.oneFailing);
      assert.equal(failing.status, 'WrongAnswer', failing.message);
      assert.equal(failing.tests.failed, 1);
      assert.equal(failing.tests.passed, 2);
      // The failing test is a diagnostic on the user's file, at the line the framework names.
      assert.deepEqual(
        failing.diagnostics.map((d: { file: string; line: number; source: string }) => [d.file, d.line, d.source]),
        [[p.fileName, p.failingLine, mode.id]],
      );

      const syntax = json(p.syntaxError);
      assert.equal(syntax.status, 'CompileError', syntax.message);
      assert.ok(syntax.diagnostics.some((d: { file: string; line: number }) => d.file === p.fileName && d.line === p.syntaxLine), JSON.stringify(syntax.diagnostics));

      const endless = json(p.endless, ['--timeout', '5']);
      assert.equal(endless.status, 'TimeLimitExceeded', endless.message);
    });

    test(`${mode.id}: the report for people names the failing test and the counts`, () => {
      const r = mplsandbox(['run', '--mode', mode.id, file(p.fileName, p.oneFailing)]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(`FAILED`) && r.stdout.includes(`${p.failingName} (line ${p.failingLine})`), r.stdout);
      assert.match(r.stdout, /── WrongAnswer · tests: 2 passed, 1 failed, 0 errored, 0 skipped/);
    });
  }
});
