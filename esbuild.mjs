// Bundles the extension, the CLI and the webview. One entry list so that `build` and `watch` agree.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, existsSync, chmodSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// --production (what `npm run package` builds): minified bundles whose source maps are written beside them but not
// linked or packaged (.vscodeignore), which keeps the .vsix small (test/package/vsix-size.test.ts). Class and
// function names are kept: messages and logs name errors by them.
const common = {
  bundle: true,
  sourcemap: production ? 'external' : true,
  minify: production,
  keepNames: true,
  logLevel: 'info',
};

/**
 * @cortex-js/compute-engine (4.5 MB) declares no "sideEffects", so esbuild keeps all of it wherever it is imported,
 * even unused: parseNote, which the extension needs at once for CodeLens, imports it (answers.ts) without calling it.
 * Nothing relies on side effects of importing it, so it may go where nothing calls it; where something does, it stays.
 * @type {esbuild.Plugin}
 */
const computeEngineIsPure = {
  name: 'compute-engine-is-pure',
  setup(build) {
    build.onResolve({ filter: /^@cortex-js\/compute-engine$/ }, async (args) => {
      if (args.pluginData === computeEngineIsPure) return undefined;
      const { path, errors } = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: computeEngineIsPure });
      return errors.length > 0 ? { errors } : { path, sideEffects: false };
    });
  },
};

/** @type {esbuild.BuildOptions[]} */
const targets = [
  {
    ...common,
    // sandbox-core: the engine, dockerode, zod, models and analysis, loaded by the extension on first use
    // (src/extension/sandbox/load-core.ts) so that activation does not parse them. critique-core: the critique
    // pipeline, the symbolic checker and the model clients, loaded when a critique first runs
    // (src/extension/critique/load-core.ts).
    entryPoints: {
      extension: 'src/extension/extension.ts',
      'sandbox-core': 'src/extension/sandbox/core-modules.ts',
      'critique-core': 'src/extension/critique/core-modules.ts',
    },
    outdir: 'dist',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // ssh2's optional native speed-ups: it falls back to pure JS when they cannot be loaded.
    external: ['vscode', '*.node', 'cpu-features'],
    plugins: [computeEngineIsPure],
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    external: ['*.node', 'cpu-features'],
  },
].filter((t) => Object.values(t.entryPoints).every((p) => existsSync(p)));

if (existsSync('webview/main.ts')) {
  targets.push({
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'media',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' },
  });
}

/** Runtime files that the bundles load from disk (WASM grammars, models). */
async function copyAssets() {
  mkdirSync('dist/assets', { recursive: true });
  const copies = [
    ['node_modules/@vscode/vscode-languagedetection/model', 'dist/assets/languagedetection'],
  ];
  for (const [from, to] of copies) {
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }
  // The tree-sitter runtime and grammars for basic analysis: the registry's list (allWasmFiles), read from the
  // TypeScript source through esbuild itself so that there is no second list to keep in step.
  mkdirSync('dist/assets/tree-sitter', { recursive: true });
  for (const file of await grammarFiles()) {
    const from = `node_modules/${file.packagePath}`;
    if (!existsSync(from)) throw new Error(`${from} is missing (run npm ci): basic analysis needs it`);
    cpSync(from, `dist/assets/tree-sitter/${file.file}`);
  }
}

/** @returns {Promise<{ file: string, packagePath: string }[]>} */
async function grammarFiles() {
  const out = await esbuild.build({
    entryPoints: ['src/core/analysis/basic/grammar-files.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  const module = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return module.allWasmFiles();
}

await copyAssets();
if (watch) {
  for (const t of targets) (await esbuild.context(t)).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
