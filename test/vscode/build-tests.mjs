// Bundles the extension-host mocha suite: test/extension/suite/index.ts -> dist/test/extension/index.js and
// each test/extension/**/*.test.ts -> dist/test/extension/**/*.test.js (index.js discovers them).
// `vscode` is provided by the extension host; mocha is resolved from the project's node_modules at run time.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from './code-server.mjs';

export const TESTS_OUT_DIR = join(projectRoot, 'dist', 'test', 'extension');
export const TESTS_ENTRY = join(TESTS_OUT_DIR, 'index.js');

function findTests(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) findTests(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

export async function buildExtensionTests() {
  const src = join(projectRoot, 'test', 'extension');
  rmSync(TESTS_OUT_DIR, { recursive: true, force: true });
  const entryPoints = { index: join(src, 'suite', 'index.ts') };
  for (const f of findTests(src)) entryPoints[relative(src, f).replace(/\.ts$/, '')] = f;
  await esbuild.build({
    absWorkingDir: projectRoot,
    entryPoints,
    outdir: TESTS_OUT_DIR,
    bundle: true,
    sourcemap: 'inline',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return { outDir: TESTS_OUT_DIR, entry: TESTS_ENTRY, files: Object.keys(entryPoints).length - 1 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await buildExtensionTests();
  console.log(`bundled ${r.files} test file(s) to ${relative(projectRoot, r.outDir)}`);
}
