import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { collectProjectFiles, ProjectLimitError } from '../../../src/core/projects/collect';
import { loadProject, projectFromFiles, ProjectPathError } from '../../../src/core/projects/project';
import { makeTree } from './project-fixtures';

describe('collectProjectFiles', () => {
  const tree = makeTree({
    '.gitignore': 'secret.txt\n*.log\n/generated/\n!keep.log\n',
    'main.py': 'import helper\n',
    'helper.py': 'def greet(): pass\n',
    'secret.txt': 'x',
    'debug.log': 'x',
    'keep.log': 'kept',
    'generated/out.py': 'x',
    'pkg/__init__.py': '',
    'pkg/.gitignore': 'local-only.py\n',
    'pkg/local-only.py': 'x',
    'pkg/generated/ok.py': 'not the root generated/',
    'node_modules/left-pad/index.js': 'x',
    'web/node_modules/react/index.js': 'x',
    '.git/config': 'x',
    '.venv/bin/python': 'x',
    'myenv/pyvenv.cfg': 'home = /usr/bin',
    'myenv/lib/site.py': 'x',
    '__pycache__/helper.cpython-311.pyc': 'x',
    'target/debug/app': 'x',
    'dist/bundle.js': 'x',
    'bin/tool.sh': 'echo tool',
  });
  after(() => tree.remove());

  it('honours .gitignore at every level and leaves out dependencies, environments, caches, outputs and VCS data', () => {
    const got = collectProjectFiles(tree.dir);
    assert.deepEqual(got.files.map((f) => f.path).sort(), ['.gitignore', 'bin/tool.sh', 'helper.py', 'keep.log', 'main.py', 'pkg/.gitignore', 'pkg/__init__.py', 'pkg/generated/ok.py']);
    for (const skipped of ['secret.txt', 'debug.log', 'generated/', 'pkg/local-only.py', 'node_modules/', 'web/node_modules/', '.git/', '.venv/', 'myenv/', '__pycache__/', 'target/', 'dist/']) {
      assert.ok(got.skipped.includes(skipped), `${skipped} should be reported as skipped: ${got.skipped.join(', ')}`);
    }
    assert.equal(got.totalBytes, got.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0));
  });

  it('copies the active file even when it is ignored', () => {
    const got = collectProjectFiles(tree.dir, { include: ['secret.txt'] });
    assert.ok(got.files.some((f) => f.path === 'secret.txt'));
  });

  it('refuses a project over the file-count limit, naming the limit and how to narrow it', () => {
    assert.throws(
      () => collectProjectFiles(tree.dir, { limits: { maxFiles: 3 } }),
      (err: unknown) => err instanceof ProjectLimitError && err.limit === 'maxFiles' && /more than 3 files/.test(err.message) && /\.gitignore/.test(err.message) && /--single-file/.test(err.message),
    );
  });

  it('refuses a project over the total-size limit', () => {
    assert.throws(
      () => collectProjectFiles(tree.dir, { limits: { maxBytes: 20 } }),
      (err: unknown) => err instanceof ProjectLimitError && err.limit === 'maxBytes' && /total-size limit/.test(err.message) && /--project DIR/.test(err.message),
    );
  });
});

describe('loadProject', () => {
  const tree = makeTree({ 'app/requirements.txt': '', 'app/src/main.py': 'print(1)\n', 'other/x.py': '' });
  after(() => tree.remove());

  it('finds the root and names the entry relative to it', () => {
    const p = loadProject(`${tree.dir}/app/src/main.py`, { boundary: tree.dir });
    assert.equal(p.root, `${tree.dir}/app`);
    assert.equal(p.marker, 'requirements.txt');
    assert.equal(p.entry, 'src/main.py');
    assert.deepEqual(p.files.map((f) => f.path).sort(), ['requirements.txt', 'src/main.py']);
  });

  it('refuses a --project folder that does not contain the file', () => {
    assert.throws(() => loadProject(`${tree.dir}/app/src/main.py`, { projectDir: `${tree.dir}/other` }), ProjectPathError);
  });
});

describe('projectFromFiles', () => {
  it('adds the code as the entry and keeps the given files', () => {
    const p = projectFromFiles({ 'helper.py': 'x = 1\n', 'pkg/a.py': '' }, 'main.py', { entryContent: 'import helper\n' });
    assert.deepEqual(p.files.map((f) => f.path), ['helper.py', 'pkg/a.py', 'main.py']);
    assert.equal(p.entry, 'main.py');
  });

  it('rejects paths that leave the work dir', () => {
    for (const bad of ['/etc/passwd', '../x', 'a/../../x', 'a//b', 'C:\\x']) {
      assert.throws(() => projectFromFiles({ [bad]: 'x' }, 'main.py', { entryContent: '' }), ProjectPathError, bad);
    }
  });

  it('applies the limits to a files map', () => {
    assert.throws(() => projectFromFiles({ a: 'x', b: 'y' }, 'a', { limits: { maxFiles: 1 } }), ProjectLimitError);
  });
});
