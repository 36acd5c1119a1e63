// dist/critique-core.js (built from core-modules.ts): the pipeline, the symbolic checker and the model client, the
// first time a critique runs.
import { lazyBundle } from '../lazy-bundle';
import type * as CritiqueCoreModules from './core-modules';

export const loadCritiqueCore = lazyBundle<typeof CritiqueCoreModules>('critique-core.js');
