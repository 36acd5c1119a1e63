// Heavy code (the sandbox engine, the critique pipeline) lives in bundles of its own next to dist/extension.js and
// is loaded on first use. A plain require of a computed path, so that esbuild leaves it out of the extension's
// bundle; synchronous, so that callers can act on the editor's state before any edit comes in between.
import * as path from 'node:path';

/** A loader for `dist/<fileName>` (built by esbuild.mjs) that requires it once, on its first call. */
export function lazyBundle<T>(fileName: string): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require(path.join(__dirname, fileName)) as T;
    }
    return loaded;
  };
}
