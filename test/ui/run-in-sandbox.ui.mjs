// "Run in Sandbox" as a user meets it in the workbench, with the packaged .vsix: the palette runs a Python
// program (its test cases judged in the MPLSandbox output channel) and a C++ program whose compile error
// lands in the Problems panel on line 9; a program's output streams live and Cancel stops its infinite loop;
// the Test Explorer runs the cases file. A screenshot of each step.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const description = 'Run in Sandbox: Python verdict, C++ error in Problems, live output + Cancel, Test Explorer';

/** @param {{ page: import('playwright-core').Page, workbench: any, shot: Function, codeServer: { url: string }, log: Function }} t */
export default async function ({ page, workbench, shot, codeServer, log }) {
  await workbench.open(codeServer.url);
  const output = workbench.outputView();
  const outputHas = (text, timeout = 60_000) => output.lines.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });

  // 1. A Python program with a cases file: the palette's Run in Sandbox judges its cases.
  await quickOpen(page, 'fizzbuzz.py');
  await workbench.runCommand('MPLSandbox: Run in Sandbox', { beforeRun: () => shot('palette run in sandbox') });
  await outputHas('3/3 cases passed');
  if ((await output.channel()) !== 'MPLSandbox') throw new Error(`the Output view shows "${await output.channel()}", expected the MPLSandbox channel`);
  await shot('python cases accepted in the output channel');

  // 2. The C++ program with a compile error: the Problems panel lists it on line 9.
  await quickOpen(page, 'broken.cpp');
  await workbench.runCommand('MPLSandbox: Run in Sandbox');
  await outputHas('■ CompileError');
  await workbench.runCommand('Problems: Focus on Problems View');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: "'totl' was not declared" }).first();
  await problem.waitFor({ state: 'visible', timeout: 15_000 });
  const row = await problem.innerText();
  if (!/\[Ln 9, Col 31\]/.test(row)) throw new Error(`the problem is not on line 9, column 31: ${row}`);
  if (!/g\+\+/.test(row)) throw new Error(`the problem does not name g++ as its source: ${row}`);
  // The squiggle in the editor is on the misspelt name.
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: 10_000 });
  await shot('cpp compile error in the problems panel');

  // 3. A program that prints and then loops forever: its output shows live, then Cancel kills it.
  // (A file outside the workspace, so that examples/ stays as the demo has it; Quick Open takes absolute paths.)
  const loopDir = mkdtempSync(join(tmpdir(), 'mplsandbox-ui-'));
  writeFileSync(join(loopDir, 'ticks.py'), 'for i in range(3):\n    print("tick", i, flush=True)\nwhile True:\n    pass\n');
  await quickOpen(page, join(loopDir, 'ticks.py'), 'ticks.py');
  await workbench.runCommand('MPLSandbox: Run in Sandbox');
  await outputHas('tick 2');
  const toast = workbench.notifications.filter({ hasText: 'MPLSandbox: running' }).first();
  await toast.waitFor({ state: 'visible', timeout: 15_000 });
  await page.locator('.part.statusbar', { hasText: 'Sandbox: ticks.py' }).waitFor({ state: 'visible', timeout: 5_000 });
  await page.waitForTimeout(500); // the toast slides in
  await shot('live output and progress with cancel');
  const t0 = Date.now();
  await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
  await outputHas('■ Cancelled after');
  log(`cancel → "Cancelled" line in ${Date.now() - t0} ms`);
  await shot('infinite loop cancelled');
  rmSync(loopDir, { recursive: true, force: true });

  // 4. The Test Explorer lists fizzbuzz.py's cases and runs them.
  await page.locator('.part.activitybar .action-item .action-label[aria-label^="Testing"]').first().click();
  const explorer = page.locator('.part.sidebar .test-explorer');
  await explorer.locator('.monaco-list-row', { hasText: 'fizzbuzz.py' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await workbench.runCommand('Test: Run All Tests');
  await explorer.locator('.monaco-list-row', { hasText: 'fizzbuzz.py' }).first().click();
  await page.keyboard.press('ArrowRight'); // expand: one row per case
  await explorer.locator('.monaco-list-row', { hasText: 'case 3' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  // Every case (and the file) shows as passed; the results panel lists the cases.
  await page.waitForFunction(
    () => document.querySelectorAll('.part.sidebar .test-explorer .monaco-list-row[aria-label*="(Passed)"]').length >= 4,
    undefined,
    { timeout: 60_000 },
  );
  await page.mouse.move(700, 300); // no hover tooltip over the tree in the screenshot
  await shot('test explorer cases passed');
}

/** Opens a file with Quick Open: a workspace file by name, or any file by its absolute path. */
async function quickOpen(page, query, name = query) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(query);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await input.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 15_000 });
}
