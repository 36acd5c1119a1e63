// Finds or builds the dependency image of a project or library set (see dependencies.ts), and removes
// them on request (`mplsandbox images prune`). Building runs the project's install scripts, so the
// caller says whether that is allowed (a trusted workspace); a build that cannot reach its registry
// fails with the registry tool's own answer and what to do.
import { MplSandboxError } from '../errors';
import type Dockerode from 'dockerode';
import { extraCertificates, registryBuildArgs } from '../sandbox/build-registry-access';
import { buildContextImage, type BuildProgress, ImageBuildError, imageExists, LABEL_PREFIX } from '../sandbox/images';
import {
  DEPENDENCY_BASE_LABEL,
  DEPENDENCY_LABEL,
  dependencyContext,
  dependencyImageTag,
  type DependencySet,
} from './dependencies';

/** Building was not allowed (untrusted workspace) or not wanted (auto-build off): says how to allow it. */
export class DependencyBuildRefusedError extends MplSandboxError {
  constructor(
    message: string,
    readonly tag: string,
  ) {
    super('dependency-build-refused', message);
  }
}

/** Installing the dependencies failed: the tool's answer (last error lines) and what to do. */
export class DependencyInstallError extends MplSandboxError {
  constructor(
    message: string,
    readonly log: string,
  ) {
    super('dependency-install', message);
  }
}

export interface EnsureDependencyOptions {
  /** False in an untrusted workspace: install scripts would run the project's code. */
  allowBuild: boolean;
  onProgress?: (p: BuildProgress) => void;
  signal?: AbortSignal;
  /**
   * Where registry settings (NPM_CONFIG_REGISTRY, PIP_INDEX_URL, proxies) and extra CA certificates
   * (MPLSANDBOX_BUILD_CA_CERTS, else NODE_EXTRA_CA_CERTS) are read from; default process.env.
   */
  env?: NodeJS.ProcessEnv;
}

const ADVICE: Record<DependencySet['ecosystem'], string> = {
  npm: 'check that the Docker engine can reach the npm registry (builds use the host network), or set NPM_CONFIG_REGISTRY to a mirror; the names and versions in package.json must exist there',
  pip: 'check that the Docker engine can reach the Python package index (builds use the host network), or set PIP_INDEX_URL to a mirror; local packages install from folders in the project without it',
  go: 'check that the Docker engine can reach the Go module proxy (builds use the host network), or set GOPROXY to a mirror',
  cargo: 'check that the Docker engine can reach crates.io (builds use the host network)',
};


const ANSI = /\x1B\[[0-?]*[ -/]*[@-~]/g;

/** The lines of a failed build log that carry the tool's own answer. */
export function installFailureLines(log: string): string[] {
  const lines = log.replace(ANSI, '').split('\n').map((l) => l.trimEnd()).filter((l) => l.trim());
  const tool = lines.filter((l) => /^(npm (ERR!|error)|ERROR:|error:|go: |fatal:|\s*Caused by:|WARNING: Retrying)/.test(l.trim()) && !/^npm (ERR!|error) (A complete log|\s*$)/.test(l.trim()));
  const picked = tool.length ? tool : lines.filter((l) => !/^(Step \d|\s*---> |Removing intermediate|Sending build context)/.test(l));
  return picked.slice(-8);
}

export class DependencyImages {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(private readonly docker: Dockerode) {}

  /** The dependency image's tag; `built` says whether this call built it. */
  async ensure(baseTag: string, set: DependencySet, opts: EnsureDependencyOptions): Promise<{ tag: string; built: boolean; ms: number }> {
    const t0 = performance.now();
    const tag = dependencyImageTag(baseTag, set);
    if (await imageExists(this.docker, tag)) return { tag, built: false, ms: performance.now() - t0 };
    if (!opts.allowBuild) {
      throw new DependencyBuildRefusedError(
        `the dependencies of ${set.source} are not installed yet, and installing them runs the project's install scripts: trust the workspace (Manage Workspace Trust) to build ${tag}, or run the file alone (--single-file)`,
        tag,
      );
    }
    let build = this.inFlight.get(tag);
    if (!build) {
      build = this.build(baseTag, set, tag, opts).finally(() => this.inFlight.delete(tag));
      this.inFlight.set(tag, build);
    }
    await build;
    return { tag, built: true, ms: performance.now() - t0 };
  }

  private async build(baseTag: string, set: DependencySet, tag: string, opts: EnsureDependencyOptions): Promise<string> {
    const env = opts.env ?? process.env;
    const buildargs = registryBuildArgs(env);
    const labels = { [DEPENDENCY_LABEL]: set.ecosystem, [DEPENDENCY_BASE_LABEL]: baseTag, [`${LABEL_PREFIX}.language`]: set.language };
    try {
      return await buildContextImage(this.docker, { files: dependencyContext(baseTag, set, extraCertificates(env)), tag, image: `${set.language} dependencies`, labels, buildargs }, opts);
    } catch (err) {
      if (!(err instanceof ImageBuildError) || opts.signal?.aborted) throw err;
      const answer = installFailureLines(err.log).join('\n  ');
      throw new DependencyInstallError(`installing the dependencies of ${set.source} failed:\n  ${answer || err.message}\nWhat to do: ${ADVICE[set.ecosystem]}.`, err.log);
    }
  }
}

/**
 * Removes dependency images (not in use by a container): those built over a language image that is no
 * longer current, or all of them with `all`. Returns the tags removed.
 */
export async function removeDependencyImages(docker: Dockerode, opts: { currentBaseTags: ReadonlySet<string>; all?: boolean }): Promise<string[]> {
  const removed: string[] = [];
  for (const info of await docker.listImages({ filters: { label: [DEPENDENCY_LABEL] } })) {
    const base = info.Labels?.[DEPENDENCY_BASE_LABEL];
    if (!opts.all && base && opts.currentBaseTags.has(base)) continue;
    try {
      await docker.getImage(info.Id).remove({ noprune: false });
      removed.push(...(info.RepoTags ?? []).filter((t) => t !== '<none>:<none>'));
    } catch {
      // In use by a container, or removed meanwhile: keep it.
    }
  }
  return removed;
}
