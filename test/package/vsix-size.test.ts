// The .vsix users download stays under 10 MB as languages are added: packaged here exactly as `npm run package`
// does (production bundles, .vscodeignore), in a copy of the package so that the working tree's dist/ is not
// touched while other tests use it. No Docker needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const LIMIT_BYTES = 10 * 1024 * 1024;
/** What building and packaging read: sources, the webview, what .vscodeignore lets into the package. */
const PACKAGE_INPUTS = ['src', 'webview', 'media', 'sandbox-images', 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'esbuild.mjs', 'tsconfig.json'];

function run(cwd: string, args: string[]): void {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, `${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

test(`dist/mplsandbox.vsix is under ${LIMIT_BYTES / 1024 / 1024} MB, without source maps`, { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mplsandbox-vsix-'));
  try {
    for (const name of PACKAGE_INPUTS) if (existsSync(join(root, name))) cpSync(join(root, name), join(dir, name), { recursive: true, filter: (p) => !p.endsWith('.map') });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    run(dir, ['esbuild.mjs', '--production']);
    const vsix = join(dir, 'dist', 'mplsandbox.vsix');
    run(dir, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '-o', vsix]);
    const listed = spawnSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: dir, encoding: 'utf8' }).stdout.split('\n');
    assert.deepEqual(listed.filter((f) => f.endsWith('.map')), [], 'no source map is packaged');
    assert.ok(listed.includes('dist/sandbox-core.js') && listed.includes('dist/critique-core.js'), 'the lazy bundles are packaged');
    const size = statSync(vsix).size;
    assert.ok(size < LIMIT_BYTES, `the .vsix is ${(size / 1024 / 1024).toFixed(2)} MB, over the ${LIMIT_BYTES / 1024 / 1024} MB limit`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
