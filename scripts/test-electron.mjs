#!/usr/bin/env node
// The same extension-host mocha suite as `npm test`, in desktop VS Code (Electron) through
// @vscode/test-electron, for developers with a display and network: runTests downloads VS Code
// into .vscode-test/ on first use. CI cannot download VS Code, so it runs the suite in code-server
// instead (test/vscode/run.mjs); both load dist/test/extension/index.js.
//   node scripts/test-electron.mjs [--version stable|insiders|1.139.1] [--grep <regexp>]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildExtensionTests } from '../test/vscode/build-tests.mjs';
import { projectRoot } from '../test/vscode/code-server.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
process.chdir(projectRoot);

const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status || 1);
const { entry } = await buildExtensionTests();

try {
  const code = await runTests({
    version: arg('version') ?? 'stable',
    extensionDevelopmentPath: projectRoot,
    extensionTestsPath: entry,
    extensionTestsEnv: arg('grep') ? { MPLSANDBOX_TEST_GREP: arg('grep') } : undefined,
    launchArgs: [join(projectRoot, 'examples'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  process.exit(code);
} catch (e) {
  console.error(`test-electron: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
