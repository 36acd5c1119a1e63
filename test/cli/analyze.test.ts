// `mplsandbox analyze`: usage errors, basic analysis as JSON (no container), and a linter's finding in the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { needs } from '../support/tiers';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'src', 'cli', 'main.ts');
const dir = mkdtempSync(join(tmpdir(), 'mplsandbox-analyze-'));

function mplsandbox(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const PROGRAM = 'import os\n\n\ndef square(n):\n    unused = 1\n    if n > 2:\n        return n * n\n    return 0\n\n\nprint(square(int(input())))\n';

test('usage errors exit 2', () => {
  assert.equal(mplsandbox(['analyze']).code, 2);
  const only = mplsandbox(['analyze', file('a.py', PROGRAM), '--only', 'basic,style']);
  assert.equal(only.code, 2);
  assert.match(only.stderr, /--only takes basic,smell,bug,coverage,efficiency/);
  const lang = mplsandbox(['analyze', file('b.py', PROGRAM), '--lang', 'brainfuck']);
  assert.equal(lang.code, 2);
  assert.match(lang.stderr, /unknown language 'brainfuck'/);
});

test('--only basic --json: structure and metrics without a container', () => {
  const r = mplsandbox(['analyze', file('square.py', PROGRAM), '--only', 'basic', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.equal(result.language, 'python');
  assert.equal(result.file, 'square.py');
  assert.deepEqual(Object.keys(result.sections), ['basic']);
  const square = result.sections.basic.functions[0];
  assert.deepEqual([square.name, square.line, square.complexity], ['square', 4, 2]);
  assert.deepEqual(result.sections.basic.imports, [{ text: 'import os', line: 1 }]);
});

test('smell and coverage in the sandbox, as a report', needs('docker'), () => {
  const cases = file('cases.json', JSON.stringify({ inputs: ['3\n'], outputs: ['9\n'] }));
  const r = mplsandbox(['analyze', file('square2.py', PROGRAM), '--only', 'smell,coverage', '--cases', cases]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /── smell \(pylint\)/);
  assert.match(r.stdout, /square2\.py:5:5: warning: Unused variable 'unused' \(unused-variable\) \[W0612\] \(pylint\)/);
  assert.match(r.stdout, /case 1 \(passed\): \d+% of lines; missed 8/);
});

test('the limit flags of run: a bad value exits 2, --timeout 2 stops a 5 s program', needs('docker'), () => {
  const slow = file('slow.py', 'import time\ntime.sleep(5)\nprint("done")\n');
  const bad = mplsandbox(['analyze', slow, '--only', 'efficiency', '--timeout', '0']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--timeout takes a positive number, got '0'/);
  const r = mplsandbox(['analyze', slow, '--only', 'efficiency', '--timeout', '2', '--memory', '128', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.equal(result.sections.efficiency.cases[0].status, 'TimeLimitExceeded');
  assert.equal(result.limits.run.timeoutMs, 2000);
  assert.equal(result.limits.run.memoryBytes, 128 * 1024 * 1024);
});
