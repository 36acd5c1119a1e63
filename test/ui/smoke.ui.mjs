// Smoke test of the packaged extension in the real workbench: the palette finds our command and it
// opens the "MPLSandbox Log" output channel.
export const description = 'MPLSandbox: Show Sandbox Log opens the MPLSandbox Log output channel';

/** @param {{ page: import('playwright-core').Page, workbench: ReturnType<typeof import('./helpers.mjs').workbench>, shot: Function, codeServer: { url: string } }} t */
export default async function ({ page, workbench, shot, codeServer }) {
  await workbench.open(codeServer.url);
  // The palette lists the manifest's commands before the remote extension host is up, and a command run that
  // early was lost once here (no Output view, no error). The extension activates at start-up in examples/
  // (workspaceContains:**/*.cases.json) and then shows its status bar item: from there on, the host is up.
  await page.locator('.part.statusbar .statusbar-item', { hasText: 'Sandbox' }).first().waitFor({ state: 'visible', timeout: 60_000 });
  await shot('workbench ready');

  await workbench.runCommand('MPLSandbox: Show Sandbox Log', { beforeRun: () => shot('command palette') });

  const output = workbench.outputView();
  await output.view.waitFor({ state: 'visible', timeout: 15_000 });
  const channel = await output.channel();
  if (channel !== 'MPLSandbox Log') throw new Error(`the Output view shows channel "${channel}", expected "MPLSandbox Log"`);
  await output.lines.filter({ hasText: 'activated' }).waitFor({ state: 'visible', timeout: 15_000 });
  await shot('output channel MPLSandbox Log');
}
