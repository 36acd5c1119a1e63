// `images build --used-in DIR` picks the images that `npm start` builds before the demo opens (the others
// are built when a run first needs them): the languages of DIR's files, read as a project is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { languagesUsedIn } from '../../src/cli/commands/images';
import { UsageError } from '../../src/cli/cli-types';
import { LANGUAGES } from '../../src/core/languages/registry';
import { makeTree } from '../core/projects/project-fixtures';

const folder = (files: Record<string, string>) => makeTree(files).dir;

test('the languages of the files, in registry order; ignored, vendored and non-source files add none', () => {
  const dir = folder({
    'main.rs': 'fn main() {}\n',
    'a.py': 'print(1)\n',
    'pkg/util.go': 'package pkg\n',
    'notes.md': '# notes\n',
    'node_modules/left-pad/index.js': 'module.exports = 1;\n',
    '.gitignore': 'generated/\n',
    'generated/out.rb': 'puts 1\n',
  });
  assert.deepEqual(languagesUsedIn(dir).map((l) => l.id), ['python', 'go', 'rust']);
});

test('a folder without source files needs no image', () => {
  assert.deepEqual(languagesUsedIn(folder({ 'README.md': 'hi\n' })), []);
});

test('a missing folder is a usage error naming it', () => {
  assert.throws(() => languagesUsedIn('/nonexistent/mplsandbox-demo'), (err: unknown) => err instanceof UsageError && /--used-in \/nonexistent\/mplsandbox-demo: no such folder/.test(err.message));
});

test('the demo folder that npm start opens needs the images of its sample programs', () => {
  const examples = resolve(__dirname, '..', '..', 'examples');
  const ids: string[] = languagesUsedIn(examples).map((l) => l.id);
  for (const id of ['python', 'cpp', 'go']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
  assert.ok(ids.length < LANGUAGES.length, `only the images its programs need, not all of them: ${ids.join(', ')}`);
});
