// Runs the Playwright UI tests (test/ui/*.ui.mjs, or *.ui.ts through tsx) against code-server with the
// packaged .vsix installed: one code-server for the run, a fresh browser context per test file.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCodeServer, projectRoot } from './code-server.mjs';
import { launchBrowser } from './browser.mjs';
import { createScreenshots, workbench } from '../ui/helpers.mjs';

export function findUiTests(dir = join(projectRoot, 'test', 'ui'), filters = []) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ui\.(mjs|js|ts)$/.test(f))
    .map((f) => join(dir, f))
    .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
    .sort();
}

/**
 * @param {object} o
 * @param {string} o.vsix  packaged extension to install
 * @param {string} o.artifactsDir  logs (code-server, browser console) go here
 * @param {string} o.screenshotsDir  <test>/<NN>-<step>.png
 * @param {string[]} [o.filters]  only test files whose path contains one of these
 * @param {number} [o.testTimeoutMs]  per test file
 * @returns {Promise<{passed: number, failed: string[]}>}
 */
export async function runUiTests({ vsix, artifactsDir, screenshotsDir, filters = [], testTimeoutMs = 120_000, workspace = 'examples' }) {
  const files = findUiTests(undefined, filters);
  if (files.length === 0) return { passed: 0, failed: [] };
  if (files.some((f) => f.endsWith('.ts'))) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  mkdirSync(artifactsDir, { recursive: true });
  rmSync(screenshotsDir, { recursive: true, force: true });
  mkdirSync(screenshotsDir, { recursive: true });

  // The .vsix is installed with the CLI of the same code-server build before the server starts.
  const cs = await startCodeServer({ workspace, install: vsix, logFile: join(artifactsDir, 'code-server.log') });
  let browser;
  const failed = [];
  let passed = 0;
  try {
    browser = await launchBrowser();
    for (const file of files) {
      const name = relative(join(projectRoot, 'test', 'ui'), file).replace(/\.ui\.(mjs|js|ts)$/, '');
      const mod = await import(pathToFileURL(file).href);
      const t0 = Date.now();
      console.log(`  ${name}${mod.description ? `: ${mod.description}` : ''}`);
      const context = await browser.newContext();
      const page = await context.newPage();
      const consoleLog = join(artifactsDir, `${name}.browser-console.log`);
      writeFileSync(consoleLog, '');
      page.on('console', (m) => appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
      page.on('pageerror', (e) => appendFileSync(consoleLog, `[pageerror] ${e.stack ?? e.message}\n`));
      const shot = createScreenshots(page, screenshotsDir, name);
      const t = { page, context, workbench: workbench(page), shot, codeServer: cs, log: (...a) => console.log('   ', ...a) };
      let timer;
      try {
        await Promise.race([
          mod.default(t),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${testTimeoutMs / 1000}s`)), testTimeoutMs))),
        ]);
        passed += 1;
        console.log(`    ✔ ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s, ${shot.all.length} screenshot(s) in ${relative(projectRoot, shot.folder)})`);
      } catch (e) {
        failed.push(name);
        await shot('failure').catch(() => {});
        console.log(`    ✘ ${name}: ${e?.stack ?? e}`);
        console.log(`      screenshots: ${relative(projectRoot, shot.folder)}, browser console: ${relative(projectRoot, consoleLog)}`);
      } finally {
        clearTimeout(timer);
        await context.close().catch(() => {});
      }
    }
  } finally {
    await browser?.close();
    await cs.stop();
  }
  return { passed, failed };
}
