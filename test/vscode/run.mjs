#!/usr/bin/env node
// Tests the extension inside a real VS Code (code-server 4.139 = VS Code 1.139), called by `npm test`:
//   1. code-server built (scripts/provision-code-server.sh, quick when already there)
//   2. `npm run package` -> dist/mplsandbox.vsix, and the mocha suite bundled to dist/test/extension/
//   3. the mocha suite (test/extension/**/*.test.ts) in the real extension host (smoke-test driver)
//   4. the Playwright UI tests (test/ui/*.ui.mjs) against code-server with the .vsix installed;
//      screenshots of each step in test-artifacts/screenshots/<test>/
// Logs: test-artifacts/vscode/. Every wait is bounded; code-server and Chromium are always stopped.
//   node test/vscode/run.mjs                 everything
//   node test/vscode/run.mjs --ext           only the extension-host suite    (--grep <regexp> to filter it)
//   node test/vscode/run.mjs --ui [smoke]    only the UI tests (whose file name contains one of the words)
//   --no-package                             reuse dist/ as it is
// Bounds: MPLSANDBOX_EXT_TESTS_TIMEOUT_MS (suite, default 600 s), MPLSANDBOX_VSCODE_TESTS_TIMEOUT_MS (all, 1500 s): watchdogs against a hung workbench, far above a normal run (about 1 min) so that a loaded machine does not trip them.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureCodeServer, projectRoot } from './code-server.mjs';
import { buildExtensionTests } from './build-tests.mjs';
import { runExtensionTests } from './extension-tests.mjs';
import { runUiTests } from './ui-tests.mjs';

const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const grepAt = args.indexOf('--grep');
const grep = grepAt >= 0 ? args[grepAt + 1] : undefined;
const filters = args.filter((a, i) => !a.startsWith('--') && !(grepAt >= 0 && i === grepAt + 1));
const onlyExt = flag('--ext');
const onlyUi = flag('--ui');
const runExt = !onlyUi || onlyExt;
const runUi = !onlyExt || onlyUi;

const ARTIFACTS = join(projectRoot, 'test-artifacts');
const VSIX = join(projectRoot, 'dist', 'mplsandbox.vsix');
const WATCHDOG_MS = Number(process.env.MPLSANDBOX_VSCODE_TESTS_TIMEOUT_MS || 1_500_000);

process.chdir(projectRoot);
const t0 = Date.now();
const secs = (t) => ((Date.now() - t) / 1000).toFixed(1);
const rel = (p) => relative(projectRoot, p);

// Whatever happens, never hang CI: the 'exit' handlers of code-server.mjs kill the process groups.
const watchdog = setTimeout(() => {
  console.error(`VS Code tests: watchdog fired after ${WATCHDOG_MS / 1000}s, aborting`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

function run(name, cmd, cmdArgs) {
  const t = Date.now();
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) {
    console.error(`${name} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    process.exit(1);
  }
  console.log(`${name}: ok (${secs(t)}s)`);
}

let t = Date.now();
ensureCodeServer();
console.log(`code-server: ok (${secs(t)}s)`);

if (!flag('--no-package') || !existsSync(VSIX)) {
  run('package (npm run package -> dist/mplsandbox.vsix)', 'npm', ['run', '--silent', 'package']);
}
t = Date.now();
const tests = await buildExtensionTests();
console.log(`bundle extension tests (${tests.files} files -> ${rel(tests.outDir)}): ok (${secs(t)}s)`);

let failed = false;
if (runExt) {
  t = Date.now();
  const dir = join(ARTIFACTS, 'vscode', 'extension-host');
  rmSync(dir, { recursive: true, force: true });
  console.log('\nextension-host tests (mocha in code-server):');
  const timeoutMs = Number(process.env.MPLSANDBOX_EXT_TESTS_TIMEOUT_MS || 600_000);
  const code = await runExtensionTests({ testsEntry: tests.entry, artifactsDir: dir, grep, timeoutMs });
  console.log(`extension-host tests: ${code === 0 ? 'ok' : `FAILED (exit ${code}), logs in ${rel(dir)}`} (${secs(t)}s)`);
  if (code !== 0) failed = true;
}
if (runUi) {
  t = Date.now();
  console.log('\nUI tests (Playwright + Chromium against code-server with the .vsix installed):');
  const r = await runUiTests({
    vsix: VSIX,
    artifactsDir: join(ARTIFACTS, 'vscode', 'ui'),
    screenshotsDir: join(ARTIFACTS, 'screenshots'),
    filters,
  });
  const summary = `${r.passed} passed${r.failed.length ? `, ${r.failed.length} FAILED (${r.failed.join(', ')})` : ''}`;
  console.log(`UI tests: ${summary} (${secs(t)}s)`);
  if (r.failed.length) failed = true;
}
console.log(`\nVS Code tests: ${failed ? 'FAILED' : 'ok'} in ${secs(t0)}s`);
process.exit(failed ? 1 : 0);
