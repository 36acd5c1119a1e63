// Runs the mocha suite (dist/test/extension/index.js) inside the extension host of a real VS Code
// (code-server with the smoke-test driver): the workbench loads the project as an extension under
// development, runs the suite's run(), and reports the exit code through window.codeAutomationExit.
import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer, projectRoot } from './code-server.mjs';
import { launchBrowser } from './browser.mjs';

const REPORT_PREFIX = '[mocha] ';

/**
 * @param {object} o
 * @param {string} o.testsEntry  bundled suite entry (exports run())
 * @param {string} o.artifactsDir  logs go here
 * @param {string} [o.workspace]  folder opened in the window (default examples/)
 * @param {string} [o.grep]  only tests whose title matches (MPLSANDBOX_TEST_GREP)
 * @param {number} [o.timeoutMs]  whole run, from page load to codeAutomationExit
 * @returns {Promise<number>} the extension host's exit code (0 = all passed)
 */
export async function runExtensionTests({ testsEntry, artifactsDir, workspace = 'examples', grep, timeoutMs = 180_000 }) {
  mkdirSync(artifactsDir, { recursive: true });
  const consoleLog = join(artifactsDir, 'browser-console.log');
  const windowLog = join(artifactsDir, 'window.log');
  writeFileSync(consoleLog, '');
  writeFileSync(windowLog, '');
  const cs = await startCodeServer({
    workspace,
    extensionDevelopmentPath: projectRoot,
    extensionTestsPath: testsEntry,
    smokeTestDriver: true,
    logFile: join(artifactsDir, 'code-server.log'),
    env: grep ? { MPLSANDBOX_TEST_GREP: grep } : {},
  });
  let browser;
  let sawReport = false;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext();
    const page = await context.newPage();
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    // The workbench's log (window + forwarded extension-host console) in smoke-test mode.
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      const text = String(message);
      appendFileSync(windowLog, `[${level}] ${text}\n`);
      if (text.startsWith(REPORT_PREFIX)) {
        sawReport = true;
        console.log(`  ${text.slice(REPORT_PREFIX.length)}`);
      } else if (level === 'error' && /extension|mplsandbox/i.test(text)) {
        console.log(`  [workbench ${level}] ${text.split('\n')[0]}`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      const dir = join(artifactsDir, 'logs');
      for (const l of Array.isArray(logs) ? logs : []) {
        if (!l?.relativePath || String(l.relativePath).includes('..')) continue;
        const file = join(dir, l.relativePath);
        mkdirSync(join(file, '..'), { recursive: true });
        writeFileSync(file, String(l.contents ?? ''));
      }
      exit({ code: Number(code) });
    });
    page.on('console', (m) => appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => appendFileSync(consoleLog, `[pageerror] ${e.stack ?? e.message}\n`));
    page.on('crash', () => exit({ code: 1, reason: 'the browser page crashed' }));

    await page.goto(cs.url, { waitUntil: 'domcontentloaded' });
    const timer = new Promise((resolve) => setTimeout(() => resolve({ code: 1, reason: `no codeAutomationExit within ${timeoutMs / 1000}s` }), timeoutMs));
    const result = await Promise.race([exited, timer]);
    if (result.reason) {
      console.log(`  extension-host tests: ${result.reason}`);
      await page.screenshot({ path: join(artifactsDir, 'timeout.png') }).catch(() => {});
    }
    if (result.code !== 0 && !sawReport) {
      console.log(`  the suite printed nothing: see ${artifactsDir}/ (window.log, logs/, code-server.log). Last lines of code-server.log:`);
      console.log(cs.output().split('\n').slice(-15).map((l) => `    ${l}`).join('\n'));
    }
    return result.code;
  } finally {
    await browser?.close();
    await cs.stop();
  }
}
