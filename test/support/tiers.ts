/**
 * Test tiers. Every test that needs more than Node and the npm packages says so in its options:
 *
 *   describe('engine (real Docker)', { timeout: 600_000, ...needs('docker') }, () => { … });
 *   test('GSM8K gold steps', needs('corpora'), () => { … });
 *
 * A test's tier is `corpora` when it needs the shared corpora, else `docker` when it needs Docker,
 * else `unit`. scripts/test.mjs selects tiers (`npm test -- --unit`, `--docker`, `--corpora`) through
 * MPLSANDBOX_TEST_TIERS; a test outside the selected tiers is skipped with a one-line reason, and so is
 * a test whose prerequisite is absent — except in the full run (MPLSANDBOX_TEST_STRICT=1), where a
 * missing prerequisite fails the file loudly instead of letting it pass as skipped.
 * Run a file directly (node --import tsx --test FILE) and every tier is selected.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { corporaDir } from './corpora';

/** `cluster`: the multi-host tests of test/cluster (Docker, and minutes of replica hosts): a tier of their own. */
export type Need = 'docker' | 'corpora' | 'cluster';
export type Tier = 'unit' | Need;

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export function tierOf(what: readonly Need[]): Tier {
  if (what.includes('corpora')) return 'corpora';
  if (what.includes('cluster')) return 'cluster';
  if (what.includes('docker')) return 'docker';
  return 'unit';
}

export function selectedTiers(env: NodeJS.ProcessEnv = process.env): Set<Tier> | null {
  const raw = env.MPLSANDBOX_TEST_TIERS?.trim();
  if (!raw) return null;
  return new Set(raw.split(',').map((t) => t.trim()) as Tier[]);
}

let dockerAnswer: string | undefined;
/** "ok", or why Docker cannot be used. The runner probes once and passes the answer down. */
export function dockerStatus(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MPLSANDBOX_TEST_DOCKER) return env.MPLSANDBOX_TEST_DOCKER;
  if (dockerAnswer === undefined) {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'lib', 'probe-docker.mjs')], { encoding: 'utf8', timeout: 15_000 });
    dockerAnswer = (r.stdout ?? '').trim() || `the Docker probe failed (${r.error?.message ?? `exit ${r.status}`})`;
  }
  return dockerAnswer;
}

function missingPrerequisite(need: Need, env: NodeJS.ProcessEnv): string | null {
  if (need === 'docker' || need === 'cluster') {
    const status = dockerStatus(env);
    return status === 'ok' ? null : `${status}; start Docker or run bash scripts/provision.sh`;
  }
  return existsSync(corporaDir) ? null : `the shared corpora are not at ${corporaDir}`;
}

/** node:test options for a test that needs `what`: `{}` to run it, `{ skip: reason }` otherwise. */
export function needs(...what: Need[]): { skip?: string } {
  const env = process.env;
  const tier = tierOf(what);
  const selected = selectedTiers(env);
  if (selected && !selected.has(tier)) return { skip: `${tier} tier not selected (npm test -- --${tier})` };
  for (const need of what) {
    const missing = missingPrerequisite(need, env);
    if (!missing) continue;
    if (env.MPLSANDBOX_TEST_STRICT === '1') {
      throw new Error(`the full test run needs ${need}, but ${missing}`);
    }
    return { skip: `needs ${need}: ${missing}` };
  }
  return {};
}
