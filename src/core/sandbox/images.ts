// Builds and finds the per-language sandbox images. Tags carry a hash of the build context, so a
// changed Dockerfile is rebuilt and an unchanged one is not.
import { certificatesFile, extraCertificates, registryBuildArgs } from './build-registry-access';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type Dockerode from 'dockerode';
import { pack } from 'tar-stream';
import { MplSandboxError } from '../errors';
import type { LanguageSpec } from '../languages/types';
import { SharedBuild } from './shared-build';

export const IMAGE_REPOSITORY = 'mplsandbox';
export const LABEL_PREFIX = 'io.mplsandbox';

export interface BuildProgress {
  image: string;
  /** One line of the build log (a `Step n/m`, an apt line, …). */
  line: string;
}

/** Finds `sandbox-images/` next to the bundle (dist/), the sources (src/core/sandbox) or the package root. */
export function findImagesDir(start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'sandbox-images');
    if (existsSync(join(candidate, 'common'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`sandbox-images/ not found above ${start}`);
}

export interface ContextFile {
  name: string;
  content: Buffer;
  mode: number;
}

export function listFiles(dir: string, prefix: string): ContextFile[] {
  const out: ContextFile[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const p = join(d, entry);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.push({ name: join(prefix, relative(dir, p)), content: readFileSync(p), mode: st.mode & 0o777 });
    }
  };
  walk(dir);
  return out;
}

/** Where a language image's build context has the caller's extra CA certificates (see buildImage). */
export const BUILD_CA_DIR = 'build-ca';

/** The build context of one language: its folder plus the shared `common/` folder. */
export function imageContext(imagesDir: string, image: string): ContextFile[] {
  const dir = join(imagesDir, image);
  if (!existsSync(join(dir, 'Dockerfile'))) throw new Error(`no Dockerfile at ${dir}`);
  return [...listFiles(dir, '.'), ...listFiles(join(imagesDir, 'common'), 'common')];
}

export function contextHash(files: ContextFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    h.update(f.name).update('\0').update(String(f.mode)).update('\0').update(f.content).update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

export function imageTag(imagesDir: string, image: string): string {
  return `${IMAGE_REPOSITORY}/${image}:${contextHash(imageContext(imagesDir, image))}`;
}

export async function imageExists(docker: Dockerode, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false;
    throw err;
  }
}

export class ImageBuildError extends MplSandboxError {
  constructor(
    message: string,
    readonly image: string,
    readonly log: string,
  ) {
    super('image-build-failed', message);
  }
}

/** Builds one language's image through the engine's build API (no docker CLI), streaming the log to `onProgress`. */
export async function buildImage(
  docker: Dockerode,
  imagesDir: string,
  image: string,
  opts: { onProgress?: (p: BuildProgress) => void; signal?: AbortSignal; noCache?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const files = imageContext(imagesDir, image);
  const tag = `${IMAGE_REPOSITORY}/${image}:${contextHash(files)}`;
  // A stage that installs from a registry (the JavaScript image's Jest) reaches it as dependency builds do:
  // the caller's registry settings as build arguments, its extra CA certificates under build-ca/ (not hashed).
  const env = opts.env ?? process.env;
  const context = [...files, certificatesFile(BUILD_CA_DIR, extraCertificates(env))];
  const labels = { [`${LABEL_PREFIX}.image`]: image, [`${LABEL_PREFIX}.hash`]: tag.split(':')[1] };
  return buildContextImage(docker, { files: context, tag, image, labels, buildargs: registryBuildArgs(env) }, opts);
}

/** Any build context (a Dockerfile at its top) built as `tag`; the log streams to `onProgress` and is kept for errors. */
export async function buildContextImage(
  docker: Dockerode,
  ctx: { files: ContextFile[]; tag: string; image: string; labels: Record<string, string>; buildargs?: Record<string, string> },
  opts: { onProgress?: (p: BuildProgress) => void; signal?: AbortSignal; noCache?: boolean } = {},
): Promise<string> {
  const { files, tag, image } = ctx;
  const tar = pack();
  for (const f of files) tar.entry({ name: f.name, mode: f.mode }, f.content);
  tar.finalize();
  const stream = await docker.buildImage(tar as unknown as NodeJS.ReadableStream, {
    t: tag,
    // Host networking lets apt reach a mirror from engines whose bridge has no route out (and is harmless elsewhere).
    networkmode: 'host',
    rm: true,
    forcerm: true,
    nocache: opts.noCache ?? false,
    labels: ctx.labels,
    ...(ctx.buildargs && Object.keys(ctx.buildargs).length ? { buildargs: ctx.buildargs } : {}),
    abortSignal: opts.signal,
  } as Dockerode.ImageBuildOptions);
  const log: string[] = [];
  await new Promise<void>((resolve, reject) => {
    let failure: string | undefined;
    docker.modem.followProgress(
      stream,
      (err: Error | null) => {
        if (err) reject(new ImageBuildError(`building ${tag} failed: ${err.message}`, image, log.join('')));
        else if (failure) reject(new ImageBuildError(`building ${tag} failed: ${failure}`, image, log.join('')));
        else resolve();
      },
      (event: { stream?: string; error?: string; errorDetail?: { message?: string }; status?: string }) => {
        const line = event.stream ?? event.status ?? '';
        if (line) {
          // A step's output arrives in chunks that may split lines: kept as is; status events are whole lines.
          log.push(event.stream !== undefined || line.endsWith('\n') ? line : `${line}\n`);
          if (log.length > 2000) log.splice(0, log.length - 2000);
          for (const l of line.split('\n')) if (l.trim()) opts.onProgress?.({ image, line: l.trimEnd() });
        }
        if (event.error) failure = event.errorDetail?.message ?? event.error;
      },
    );
  });
  if (!(await imageExists(docker, tag))) throw new ImageBuildError(`building ${tag} finished without an image`, image, log.join(''));
  return tag;
}

/**
 * Removes the other builds of one language's image (other content hashes), so that editing a Dockerfile
 * does not leave a trail of gigabytes. Only on request (`mplsandbox images prune`): another checkout or
 * version of MPLSandbox on the same engine may still use them. Images used by a container stay (no force).
 */
export async function removeOutdatedImages(docker: Dockerode, image: string, currentTag: string): Promise<string[]> {
  const removed: string[] = [];
  const list = await docker.listImages({ filters: { label: [`${LABEL_PREFIX}.image=${image}`] } });
  for (const info of list) {
    const tags = (info.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    if (tags.includes(currentTag)) continue;
    try {
      await docker.getImage(info.Id).remove({ noprune: false });
      removed.push(...(tags.length ? tags : [info.Id]));
    } catch {
      // In use by a container (a run of the old version still going) or removed meanwhile: keep it.
    }
  }
  return removed;
}

/**
 * Makes sure the image of a language exists and returns its tag; builds it when missing. The one build
 * coordinator of an engine: concurrent callers of one image share one build (SharedBuild), each with its own
 * progress and cancellation, and a caller that may not start a build (auto-build off) still joins a running one.
 */
export class ImageManager {
  private readonly inFlight = new Map<string, SharedBuild>();

  constructor(
    private readonly docker: Dockerode,
    readonly imagesDir: string = findImagesDir(),
    /** Per-language image override (a user's own image): used as is, never built. */
    private readonly overrides: Record<string, string> = {},
  ) {}

  tagFor(lang: LanguageSpec): string {
    return this.overrides[lang.id] ?? imageTag(this.imagesDir, lang.image);
  }

  async ensure(
    lang: LanguageSpec,
    opts: { autoBuild?: boolean; onProgress?: (p: BuildProgress) => void; signal?: AbortSignal } = {},
  ): Promise<string> {
    const tag = this.tagFor(lang);
    const running = this.inFlight.get(tag);
    if (running && !running.abandoned) return running.join(opts.onProgress, opts.signal);
    if (await imageExists(this.docker, tag)) return tag;
    if (this.overrides[lang.id]) {
      throw new ImageMissingError(`the image ${tag} configured for ${lang.displayName} is not present: pull or build it first`, lang.id, tag);
    }
    if (opts.autoBuild === false) {
      throw new ImageMissingError(`the ${lang.displayName} sandbox image (${tag}) is not built yet: run \`mplsandbox images build ${lang.id}\` or "MPLSandbox: Build Sandbox Images"`, lang.id, tag);
    }
    // Another caller may have started the build while we looked for the image.
    let build = this.inFlight.get(tag);
    if (!build || build.abandoned) {
      const started = new SharedBuild((signal, onProgress) => buildImage(this.docker, this.imagesDir, lang.image, { signal, onProgress }));
      build = started;
      this.inFlight.set(tag, started);
      void started.done.catch(() => undefined).finally(() => {
        if (this.inFlight.get(tag) === started) this.inFlight.delete(tag);
      });
    }
    return build.join(opts.onProgress, opts.signal);
  }
}

export class ImageMissingError extends MplSandboxError {
  constructor(
    message: string,
    readonly language: string,
    readonly tag: string,
  ) {
    super('image-missing', message);
  }
}
