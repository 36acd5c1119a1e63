// Math critique in the real workbench: CodeLens → ✗ on the wrong step → the Math Critique panel with KaTeX-rendered
// steps → Refine → the refined answer and its diff → Apply. The critic's reply carries a <script> and an
// <img onerror> payload: probes in the page and in the webview's frame check that neither runs, and that the panel
// shows them as text. The models are the project's test model server, started here.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../vscode/code-server.mjs';

export const description = 'Critique steps on a Markdown note: ✗ on the wrong step, the panel (KaTeX, refinement, Apply), model output never runs';

const XSS_PAYLOAD =
  `<script>window.__mplsandboxXss = 'script'; top.postMessage('mplsandbox-xss', '*')</script>` +
  `<img src=x onerror="window.__mplsandboxXss = 'img'; top.postMessage('mplsandbox-xss', '*')">`;

const CRITIQUE_OF_NOTE = [
  'Step sentence: Tom buys $7 \\times 12 = 84$ pencils.',
  'Correctness of the step: Correct',
  'Explanation: $7 \\times 12 = 84$.',
  '',
  'Step sentence: After giving some away he has $84 - 15 = 79$ pencils.',
  'Correctness of the step: Wrong',
  `Explanation: $84 - 15 = 69$, not $79$. ${XSS_PAYLOAD}`,
  '',
  'Step sentence: The answer is $\\boxed{79}$.',
  'Correctness of the step: Wrong',
  'Explanation: It follows from the wrong step.',
  '',
  'Correctness of the final answer: Wrong',
  'Explanation: Tom has $69$ pencils left.',
].join('\n');
const REFINED = [
  "Let's break it down step by step:",
  '',
  '1. Tom buys $7 \\times 12 = 84$ pencils.',
  '2. After giving $15$ away he has $84 - 15 = 69$ pencils.',
  '',
  'The answer is $\\boxed{69}$.',
].join('\n');
const CRITIQUE_OF_REFINED = [
  'Step sentence: Tom buys $7 \\times 12 = 84$ pencils.',
  'Correctness of the step: Correct',
  'Explanation: Right.',
  '',
  'Step sentence: After giving $15$ away he has $84 - 15 = 69$ pencils.',
  'Correctness of the step: Correct',
  'Explanation: Right.',
  '',
  'Step sentence: The answer is $\\boxed{69}$.',
  'Correctness of the step: Correct',
  'Explanation: Right.',
  '',
  'Correctness of the final answer: Correct',
  'Explanation: Right.',
].join('\n');

async function startModels() {
  // The server is TypeScript (shared with the other suites): load it through tsx, isolated from other loaders.
  const { tsImport } = await import('tsx/esm/api');
  const { startModelServer, reply } = await tsImport('../support/model-server.ts', import.meta.url);
  return startModelServer({
    responder: (request) => {
      const messages = request.body?.messages ?? [];
      const text = messages.map((m) => m.content).join('\n');
      if (text.includes('I have made a step-by-step critic')) return reply.text(REFINED, { delayMs: 5 });
      return reply.text(text.includes('= 79') ? CRITIQUE_OF_NOTE : CRITIQUE_OF_REFINED, { delayMs: 5 });
    },
  });
}

/** Points the critic at the test server in code-server's user settings (VS Code picks the change up live). */
function configure(settingsFile, baseURL) {
  const before = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : '{}';
  const settings = JSON.parse(before);
  settings['mplsandbox.critique.critic.baseUrl'] = baseURL;
  settings['mplsandbox.critique.critic.model'] = 'ui-test-critic';
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  return () => writeFileSync(settingsFile, before);
}

/** The frame of our webview (VS Code nests it: iframe.webview → #active-frame). */
async function critiqueFrame(page, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.locator('main#app header').count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error('the Math Critique webview did not load');
    await page.waitForTimeout(250);
  }
}

/** Text of the ✓/✗ decorations (Monaco writes spaces as U+00A0) rendered after the line containing `lineText` (they are CSS ::after content). */
async function markAfterLine(page, lineText) {
  return page.evaluate((wanted) => {
    const line = [...document.querySelectorAll('.monaco-editor .view-line')].find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(wanted));
    if (!line) return undefined;
    return [...line.querySelectorAll('span')].map((s) => getComputedStyle(s, '::after').content).filter((c) => c && c !== 'none' && c !== 'normal').join('');
  }, lineText);
}

export default async function ({ page, workbench, shot, codeServer, log }) {
  const server = await startModels();
  const restore = configure(join(codeServer.dirs.userDataDir, 'User', 'settings.json'), server.baseURL);
  // The workbench may auto-save the applied edit before the undo below: put the example back in any case.
  const notePath = join(projectRoot, 'examples', 'pencils.md');
  const note = readFileSync(notePath, 'utf8');
  try {
    // A page-level probe: the payload posts to the top window if it ever runs.
    await page.addInitScript(() => {
      window.addEventListener('message', (e) => {
        if (e.data === 'mplsandbox-xss') window.__mplsandboxXssSeen = true;
      });
    });
    await workbench.open(codeServer.url);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'pencils.md' }).first().click();
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-line', { hasText: 'Tom buys' }).first().waitFor({ timeout: 30_000 });

    const critiqueLens = page.locator('.codelens-decoration a', { hasText: 'Critique steps' }).first();
    await critiqueLens.waitFor({ timeout: 60_000 });
    await shot('note with codelens');
    await critiqueLens.click();

    // ✗ after the wrong step, ✓ after the right one.
    await page.waitForFunction(
      (wanted) => {
        const line = [...document.querySelectorAll('.monaco-editor .view-line')].find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(wanted));
        return line && [...line.querySelectorAll('span')].some((s) => getComputedStyle(s, '::after').content.includes('✗'));
      },
      '84 - 15 = 79',
      { timeout: 30_000 },
    );
    const right = await markAfterLine(page, '7 \\times 12 = 84');
    if (!right?.includes('✓')) throw new Error(`expected ✓ after step 1, found ${JSON.stringify(right)}`);
    await page.locator('.codelens-decoration a', { hasText: /wrong step/ }).first().waitFor({ timeout: 30_000 });
    await shot('wrong step marked');

    // The panel: KaTeX-rendered steps, the wrong one flagged, the payload shown as text.
    await page.locator('.codelens-decoration a', { hasText: 'Show in panel' }).first().click();
    let frame = await critiqueFrame(page);
    await frame.locator('li.step.verdict-wrong .katex').first().waitFor({ timeout: 30_000 });
    const katexSteps = await frame.locator('li.step .step-text .katex').count();
    if (katexSteps < 3) throw new Error(`expected KaTeX math in every step, found ${katexSteps}`);
    const wrongText = await frame.locator('li.step.verdict-wrong').first().innerText();
    if (!wrongText.includes('<script>') || !wrongText.includes('<img src=x onerror=')) {
      throw new Error(`the payload is not shown as text: ${wrongText}`);
    }
    if (await frame.locator('#app img, #app script').count()) throw new Error('model output became elements in the panel');
    await shot('panel critique');

    // Refine: the panel follows the new run to the accepted refinement.
    await page.locator('.codelens-decoration a', { hasText: 'Refine' }).first().click();
    frame = await critiqueFrame(page);
    await frame.locator('.round-label', { hasText: 'refinement 1' }).waitFor({ timeout: 60_000 });
    await frame.locator('#status', { hasText: /refined in 1 round, accepted/ }).waitFor({ timeout: 30_000 });
    await frame.locator('#final-answer.verdict-correct', { hasText: '69' }).waitFor();
    if ((await frame.locator('li.step .step-text .katex').count()) < 3) throw new Error('the refined steps are not rendered with KaTeX');
    await frame.locator('.diff .diff-added', { hasText: '84 - 15 = 69' }).waitFor();
    await page.locator('.codelens-decoration a', { hasText: /refined in 1 round, accepted/ }).first().waitFor({ timeout: 30_000 });
    await shot('panel refined answer');

    // History: step back to the original and forward again.
    await frame.locator('#previous-round').click();
    await frame.locator('.round-label', { hasText: 'original solution' }).waitFor();
    await frame.locator('#next-round').click();
    await frame.locator('.round-label', { hasText: 'refinement 1' }).waitFor();

    await frame.locator('#apply').click();
    await frame.locator('.notice', { hasText: 'Applied to pencils.md' }).waitFor({ timeout: 15_000 });
    await editor.locator('.view-line', { hasText: '84 - 15 = 69$ pencils' }).first().waitFor({ timeout: 15_000 });
    if (await editor.locator('.view-line', { hasText: "break it down" }).count()) throw new Error("the actor's opener was pasted into the note");
    await shot('applied');

    // Hidden and shown again (the page is not retained): it comes back on the same round.
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+B');
    frame = await critiqueFrame(page);
    await frame.locator('.round-label', { hasText: 'refinement 1' }).waitFor({ timeout: 15_000 });

    const probes = await Promise.all([
      page.evaluate(() => window.__mplsandboxXssSeen === true),
      ...page.frames().map((f) => f.evaluate(() => window.__mplsandboxXss).catch(() => undefined)),
    ]);
    if (probes[0] || probes.slice(1).some(Boolean)) throw new Error(`the model's payload ran: ${JSON.stringify(probes)}`);
    log('no payload ran; panel steps rendered with KaTeX; Apply replaced the solution');

    // Leave the example as it was: undo the edit and save nothing.
    await editor.click();
    await page.keyboard.press('Control+Z');
    await editor.locator('.view-line', { hasText: '84 - 15 = 79$ pencils' }).first().waitFor({ timeout: 15_000 });
  } finally {
    writeFileSync(notePath, note);
    restore();
    await server.close();
  }
}
