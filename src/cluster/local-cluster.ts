// The Kubernetes topology on one machine: N replica hosts (privileged containers, each with its own Docker
// engine and the server) behind an nginx balancer, on a Docker network of their own. `up` is idempotent:
// it creates what is missing, starts what is stopped (a killed replica comes back with its engine's images,
// which live in its volume), scales down what is beyond N, and returns when every replica is healthy and
// in the balancer. `down` removes every container, volume and network carrying the cluster's name label.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Dockerode from 'dockerode';
import type { LanguageSpec } from '../core/languages/types';
import { ImageManager, imageExists, LABEL_PREFIX } from '../core/sandbox/images';
import { ensureDeployImages, type DeployImageTags } from './deploy-images';
import { putFiles, readFileIn } from './docker-files';
import { httpStatus } from './http-status';

export { httpStatus };

export const CLUSTER_ROLE_LABEL = `${LABEL_PREFIX}.cluster`;
export const CLUSTER_NAME_LABEL = `${LABEL_PREFIX}.cluster.name`;
export const DEFAULT_CLUSTER_NAME = 'mplsandbox-cluster';
export const DEFAULT_BALANCER_PORT = 8480;
const SERVER_PORT = 8080;
const ENGINE_PORT = 2375;
const TOKEN_PATH = '/etc/mplsandbox/token/token';

export interface ClusterOptions {
  /** Names every container, volume and network (`<name>-replica-1`, …); one cluster per name. */
  name?: string;
  /** Repository root (deploy/, dist/, sandbox-images/). */
  root: string;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface UpOptions extends ClusterOptions {
  replicas: number;
  /** Host port of the balancer, on 127.0.0.1. */
  port?: number;
  languages: LanguageSpec[];
  /** Seconds `docker stop` waits for a replica's drain before killing it (longest run + a margin). */
  stopGraceSeconds?: number;
  /** Extra `serve` flags for every replica (e.g. --max-concurrency 2). */
  serveArgs?: string[];
  /** How long to wait for every replica to be healthy. */
  readyTimeoutMs?: number;
}

export interface ReplicaInfo {
  name: string;
  running: boolean;
  /** The replica's own server, published on 127.0.0.1 (for checks that bypass the balancer). */
  serverUrl?: string;
  /** The replica's own engine API, published on 127.0.0.1 (for loading images). */
  engineUrl?: string;
}

export interface ClusterInfo {
  name: string;
  url: string;
  tokenFile: string;
  replicas: ReplicaInfo[];
}

export function clusterNames(name: string) {
  return {
    network: `${name}-net`,
    balancer: `${name}-balancer`,
    replica: (i: number) => `${name}-replica-${i}`,
    volume: (i: number) => `${name}-replica-${i}-engine`,
  };
}

function labels(name: string, role: 'replica' | 'balancer' | 'network' | 'volume'): Record<string, string> {
  return { [CLUSTER_ROLE_LABEL]: role, [CLUSTER_NAME_LABEL]: name };
}

const isNotFound = (err: unknown) => (err as { statusCode?: number }).statusCode === 404;

async function inspectOrNull(container: Dockerode.Container): Promise<Dockerode.ContainerInspectInfo | null> {
  try {
    return await container.inspect();
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

function publishedUrl(info: Dockerode.ContainerInspectInfo, port: number): string | undefined {
  const binding = info.NetworkSettings?.Ports?.[`${port}/tcp`]?.[0];
  return binding ? `http://127.0.0.1:${binding.HostPort}` : undefined;
}

/** The token every replica requires; kept in .cache so that a restarted or added replica gets the same. */
export function clusterToken(root: string, name: string): { token: string; file: string } {
  const dir = join(root, '.cache', 'cluster', name);
  const file = join(dir, 'token');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return { token: readFileSync(file, 'utf8').trim(), file };
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, signal?: AbortSignal): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    signal?.throwIfAborted();
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${Math.round(timeoutMs / 1000)} s${last ? ` (last error: ${last})` : ''}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Loads each image into every target engine that lacks it, from `source` over the engine API: one export
 * per image, streamed into all those loads at once (the source engine's export is the slow part).
 */
export async function copyImages(source: Dockerode, targets: { name: string; engine: Dockerode }[], tags: string[], log: (line: string) => void): Promise<void> {
  for (const tag of tags) {
    const missing = (await Promise.all(targets.map(async (t) => ((await imageExists(t.engine, tag)) ? undefined : t)))).filter((t) => t !== undefined);
    for (const t of targets) if (!missing.includes(t)) log(`${t.name}: ${tag} already in its engine`);
    if (missing.length === 0) continue;
    const t0 = Date.now();
    const exported = await source.getImage(tag).get();
    await Promise.all(
      missing.map(async (t) => {
        const copy = new PassThrough();
        exported.pipe(copy);
        const progress = await t.engine.loadImage(copy);
        await new Promise<void>((resolve, reject) => {
          let failure: string | undefined;
          t.engine.modem.followProgress(
            progress,
            (err: Error | null) => (err || failure ? reject(new Error(`loading ${tag} into ${t.name} failed: ${err?.message ?? failure}`)) : resolve()),
            (event: { error?: string }) => {
              if (event.error) failure = event.error;
            },
          );
        });
        if (!(await imageExists(t.engine, tag))) throw new Error(`loading ${tag} into ${t.name} finished without the image`);
      }),
    );
    log(`loaded ${tag} into ${missing.map((t) => t.name).join(', ')} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

async function ensureNetwork(docker: Dockerode, name: string): Promise<void> {
  const network = clusterNames(name).network;
  const existing = await docker.listNetworks({ filters: { name: [network] } });
  if (existing.some((n) => n.Name === network)) return;
  await docker.createNetwork({ Name: network, Driver: 'bridge', Labels: labels(name, 'network'), CheckDuplicate: true });
}

async function ensureVolume(docker: Dockerode, name: string, volume: string): Promise<void> {
  try {
    await docker.getVolume(volume).inspect();
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await docker.createVolume({ Name: volume, Labels: labels(name, 'volume') });
  }
}

async function ensureReplica(docker: Dockerode, opts: UpOptions & { name: string }, i: number, tags: DeployImageTags, token: string): Promise<Dockerode.Container> {
  const names = clusterNames(opts.name);
  const name = names.replica(i);
  const container = docker.getContainer(name);
  const info = await inspectOrNull(container);
  if (info?.State.Running) return container;
  if (info && info.Config.Image !== tags.replicaHost) {
    // Built from an older server: replace the container, keep its engine's volume (the images).
    await container.remove({ force: true });
  } else if (info) {
    opts.log?.(`${name}: starting again`);
    await container.start();
    return container;
  }
  await ensureVolume(docker, opts.name, names.volume(i));
  const create = (engineAccess: Dockerode.HostConfig) =>
    docker.createContainer({
      name,
      Hostname: name,
      Image: tags.replicaHost,
      // Every replica is behind the balancer: a run on a dead engine answers 503, which nginx retries elsewhere.
      Cmd: ['serve', '--host', '0.0.0.0', '--port', String(SERVER_PORT), '--token-file', TOKEN_PATH, '--languages', opts.languages.map((l) => l.id).join(','), '--behind-balancer', ...(opts.serveArgs ?? [])],
      // executor_pod_name: the replica's name, as the downward API gives a pod its own in Kubernetes.
      Env: [`MY_POD_NAME=${name}`, 'MPLSANDBOX_AUTO_BUILD=0'],
      Labels: labels(opts.name, 'replica'),
      ExposedPorts: { [`${SERVER_PORT}/tcp`]: {}, [`${ENGINE_PORT}/tcp`]: {} },
      StopTimeout: opts.stopGraceSeconds ?? 40,
      HostConfig: {
        ...engineAccess,
        Mounts: [{ Type: 'volume', Source: names.volume(i), Target: '/var/lib/docker' }],
        PortBindings: {
          [`${SERVER_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }],
          [`${ENGINE_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }],
        },
        NetworkMode: names.network,
        RestartPolicy: { Name: 'no' },
      },
      NetworkingConfig: { EndpointsConfig: { [names.network]: { Aliases: [name] } } },
    });
  for (const mode of engineAccessModes()) {
    const created = await create(ENGINE_ACCESS[mode]);
    await putFiles(created, [{ path: TOKEN_PATH, content: `${token}\n`, mode: 0o444 }]);
    try {
      await created.start();
      engineAccess = mode;
      opts.log?.(`${name}: created${mode === 'privileged' ? '' : ' (every capability the host engine grants; it cannot grant --privileged)'}`);
      return created;
    } catch (err) {
      await created.remove({ force: true });
      if (mode !== 'privileged' || !/apply caps|operation not permitted/i.test((err as Error).message)) throw err;
    }
  }
  throw new Error(`${name} could not start`);
}

/**
 * What a container needs to run a Docker engine of its own. `privileged` where the host's engine can grant
 * it; some cannot (a VM whose capability bounding set lacks CAP_SYS_RESOURCE makes every --privileged
 * container fail with "unable to apply caps"), and there the same access comes piece by piece: every other
 * capability, no seccomp or AppArmor confinement, /proc and /sys unmasked (start-engine.sh then makes the
 * cgroup mounts writable).
 */
const ENGINE_ACCESS: Record<'privileged' | 'capabilities', Dockerode.HostConfig> = {
  privileged: { Privileged: true },
  capabilities: {
    CapAdd: ['ALL'],
    CapDrop: ['SYS_RESOURCE'],
    SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined', 'label=disable'],
    MaskedPaths: [],
    ReadonlyPaths: [],
  },
};
let engineAccess: keyof typeof ENGINE_ACCESS | undefined;
const engineAccessModes = (): (keyof typeof ENGINE_ACCESS)[] => (engineAccess ? [engineAccess] : ['privileged', 'capabilities']);

async function ensureBalancer(docker: Dockerode, opts: UpOptions & { name: string }, tags: DeployImageTags, token: string, replicaNames: string[]): Promise<Dockerode.Container> {
  const names = clusterNames(opts.name);
  const container = docker.getContainer(names.balancer);
  let info = await inspectOrNull(container);
  const port = opts.port ?? DEFAULT_BALANCER_PORT;
  const published = info ? Number(info.HostConfig.PortBindings?.['8080/tcp']?.[0]?.HostPort) : undefined;
  if (info && (info.Config.Image !== tags.balancer || published !== port)) {
    await container.remove({ force: true });
    info = null;
  }
  const files = [
    { path: '/etc/nginx/mplsandbox/replicas', content: `${replicaNames.join('\n')}\n` },
    // The balancer adds the replicas' token: it is reachable only on this machine's loopback, like a
    // server started without a token, while the replicas listen on the cluster network.
    { path: '/etc/nginx/mplsandbox/auth.conf', content: `map $host $mplsandbox_authorization { default "Bearer ${token}"; }\n`, mode: 0o600 },
  ];
  if (info) {
    await putFiles(container, files);
    if (!info.State.Running) await container.start();
    return container;
  }
  const created = await docker.createContainer({
    name: names.balancer,
    Image: tags.balancer,
    Labels: labels(opts.name, 'balancer'),
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: {
      PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] },
      NetworkMode: names.network,
      RestartPolicy: { Name: 'no' },
    },
  });
  await putFiles(created, files);
  try {
    await created.start();
  } catch (err) {
    await created.remove({ force: true });
    throw new Error(`the balancer could not start on 127.0.0.1:${port}: ${(err as Error).message.split('\n').pop()}; pick another with --port`);
  }
  return created;
}

/** Replicas the balancer sends traffic to: the upstream list its watcher has had nginx load. */
export async function balancerUpstreams(docker: Dockerode, name: string): Promise<string[]> {
  const text = await readFileIn(docker.getContainer(clusterNames(name).balancer), '/etc/nginx/mplsandbox/upstream.applied');
  return (text ?? '')
    .split('\n')
    .filter((l) => /^server /.test(l) && !/ down;/.test(l))
    .map((l) => l.replace(/^.*# /, '').trim());
}

export async function listReplicas(docker: Dockerode, name: string): Promise<ReplicaInfo[]> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${CLUSTER_NAME_LABEL}=${name}`, `${CLUSTER_ROLE_LABEL}=replica`] } });
  const infos = await Promise.all(list.map((c) => docker.getContainer(c.Id).inspect()));
  return infos
    .map((info) => ({
      name: info.Name.replace(/^\//, ''),
      running: info.State.Running,
      serverUrl: info.State.Running ? publishedUrl(info, SERVER_PORT) : undefined,
      engineUrl: info.State.Running ? publishedUrl(info, ENGINE_PORT) : undefined,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}

export async function up(docker: Dockerode, opts: UpOptions): Promise<ClusterInfo> {
  const name = opts.name ?? DEFAULT_CLUSTER_NAME;
  const log = opts.log ?? (() => {});
  const o = { ...opts, name, log };
  if (!Number.isInteger(opts.replicas) || opts.replicas < 1) throw new Error('--replicas must be a whole number of at least 1');
  const names = clusterNames(name);

  log('images: the deployment images (server, replica host, balancer) and the sandbox images');
  const tags = await ensureDeployImages(docker, opts.root, { signal: opts.signal, onProgress: (p) => /^Step \d+\/\d+/.test(p.line) && log(`  ${p.image}: ${p.line}`) });
  const manager = new ImageManager(docker);
  const sandboxTags = [...new Set(await Promise.all(opts.languages.map((l) => manager.ensure(l, { autoBuild: true, signal: opts.signal }))))];

  const { token, file: tokenFile } = clusterToken(opts.root, name);
  await ensureNetwork(docker, name);

  // Scale down first: a replica beyond N drains (SIGTERM, then the grace period) and goes with its volume.
  for (const r of await listReplicas(docker, name)) {
    const index = Number(/-replica-(\d+)$/.exec(r.name)?.[1]);
    if (index > opts.replicas) {
      log(`${r.name}: draining and removing (scaling down to ${opts.replicas})`);
      const c = docker.getContainer(r.name);
      if (r.running) await c.stop({ t: opts.stopGraceSeconds ?? 40 }).catch(() => {});
      await c.remove({ force: true, v: true });
      await docker.getVolume(names.volume(index)).remove().catch(() => {});
    }
  }

  const replicaNames = Array.from({ length: opts.replicas }, (_, k) => names.replica(k + 1));
  await Promise.all(replicaNames.map((_, k) => ensureReplica(docker, o, k + 1, tags, token)));
  const timeout = opts.readyTimeoutMs ?? 300_000;
  const engines = await Promise.all(
    replicaNames.map(async (replica) => {
      const info = await docker.getContainer(replica).inspect();
      const engineUrl = publishedUrl(info, ENGINE_PORT);
      const serverUrl = publishedUrl(info, SERVER_PORT);
      if (!engineUrl || !serverUrl) throw new Error(`${replica} has no published ports`);
      const u = new URL(engineUrl);
      const engine = new Dockerode({ host: u.hostname, port: Number(u.port), protocol: 'http' });
      await waitFor(`${replica}'s engine answering`, timeout, async () => ((await engine.ping()) ? true : undefined), opts.signal);
      return { name: replica, engine, serverUrl };
    }),
  );
  await copyImages(docker, engines, sandboxTags, log);
  await Promise.all(
    engines.map(async ({ name: replica, serverUrl }) => {
      await waitFor(`${replica}'s /healthz answering 200`, timeout, async () => ((await httpStatus(`${serverUrl}/healthz`)) === 200 ? true : undefined), opts.signal);
      log(`${replica}: healthy`);
    }),
  );

  await ensureBalancer(docker, o, tags, token, replicaNames);
  const url = `http://127.0.0.1:${opts.port ?? DEFAULT_BALANCER_PORT}`;
  await waitFor(
    `the balancer sending to all ${opts.replicas} replicas`,
    timeout,
    async () => {
      const upstreams = await balancerUpstreams(docker, name);
      if (!replicaNames.every((r) => upstreams.includes(r))) return undefined;
      return (await httpStatus(`${url}/v1/ping`)) === 200 ? true : undefined;
    },
    opts.signal,
  );
  return { name, url, tokenFile, replicas: await listReplicas(docker, name) };
}

export interface DownResult {
  containers: number;
  volumes: number;
  networks: number;
}

export async function down(docker: Dockerode, opts: Omit<ClusterOptions, 'root'> & { root?: string }): Promise<DownResult> {
  const name = opts.name ?? DEFAULT_CLUSTER_NAME;
  const filter = { label: [`${CLUSTER_NAME_LABEL}=${name}`] };
  const containers = await docker.listContainers({ all: true, filters: filter });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
  const { Volumes: volumes } = await docker.listVolumes({ filters: filter });
  for (const v of volumes ?? []) await docker.getVolume(v.Name).remove();
  const networks = await docker.listNetworks({ filters: filter });
  for (const n of networks) await docker.getNetwork(n.Id).remove();
  opts.log?.(`removed ${containers.length} container(s), ${(volumes ?? []).length} volume(s), ${networks.length} network(s) of ${name}`);
  return { containers: containers.length, volumes: (volumes ?? []).length, networks: networks.length };
}
