// Loads dist/sandbox-core.js (see core-modules.ts) the first time a command needs the engine. A plain require of
// a computed path, so that esbuild leaves it out of the extension's bundle.
import * as path from 'node:path';
import type * as CoreModules from './core-modules';

/** File name of the heavy bundle next to dist/extension.js (esbuild.mjs builds it from core-modules.ts). */
export const CORE_BUNDLE = 'sandbox-core.js';

let loaded: typeof CoreModules | undefined;

export function loadCore(): typeof CoreModules {
  if (!loaded) {
    const file = path.join(__dirname, CORE_BUNDLE);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(file) as typeof CoreModules;
  }
  return loaded;
}
