// dist/sandbox-core.js (built from core-modules.ts): the engine, dockerode, analysis, the first time a command needs them.
import { lazyBundle } from '../lazy-bundle';
import type * as CoreModules from './core-modules';

export const loadCore = lazyBundle<typeof CoreModules>('sandbox-core.js');
