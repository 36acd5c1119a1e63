// Loads dist/critique-core.js (see core-modules.ts) the first time a critique runs. A plain require of a computed
// path, so that esbuild leaves it out of the extension's bundle; synchronous, so that the runner still registers a
// critique against the note's text before any edit can come in between.
import * as path from 'node:path';
import type * as CritiqueCoreModules from './core-modules';

/** File name of the heavy bundle next to dist/extension.js (esbuild.mjs builds it from core-modules.ts). */
export const CRITIQUE_CORE_BUNDLE = 'critique-core.js';

let loaded: typeof CritiqueCoreModules | undefined;

export function loadCritiqueCore(): typeof CritiqueCoreModules {
  if (!loaded) {
    const file = path.join(__dirname, CRITIQUE_CORE_BUNDLE);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(file) as typeof CritiqueCoreModules;
  }
  return loaded;
}
