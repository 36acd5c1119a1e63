import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { findProjectRoot } from '../../../src/core/projects/root';
import { makeTree } from './project-fixtures';

describe('findProjectRoot', () => {
  const tree = makeTree({
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'repo/svc/pyproject.toml': '[project]\nname = "svc"\n',
    'repo/svc/pkg/deep/mod.py': 'print(1)\n',
    'repo/tools/run.sh': 'echo hi\n',
    'repo/app/App.csproj': '<Project/>',
    'repo/app/src/Program.cs': 'class P {}',
    'loose/a/b/c.py': 'print(2)\n',
  });
  after(() => tree.remove());
  const p = (rel: string) => join(tree.dir, rel);

  it('takes the nearest folder with a manifest', () => {
    assert.deepEqual(findProjectRoot(p('repo/svc/pkg/deep/mod.py')), { root: p('repo/svc'), marker: 'pyproject.toml' });
  });

  it('falls back to a .git folder above', () => {
    assert.deepEqual(findProjectRoot(p('repo/tools/run.sh')), { root: p('repo'), marker: '.git' });
  });

  it('recognises a *.csproj', () => {
    assert.deepEqual(findProjectRoot(p('repo/app/src/Program.cs')), { root: p('repo/app'), marker: 'App.csproj' });
  });

  it('stops at the boundary, and without a marker the file is its folder', () => {
    assert.deepEqual(findProjectRoot(p('repo/svc/pkg/deep/mod.py'), { boundary: p('repo/svc/pkg') }), { root: p('repo/svc/pkg/deep'), marker: 'folder' });
    assert.deepEqual(findProjectRoot(p('loose/a/b/c.py'), { boundary: p('loose') }), { root: p('loose/a/b'), marker: 'folder' });
  });

  it('includes the boundary itself in the search', () => {
    assert.deepEqual(findProjectRoot(p('repo/svc/pkg/deep/mod.py'), { boundary: p('repo/svc') }), { root: p('repo/svc'), marker: 'pyproject.toml' });
  });

  it('a file outside the boundary is its own folder', () => {
    assert.deepEqual(findProjectRoot(p('repo/tools/run.sh'), { boundary: p('loose') }), { root: p('repo/tools'), marker: 'folder' });
  });
});
