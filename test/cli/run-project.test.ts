// `mplsandbox run FILE --project DIR` and `--single-file`: the project's files go into the sandbox (or
// only FILE), diagnostics name the project's files relative to its root, and a project over the limits
// is refused with the limit and how to narrow it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { needs } from '../support/tiers';
import { makeTree } from '../core/projects/project-fixtures';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'src', 'cli', 'main.ts');
const project = makeTree({
  'app/main.py': 'from helper import greet\nprint(greet("cli"))\n',
  'app/helper.py': 'def greet(name):\n    return "hello, " + nam\n',
  'app/notes.txt': 'x',
});
after(() => project.remove());

function mplsandbox(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('--project runs the file with its project; an error in another file is reported on that file', needs('docker'), () => {
  const r = mplsandbox(['run', join(project.dir, 'app/main.py'), '--project', project.dir, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.status, 'RuntimeError');
  assert.ok(out.diagnostics.some((d: { file: string; line: number; message: string }) => d.file === 'app/helper.py' && d.line === 2 && /NameError/.test(d.message)), JSON.stringify(out.diagnostics));
});

test('--single-file copies only the file', needs('docker'), () => {
  const r = mplsandbox(['run', join(project.dir, 'app/main.py'), '--single-file', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.status, 'RuntimeError');
  assert.match(out.run.stderr, /ModuleNotFoundError: No module named 'helper'/);
});

test('a project over the limits is refused with the limit and how to narrow it (exit 2)', () => {
  const r = mplsandbox(['run', join(project.dir, 'app/main.py'), '--project', project.dir, '--max-files', '2']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /more than 2 files \(the file-count limit, maxFiles\)/);
  assert.match(r.stderr, /\.gitignore.*--project DIR.*--single-file/);
  const outside = mplsandbox(['run', join(project.dir, 'app/main.py'), '--project', join(project.dir, 'elsewhere')]);
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, /does not exist or is not a folder/);
});
