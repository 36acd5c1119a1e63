// Helpers for the Playwright UI tests (test/ui/*.ui.mjs) that drive VS Code's workbench in code-server.
// A UI test module exports `default async function (t)` with t = { page, workbench, shot, codeServer, log },
// and optionally `description`. test/vscode/ui-tests.mjs runs each in a fresh browser context.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Screenshot helper: shot('palette open') writes <dir>/<testName>/01-palette-open.png (numbered in order).
 * Returns the file's path. `shot.all` lists what was saved.
 */
export function createScreenshots(page, dir, testName) {
  const folder = join(dir, slug(testName));
  mkdirSync(folder, { recursive: true });
  let n = 0;
  const all = [];
  const shot = async (step, { fullPage = false, locator } = {}) => {
    n += 1;
    const file = join(folder, `${String(n).padStart(2, '0')}-${slug(step)}.png`);
    if (locator) await locator.screenshot({ path: file, timeout: 10_000 });
    else await page.screenshot({ path: file, fullPage, timeout: 10_000 });
    all.push(file);
    return file;
  };
  shot.all = all;
  shot.folder = folder;
  return shot;
}

export function slug(s) {
  return String(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'step';
}

/** Locators and actions on VS Code's workbench. Every wait is bounded (Playwright's default 30 s or `timeout`). */
export function workbench(page) {
  const wb = {
    root: page.locator('.monaco-workbench'),
    statusBar: page.locator('.part.statusbar'),
    panel: page.locator('.part.panel'),
    quickInput: page.locator('.quick-input-widget'),
    notifications: page.locator('.notifications-toasts .notification-toast'),

    /** Opens the workbench at `url` and waits until it is laid out and shows the workspace. */
    async open(url, { timeout = 60_000 } = {}) {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
      await wb.waitReady({ timeout });
    },

    /** Waits until the workbench is laid out and the explorer shows the folder (remote connection up). */
    async waitReady({ timeout = 60_000 } = {}) {
      await wb.root.waitFor({ state: 'visible', timeout });
      await wb.statusBar.waitFor({ state: 'visible', timeout });
      // The explorer's tree exists once the remote file system answered (rows only when the folder has files).
      await page.locator('.part.sidebar .explorer-folders-view').first().waitFor({ state: 'attached', timeout });
      await page.locator('.part.sidebar .explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
    },

    /** Opens the command palette (F1) and returns its input. */
    async openCommandPalette() {
      await wb.root.focus().catch(() => {});
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      return input;
    },

    /**
     * Runs a command by its palette title (e.g. 'MPLSandbox: Show Sandbox Log'). `beforeRun` sees the filtered
     * palette (for screenshots). Retries until `timeout`: right after the window loads, the palette can open
     * before the remote extension host has registered the extensions' contributions.
     */
    async runCommand(title, { beforeRun, timeout = 30_000 } = {}) {
      const deadline = Date.now() + timeout;
      const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
      for (;;) {
        const input = await wb.openCommandPalette();
        await input.fill(`>${title}`);
        const found = await row.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
        if (found) {
          if (beforeRun) await beforeRun();
          await input.press('Enter');
          await input.waitFor({ state: 'hidden', timeout: 10_000 });
          return;
        }
        await page.keyboard.press('Escape');
        if (Date.now() > deadline) throw new Error(`command "${title}" not in the command palette after ${timeout / 1000}s`);
        await page.waitForTimeout(1_000);
      }
    },

    /** The Output view in the panel. */
    outputView() {
      const view = page.locator('.part.panel .output-view').first();
      return {
        view,
        /** The visible text of the channel's editor. */
        lines: view.locator('.view-lines').first(),
        /** Name of the channel selected in the Output view's channel picker (panel title bar). */
        async channel() {
          const select = page.locator('.part.panel .monaco-select-box').first();
          await select.waitFor({ state: 'attached', timeout: 10_000 });
          return select.evaluate((el) => (el instanceof HTMLSelectElement ? el.options[el.selectedIndex]?.text ?? '' : el.textContent ?? ''));
        },
      };
    },
  };
  return wb;
}
