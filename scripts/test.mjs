#!/usr/bin/env node
// The one test command (`npm test`): prepares what the tests need, then runs every suite.
// Uses only Node built-ins so that it also works on a fresh clone before `npm ci`.
//   npm test                  everything (provisioning, build, typecheck, lint, unit + Docker tests, VS Code tests)
//   npm test -- --unit        only the node:test suites
//   npm test -- test/core/x   only the node:test files whose path contains one of the given strings
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const filters = args.filter((a) => !a.startsWith('--'));

function step(name, cmd, cmdArgs, opts = {}) {
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', ...opts });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`=== ${name}: FAILED after ${secs}s (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.log(`=== ${name}: ok (${secs}s)`);
}

function findTests(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

if (!unitOnly && filters.length === 0) {
  step('provision (Docker engine, base image, npm packages, sandbox images, code-server)', 'bash', ['scripts/provision.sh', '--for-tests']);
}
step('build', process.execPath, ['esbuild.mjs']);
if (!unitOnly && filters.length === 0) {
  step('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
  step('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
}

// Extension-host and UI tests run in a real VS Code (code-server); they have their own runner below.
const nodeTests = findTests('test')
  .filter((f) => !f.startsWith('test/extension/') && !f.startsWith('test/ui/'))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (nodeTests.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
step(`node:test (${nodeTests.length} files)`, process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...nodeTests]);

if (!unitOnly && filters.length === 0 && existsSync('test/vscode/run.mjs')) {
  step('VS Code extension-host and UI tests (code-server)', process.execPath, ['test/vscode/run.mjs']);
}
