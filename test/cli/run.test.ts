// The CLI contract of `mplsandbox run` (scripts depend on it): exit codes, the --json shape, stdin
// input, test cases and MPLSandbox requests. Runs the real CLI against the real Docker engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { needs } from '../support/tiers';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'src', 'cli', 'main.ts');
const dir = mkdtempSync(join(tmpdir(), 'mplsandbox-cli-'));

function mplsandbox(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

test('usage errors exit 2 with a one-line reason', () => {
  const none = mplsandbox(['run']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /expected exactly one FILE/);

  const missing = mplsandbox(['run', join(dir, 'does-not-exist.py')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read program .*ENOENT/);

  const lang = mplsandbox(['run', file('a.py', 'print(1)\n'), '--lang', 'brainfuck']);
  assert.equal(lang.code, 2);
  assert.match(lang.stderr, /unknown language 'brainfuck'; supported: python, javascript/);

  const timeout = mplsandbox(['run', file('b.py', 'print(1)\n'), '--timeout', 'soon']);
  assert.equal(timeout.code, 2);
  assert.match(timeout.stderr, /--timeout takes a positive number/);

  const cases = mplsandbox(['run', file('c.py', 'print(1)\n'), '--cases', file('bad.json', '{"inputs": ["1"]}')]);
  assert.equal(cases.code, 2);
  assert.match(cases.stderr, /cases file/);
});

test('an unreachable Docker engine exits 3 and says how to start it', () => {
  const r = mplsandbox(['run', file('d.py', 'print(1)\n')], { env: { DOCKER_HOST: `unix://${join(dir, 'no-docker.sock')}` } });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /Docker is not running .*Start it/);
  assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
});

test('--json prints the stable result object; a wrong answer still exits 0', needs('docker'), () => {
  const prog = file('sum.py', 'a, b = map(int, input().split())\nprint(a + b)\n');
  const cases = file('sum.cases.json', JSON.stringify({ inputs: ['1 2\n', '5 5\n'], outputs: ['3\n', '11\n'] }));
  const r = mplsandbox(['run', prog, '--cases', cases, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  for (const key of ['language', 'status', 'compile', 'run', 'cases', 'correctRate', 'reward', 'diagnostics']) assert.ok(key in out, key);
  assert.equal(out.language, 'python');
  assert.equal(out.status, 'WrongAnswer');
  assert.equal(out.correctRate, 0.5);
  assert.equal(out.reward, -0.3);
  assert.deepEqual(
    out.cases.map((c: { passed: boolean; actual: string; status: string }) => [c.passed, c.actual, c.status]),
    [
      [true, '3\n', 'Accepted'],
      [false, '10\n', 'WrongAnswer'],
    ],
  );
  for (const key of ['exitCode', 'signal', 'stdout', 'stderr', 'durationMs', 'peakMemoryBytes', 'truncated']) assert.ok(key in out.run, `run.${key}`);
});

test("FILE '-' reads the program from stdin; the language comes from its content", needs('docker'), () => {
  const r = mplsandbox(['run', '-', '--lang', 'python'], { input: 'import sys\nprint("from stdin", file=sys.stderr)\nprint(6 * 7)\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^42$/m);
  assert.match(r.stdout, /from stdin/);
  assert.match(r.stdout, /── Accepted/);
});

test('a compile error is judged (exit 0) with a diagnostic on the right line', needs('docker'), () => {
  const r = mplsandbox(['run', file('broken.py', 'x = 1\nif x == 1\n    print(x)\n'), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.status, 'CompileError');
  assert.equal(out.reward, -1);
  assert.ok(out.diagnostics.some((d: { line: number; file: string }) => d.line === 2 && d.file === 'broken.py'), JSON.stringify(out.diagnostics));
});

test('--request takes an MPLSandbox request and prints an MPLSandbox result', needs('docker'), () => {
  const req = file(
    'req.json',
    JSON.stringify({
      question: 'Print the sum of two numbers.',
      code: 'a, b = map(int, input().split())\nprint(a + b)\n',
      unit_cases: { inputs: ['1 2', '3 4'], outputs: ['3', '7'] },
      lang: 'AUTO',
    }),
  );
  const r = mplsandbox(['run', '--request', req]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.reward, 1);
  assert.equal(out.correct_rate, 1);
  assert.equal(out.language, 'python');
  assert.ok(Array.isArray(out.compiler_feedback));
});

test('--request with analysis_type fills MPLSandbox analysis keys as text reports', needs('docker'), () => {
  const req = file(
    'req-analysis.json',
    JSON.stringify({
      code: 'import os\nn = int(input())\nprint(n * 2)\n',
      unit_cases: { inputs: ['2'], outputs: ['4'] },
      lang: 'python',
      analysis_type: ['code_basic_analysis', 'code_smell_analysis', 'unit_test_analysis'],
    }),
  );
  const r = mplsandbox(['run', '--request', req]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.reward, 1);
  assert.match(out.code_basic_analysis, /lines: 3 \(code 3/);
  // pylint's unused-import at line 1, by its rule id.
  assert.match(out.code_smell_analysis, /:1:\d+: \w+: .*\[W0611\] \(pylint\)/);
  assert.match(out.unit_test_analysis, /case 1 \(passed\): 100% of lines/);
  assert.ok(!('code_bug_analysis' in out), 'only the keys asked for');

  const bad = mplsandbox(['run', '--request', req, '--analysis', 'everything']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /analysis_type must be "all" or one of code_basic_analysis/);
});

test("--version prints package.json's version", () => {
  const r = mplsandbox(['--version']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
});
