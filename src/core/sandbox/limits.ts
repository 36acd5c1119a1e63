// Resource limits: the built-in defaults, the registry's per-language adjustments for heavy toolchains, and the merge
// of engine-wide and per-request overrides into the limits one run gets (and echoes in its result).
import { MplSandboxError } from '../errors';
import type { LanguageSpec } from '../languages/types';
import type { RunRequest, SandboxLimits } from './types';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Overrides in the shape a request (or the engine's configuration) gives them. */
export type LimitOverrides = NonNullable<RunRequest['limits']>;

export const DEFAULT_LIMITS: SandboxLimits = Object.freeze({
  compile: Object.freeze({ timeoutMs: 30_000, memoryBytes: 1 * GiB, cpus: 2, pids: 256, outputBytes: 1 * MiB }),
  run: Object.freeze({ timeoutMs: 10_000, memoryBytes: 256 * MiB, cpus: 1, pids: 64, outputBytes: 1 * MiB }),
  tmpfsBytes: 64 * MiB,
  fileSizeBytes: 16 * MiB,
  nofile: 256,
}) as SandboxLimits;

export class InvalidLimitsError extends MplSandboxError {
  constructor(message: string) {
    super('invalid-limits', message);
  }
}

function check(value: number, name: string, integer: boolean) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new InvalidLimitsError(`limit ${name} must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  }
}

function validate(limits: SandboxLimits): SandboxLimits {
  for (const phase of ['compile', 'run'] as const) {
    const p = limits[phase];
    check(p.timeoutMs, `${phase}.timeoutMs`, false);
    check(p.memoryBytes, `${phase}.memoryBytes`, true);
    check(p.cpus, `${phase}.cpus`, false);
    check(p.pids, `${phase}.pids`, true);
    check(p.outputBytes, `${phase}.outputBytes`, true);
  }
  check(limits.tmpfsBytes, 'tmpfsBytes', true);
  check(limits.fileSizeBytes, 'fileSizeBytes', true);
  check(limits.nofile, 'nofile', true);
  return limits;
}

function defined<T extends object>(o: Partial<T> | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Applies overrides (undefined fields ignored) to limits, returning a new object. */
export function mergeLimits(base: SandboxLimits, over: LimitOverrides | undefined): SandboxLimits {
  return {
    compile: { ...base.compile, ...defined(over?.compile) },
    run: { ...base.run, ...defined(over?.run) },
    tmpfsBytes: over?.tmpfsBytes ?? base.tmpfsBytes,
    fileSizeBytes: over?.fileSizeBytes ?? base.fileSizeBytes,
    nofile: over?.nofile ?? base.nofile,
  };
}

/**
/**
 * The limits of one run, layer over layer: the built-in defaults, the language's adjustments (its registry
 * entry's `limits`), then each of `overrides` in order — the engine's configured defaults, the user's settings,
 * the request's own (undefined layers and fields are skipped). Throws InvalidLimitsError on a non-positive or
 * non-numeric value.
 */
export function resolveLimits(lang: LanguageSpec, ...overrides: (LimitOverrides | undefined)[]): SandboxLimits {
  const layered = (base: SandboxLimits) => overrides.reduce<SandboxLimits>((limits, layer) => mergeLimits(limits, layer), base);
  let base = mergeLimits(DEFAULT_LIMITS, lang.limits);
  // A syntax check needs no more than the program itself; equal limits also spare each run a cgroup
  // update (a Docker API round trip) between the phases.
  if (lang.checkOnly) {
    const run = layered(base).run;
    base = { ...base, compile: { ...base.compile, memoryBytes: run.memoryBytes, cpus: run.cpus, pids: run.pids } };
  }
  return validate(layered(base));
}
