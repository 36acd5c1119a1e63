// The resource-limit flags that every command running the user's program takes (run, analyze, fix): one set of
// names, one parser, one usage text, so they cannot drift apart. They become the request's limits, the last
// layer over the built-in, per-language and engine defaults.
import type { LimitOverrides } from '../core/sandbox/limits';
import { positiveNumber } from './input';

export const LIMIT_OPTIONS = {
  timeout: { type: 'string' },
  memory: { type: 'string' },
  cpus: { type: 'string' },
} as const;

export const LIMIT_USAGE = `  --timeout SEC   wall-clock limit of each run of the program (default 10)
  --memory MB     memory limit of the program (default 256; more for Java, C# and Go)
  --cpus N        CPU quota of the program, in cores (default 1)`;

/** The run-phase limits the flags ask for (UsageError for a value that is not a positive number). */
export function limitsFromFlags(values: { timeout?: string; memory?: string; cpus?: string }): LimitOverrides {
  const timeout = positiveNumber(values.timeout, '--timeout');
  const memory = positiveNumber(values.memory, '--memory');
  const cpus = positiveNumber(values.cpus, '--cpus');
  return {
    run: {
      ...(timeout ? { timeoutMs: Math.round(timeout * 1000) } : {}),
      ...(memory ? { memoryBytes: Math.round(memory * 1024 * 1024) } : {}),
      ...(cpus ? { cpus } : {}),
    },
  };
}
