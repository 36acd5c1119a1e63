// `npm run cluster -- up|down|status|images`: the multi-host topology of deploy/kubernetes on one machine.
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { findLanguage, LANGUAGES, supportedLanguageList } from '../core/languages/registry';
import type { LanguageSpec } from '../core/languages/types';
import { checkDocker, connectDocker } from '../core/sandbox/docker-connection';
import { findImagesDir, imageExists, imageTag } from '../core/sandbox/images';
import { ensureDeployImages, ensureEngineImage } from './deploy-images';
import { balancerUpstreams, DEFAULT_BALANCER_PORT, DEFAULT_CLUSTER_NAME, down, listReplicas, up } from './local-cluster';

export const USAGE = `Usage: npm run cluster -- <command> [options]
  up --replicas N [--port P] [--languages python,…] [--name NAME] [--grace S] [--max-concurrency C]
      Start N replica hosts (each a privileged container with its own Docker engine and the server,
      the sandbox images loaded into it from this engine) behind an nginx balancer on 127.0.0.1:P
      (default ${DEFAULT_BALANCER_PORT}); returns when every replica is healthy. Again with another N to scale,
      or after a replica died to bring it back. Languages default to those whose image is built here.
  down [--name NAME]      Remove every container, volume and network of the cluster.
  status [--name NAME]    The replicas, their state and which ones the balancer sends to.
  images                  Only build the deployment images (server, replica host, balancer, and the
                          Kubernetes engine sidecar), printing their tags.
Environment: DOCKER_HOST selects the engine the cluster runs on (published ports are on its 127.0.0.1).`;

class UsageError extends Error {}

function parseLanguages(value: string | undefined, built: LanguageSpec[]): LanguageSpec[] {
  if (!value) {
    if (built.length === 0) throw new UsageError('no sandbox image is built here: pass --languages python,… (they are built first)');
    return built;
  }
  return value.split(',').map((name) => {
    const lang = findLanguage(name.trim());
    if (!lang) throw new UsageError(`unknown language '${name}'; supported: ${supportedLanguageList()}`);
    return lang;
  });
}

function positiveInt(value: string | undefined, flag: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`${flag} is required`);
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number of at least 1, not '${value}'`);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      options: {
        replicas: { type: 'string' },
        port: { type: 'string' },
        languages: { type: 'string' },
        name: { type: 'string' },
        grace: { type: 'string' },
        'max-concurrency': { type: 'string' },
      },
    });
  } catch (err) {
    process.stderr.write(`cluster: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const v = parsed.values;
  const name = v.name ?? DEFAULT_CLUSTER_NAME;
  const root = dirname(findImagesDir(__dirname));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    const docker = connectDocker({ host: process.env.DOCKER_HOST });
    if (command === 'up') {
      await checkDocker(docker);
      const imagesDir = findImagesDir();
      const built: LanguageSpec[] = [];
      for (const l of LANGUAGES) if (await imageExists(docker, imageTag(imagesDir, l.image))) built.push(l);
      const info = await up(docker, {
        name,
        root,
        replicas: positiveInt(v.replicas, '--replicas'),
        port: positiveInt(v.port, '--port', DEFAULT_BALANCER_PORT),
        languages: parseLanguages(v.languages, built),
        stopGraceSeconds: positiveInt(v.grace, '--grace', 40),
        serveArgs: v['max-concurrency'] ? ['--max-concurrency', String(positiveInt(v['max-concurrency'], '--max-concurrency'))] : [],
        log,
        signal: controller.signal,
      });
      log(`${info.replicas.length} replica(s) healthy: ${info.replicas.map((r) => r.name).join(', ')}`);
      log(`replica token (the balancer adds it): ${info.tokenFile}`);
      process.stdout.write(`${info.url}\n`);
      return 0;
    }
    if (command === 'down') {
      await checkDocker(docker);
      await down(docker, { name, log });
      return 0;
    }
    if (command === 'status') {
      await checkDocker(docker);
      const replicas = await listReplicas(docker, name);
      const serving = await balancerUpstreams(docker, name).catch(() => [] as string[]);
      if (replicas.length === 0) log(`no cluster named ${name} (npm run cluster -- up --replicas N)`);
      for (const r of replicas) process.stdout.write(`${r.name.padEnd(36)} ${r.running ? 'running' : 'stopped'}  ${serving.includes(r.name) ? 'in the balancer' : 'not in the balancer'}\n`);
      return 0;
    }
    if (command === 'images') {
      await checkDocker(docker);
      const onProgress = (p: { image: string; line: string }) => /^Step \d+\/\d+/.test(p.line) && log(`${p.image}: ${p.line}`);
      const tags = { ...(await ensureDeployImages(docker, root, { onProgress })), engine: await ensureEngineImage(docker, root, { onProgress }) };
      for (const [k, tag] of Object.entries(tags)) process.stdout.write(`${k.padEnd(12)} ${tag}\n`);
      return 0;
    }
    process.stderr.write(`${USAGE}\n`);
    return 2;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`cluster ${command}: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`cluster ${command}: ${(err as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
