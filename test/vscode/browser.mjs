// Debian's Chromium driven by playwright-core (no browser download): one place for the launch options.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.MPLSANDBOX_CHROMIUM || '/usr/bin/chromium';

/**
 * Launches Chromium (Playwright gives it a fresh temporary profile, removed on close, and kills it when
 * this process exits). `newContext()` gives an isolated browser context with our defaults.
 *   MPLSANDBOX_HEADED=1   show the browser (needs a display)
 */
export async function launchBrowser({ headless = !process.env.MPLSANDBOX_HEADED, timeoutMs = 60_000 } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (scripts/provision.sh --for-tests does)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless,
    timeout: timeoutMs,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
    ],
  });
  let closed = false;
  return {
    browser,
    /** A fresh context (cookies, storage) with a fixed viewport and bounded default waits. */
    async newContext({ viewport = { width: 1400, height: 900 } } = {}) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      context.setDefaultTimeout(30_000);
      context.setDefaultNavigationTimeout(60_000);
      return context;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
    },
  };
}
