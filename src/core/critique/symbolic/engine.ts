import { ComputeEngine } from '@cortex-js/compute-engine';

let engine: ComputeEngine | undefined;

/** One ComputeEngine per process: creating one costs tens of milliseconds and it holds no per-check state we rely on. */
export function getComputeEngine(): ComputeEngine {
  engine ??= new ComputeEngine();
  return engine;
}
