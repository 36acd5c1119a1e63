#!/usr/bin/env node
// The one test command (`npm test`): prepares what the tests need, then runs every tier.
// Uses only Node built-ins so that it also works on a fresh clone before `npm ci`.
//   npm test                       everything: provisioning, build, typecheck, lint, then the unit, Docker,
//                                  corpora and VS Code tiers; a missing prerequisite fails the run
//   npm test -- --unit             only tests that need nothing but Node (no Docker engine needed)
//   npm test -- --docker           tests against a real Docker engine (images are built on first use)
//   npm test -- --corpora          tests over ../shared/corpora (MultiPL-E conformance needs Docker too)
//   npm test -- --cluster          the multi-host fault tests (test/cluster: replica hosts behind nginx; Docker)
//   npm test -- --vscode           the extension in a real VS Code (code-server; needs Docker)
//   npm test -- test/core/x        only the node:test files whose path contains one of the given strings
// Tier flags combine (--unit --docker). Outside the full run, a test whose prerequisite is absent is
// skipped with a one-line reason (test/support/tiers.ts). CI_FRESH=1 builds code-server from scratch
// into a new cache folder (scripts/provision-code-server.sh).
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const args = process.argv.slice(2);
const TIERS = ['unit', 'docker', 'corpora', 'cluster', 'vscode'];
const unknown = args.filter((a) => a.startsWith('--') && !TIERS.includes(a.slice(2)));
if (unknown.length) {
  console.error(`unknown option ${unknown.join(' ')}; tiers are ${TIERS.map((t) => `--${t}`).join(' ')}`);
  process.exit(2);
}
const chosen = TIERS.filter((t) => args.includes(`--${t}`));
const filters = args.filter((a) => !a.startsWith('--'));
const full = chosen.length === 0 && filters.length === 0;
const tiers = chosen.length ? chosen : TIERS;
const timings = [];

if (process.env.CI_FRESH === '1' && !process.env.MPLSANDBOX_CACHE_DIR) {
  process.env.MPLSANDBOX_CACHE_DIR = mkdtempSync(join(tmpdir(), 'mplsandbox-fresh-cache-'));
  console.log(`CI_FRESH=1: building code-server from scratch in ${process.env.MPLSANDBOX_CACHE_DIR}`);
}

/** Records a step's time, and ends the run when it failed (`why`: what went wrong, undefined when it did not). */
function finish(name, t0, why, exitCode, report) {
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  timings.push([name, secs]);
  if (why !== undefined) {
    console.error(`=== ${name}: FAILED after ${secs}s (${why})`);
    if (report && existsSync(report)) console.error(readFileSync(report, 'utf8').trim());
    process.exit(exitCode || 1);
  }
  console.log(`=== ${name}: ok (${secs}s)`);
}

function step(name, cmd, cmdArgs, opts = {}) {
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', ...opts });
  finish(name, t0, r.status !== 0 ? `exit ${r.status ?? r.signal}` : undefined, r.status, opts.report);
}

/** Like step(), but a run still going after `deadlineMs` is stopped: it names the test files whose processes are
 *  still alive (a file that never exits, say a server left listening, would otherwise keep node:test, and CI,
 *  waiting until CI's own limit), kills the whole process group and fails. */
async function stepWithDeadline(name, cmd, cmdArgs, deadlineMs, opts = {}) {
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  const child = spawn(cmd, cmdArgs, { stdio: 'inherit', detached: true, ...opts });
  let overdue = false;
  const timer = setTimeout(() => {
    overdue = true;
    const ps = spawnSync('ps', ['-o', 'pid=,etimes=,args=', '-g', String(child.pid)], { encoding: 'utf8' }).stdout ?? '';
    const files = [...new Set([...ps.matchAll(/(test\/\S+\.test\.ts)/g)].map((m) => m[1]))];
    console.error(`=== ${name}: still running after ${deadlineMs / 60_000} min; test files not finished: ${files.join(', ') || '(none found)'} (one whose tests all passed is kept alive by something it left open: a server, a socket, a timer)`);
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }, deadlineMs);
  // Its own process group, so that stopping it reaches every test file; Ctrl-C on us must reach them too.
  const forward = (signal) => { try { process.kill(-child.pid, signal); } catch { /* already gone */ } };
  process.on('SIGINT', forward).on('SIGTERM', forward);
  const status = await new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  clearTimeout(timer);
  process.off('SIGINT', forward).off('SIGTERM', forward);
  const why = overdue ? 'over its deadline' : status !== 0 ? `exit ${status}` : undefined;
  finish(name, t0, why, typeof status === 'number' ? status : 1);
}

function skip(name, reason) {
  console.log(`\n=== ${name}: skipped: ${reason}`);
  timings.push([name, 'skipped']);
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

function provision(mode) {
  const report = join(mkdtempSync(join(tmpdir(), 'mplsandbox-provision-')), 'report');
  const label = mode === '--npm-only' ? 'npm packages and build' : 'Docker engine, base image, npm packages, sandbox images, code-server';
  step(`provision (${label})`, 'bash', ['scripts/provision.sh', mode], { report, env: { ...process.env, MPLSANDBOX_PROVISION_REPORT: report } });
  rmSync(report, { force: true });
}

function dockerStatus() {
  const r = spawnSync(process.execPath, ['scripts/lib/probe-docker.mjs'], { encoding: 'utf8', timeout: 15_000 });
  return (r.stdout ?? '').trim() || 'the Docker probe failed';
}

if (full) provision('--for-tests');
else provision('--npm-only');
if (full) {
  step('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
  step('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
}

const docker = dockerStatus();
const env = {
  ...process.env,
  MPLSANDBOX_TEST_DOCKER: docker,
  ...(full ? { MPLSANDBOX_TEST_STRICT: '1' } : {}),
  ...(chosen.length ? { MPLSANDBOX_TEST_TIERS: chosen.filter((t) => t !== 'vscode').join(',') } : {}),
};
if (full && docker !== 'ok') {
  console.error(`=== the full run needs Docker, but ${docker}`);
  process.exit(1);
}

// Extension-host and UI tests run in a real VS Code (code-server); they have their own runner below.
const nodeTierSelected = tiers.some((t) => t !== 'vscode') || filters.length > 0;
if (nodeTierSelected) {
  const nodeTests = findTests('test')
    .filter((f) => !f.startsWith('test/extension/') && !f.startsWith('test/ui/'))
    .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
    .sort();
  if (nodeTests.length === 0) {
    console.error('no test files matched');
    process.exit(1);
  }
  const which = chosen.length ? chosen.filter((t) => t !== 'vscode').join(', ') : 'all tiers';
  // 40 minutes: the full node tier takes about 10 on this 2-core machine with the cluster tier's images built.
  await stepWithDeadline(`node:test (${nodeTests.length} files; ${which})`, process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...nodeTests], 40 * 60_000, { env });
}

if (tiers.includes('vscode') && filters.length === 0) {
  const name = 'VS Code extension-host and UI tests (code-server)';
  const paths = spawnSync('bash', ['scripts/provision-code-server.sh', '--print'], { encoding: 'utf8' }).stdout;
  const marker = /^MARKER=(.*)$/m.exec(paths)?.[1];
  const missing = docker !== 'ok' ? `${docker}; start Docker or run bash scripts/provision.sh`
    : !existsSync('/usr/bin/chromium') ? 'Chromium is not installed (apt-get install chromium, or bash scripts/provision.sh --for-tests)'
    : !full && !(marker && existsSync(marker)) ? 'code-server is not built (bash scripts/provision-code-server.sh, about 4 minutes)'
    : null;
  if (missing) skip(name, missing);
  else step(name, process.execPath, ['test/vscode/run.mjs'], { env });
}

console.log('\n=== times');
for (const [name, secs] of timings) console.log(`  ${secs.padStart(8)}${secs === 'skipped' ? '' : 's'}  ${name}`);
