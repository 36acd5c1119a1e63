import { existsSync, statSync } from 'node:fs';
import { planBuilds } from '../../core/sandbox/build-order';
import { parseCommandArgs } from '../input';
import type { CliCommand } from '../cli-types';
import { EnvironmentError, UsageError } from '../cli-types';
import { LANGUAGES, findLanguage, languageForExtension, supportedLanguageList } from '../../core/languages/registry';
import type { LanguageSpec } from '../../core/languages/types';
import { checkDocker, connectDocker, DockerUnavailableError } from '../../core/sandbox/docker-connection';
import { collectProjectFiles } from '../../core/projects/collect';
import { removeDependencyImages } from '../../core/projects/dependency-images';
import { buildImage, findImagesDir, imageExists, imageTag, removeOutdatedImages } from '../../core/sandbox/images';
import { pullImage, pushImage, RegistryError } from '../../core/sandbox/registry';

const USAGE = `Usage:
  mplsandbox images build [--all | LANG… | --used-in DIR] [--parallel N] [--no-cache]
      Build the sandbox images (only those whose Dockerfile changed, unless --no-cache). --used-in DIR
      builds those of the languages DIR's files are written in (by extension, .gitignore honoured); the
      others are built when a run first needs them.
  mplsandbox images list [--json]
      Show each language's image tag and whether it is built.
  mplsandbox images prune [--dependencies]
      Remove the sandbox images of earlier Dockerfile versions (other tags of mplsandbox/<language>) and
      the projects' dependency images built over them; with --dependencies, every dependency image
      (each is rebuilt from its manifest when a project next needs it).
  mplsandbox images push --registry R [--all | LANG… | --languages a,b]
      Push the built images to a registry as R/mplsandbox/<image>:<hash>, for a deployment's engines.
  mplsandbox images pull --registry R [--build-missing] [--all | LANG… | --languages a,b]
      Pull them from R into this engine under their local names; with --build-missing, build what the
      registry lacks (or everything, when R is empty) from the Debian base instead.

Environment: DOCKER_HOST selects the engine (unix://, tcp://, ssh://); MPLSANDBOX_REGISTRY_USERNAME and
MPLSANDBOX_REGISTRY_PASSWORD log in to the registry (otherwise it is used anonymously).`;

/** The languages that the files under `dir` are written in, by extension (the folder read as a project). */
export function languagesUsedIn(dir: string): LanguageSpec[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--used-in ${dir}: no such folder`);
  const used = new Set(collectProjectFiles(dir).files.map((f) => languageForExtension(f.path)));
  return LANGUAGES.filter((l) => used.has(l));
}

function selectTargets(values: { all?: boolean; languages?: string; 'used-in'?: string }, positionals: string[]): LanguageSpec[] {
  const names = [...positionals, ...(values.languages ?? '').split(',').map((n) => n.trim()).filter(Boolean)];
  if (values['used-in'] !== undefined) {
    if (values.all || names.length) throw new UsageError('--used-in DIR replaces --all and the language names: give one of them');
    return languagesUsedIn(values['used-in']);
  }
  if (values.all || names.length === 0) {
    if (!values.all) throw new UsageError('name the languages, pass --all, or --used-in DIR');
    return [...LANGUAGES];
  }
  return names.map((name) => {
    const lang = findLanguage(name);
    if (!lang) throw new UsageError(`unknown language '${name}'; supported: ${supportedLanguageList()}`);
    return lang;
  });
}

export const imagesCommand: CliCommand = {
  name: 'images',
  summary: 'Build or list the per-language sandbox images',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const { values, positionals } = parseCommandArgs(rest, {
      all: { type: 'boolean' },
      parallel: { type: 'string' },
      'no-cache': { type: 'boolean' },
      json: { type: 'boolean' },
      registry: { type: 'string' },
      languages: { type: 'string' },
      'build-missing': { type: 'boolean' },
      dependencies: { type: 'boolean' },
      'used-in': { type: 'string' },
    });
    const docker = connectDocker({ host: io.env.DOCKER_HOST });
    try {
      await checkDocker(docker);
    } catch (err) {
      if (err instanceof DockerUnavailableError) throw new EnvironmentError(err.message);
      throw err;
    }
    const imagesDir = findImagesDir();

    if (sub === 'list') {
      const rows = await Promise.all(
        LANGUAGES.map(async (l) => {
          try {
            const tag = imageTag(imagesDir, l.image);
            return { language: l.id, tag, built: await imageExists(docker, tag) };
          } catch (err) {
            return { language: l.id, tag: `(${(err as Error).message})`, built: false };
          }
        }),
      );
      if (values.json) io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else for (const r of rows) io.stdout.write(`${r.language.padEnd(11)} ${r.built ? 'built  ' : 'missing'} ${r.tag}\n`);
      return 0;
    }
    if (sub === 'prune') {
      let removed = 0;
      for (const image of new Set(LANGUAGES.map((l) => l.image))) {
        for (const tag of await removeOutdatedImages(docker, image, imageTag(imagesDir, image))) {
          io.stdout.write(`removed ${tag}\n`);
          removed++;
        }
      }
      const current = new Set(LANGUAGES.map((l) => imageTag(imagesDir, l.image)));
      for (const tag of await removeDependencyImages(docker, { currentBaseTags: current, all: values.dependencies })) {
        io.stdout.write(`removed ${tag}\n`);
        removed++;
      }
      io.stderr.write(`${removed} outdated image(s) removed\n`);
      return 0;
    }
    if (sub === 'push' || sub === 'pull') {
      if (values.registry === undefined) throw new UsageError(`${sub} needs --registry host[:port][/path]`);
      const registry = values.registry.trim();
      if (!registry && !(sub === 'pull' && values['build-missing'])) throw new UsageError('--registry is empty');
      const images = [...new Set(selectTargets(values, positionals).map((t) => t.image))];
      const missing: string[] = [];
      for (const image of images) {
        const tag = imageTag(imagesDir, image);
        try {
          if (sub === 'push') {
            if (!(await imageExists(docker, tag))) throw new RegistryError(`${tag} is not built here: run \`mplsandbox images build ${image}\` first`);
            io.stderr.write(`${image}: pushed ${await pushImage(docker, tag, registry)}\n`);
          } else if (await imageExists(docker, tag)) {
            io.stderr.write(`${image}: already here (${tag})\n`);
          } else if (registry) {
            io.stderr.write(`${image}: pulled ${await pullImage(docker, tag, registry)}\n`);
          } else {
            missing.push(image);
          }
        } catch (err) {
          if (!(err instanceof RegistryError) || sub === 'push' || !values['build-missing']) throw new EnvironmentError((err as Error).message);
          io.stderr.write(`${image}: ${(err as Error).message}; building it instead\n`);
          missing.push(image);
        }
      }
      if (missing.length === 0) return 0;
      return buildImages(missing);
    }
    if (sub !== 'build') throw new UsageError(`expected 'build', 'list', 'prune', 'push' or 'pull'\n${USAGE}`);
    return buildImages([...new Set(selectTargets(values, positionals).map((t) => t.image))]);

    async function buildImages(images: string[]): Promise<number> {
      const parallel = Math.max(1, Number(values.parallel ?? 3) || 1);
      let queue: string[] = [];
      const failures: string[] = [];
      let built = 0;
      const worker = async () => {
        for (let image = queue.shift(); image; image = queue.shift()) {
          const tag = imageTag(imagesDir, image);
          if (!values['no-cache'] && (await imageExists(docker, tag))) {
            io.stderr.write(`${image}: up to date (${tag})\n`);
            continue;
          }
          const t0 = Date.now();
          io.stderr.write(`${image}: building ${tag}\n`);
          try {
            await buildImage(docker, imagesDir, image, {
              noCache: values['no-cache'],
              signal: io.signal,
              onProgress: (p) => {
                if (/^Step \d+\/\d+/.test(p.line)) io.stderr.write(`${image}: ${p.line}\n`);
              },
            });
            built++;
            io.stderr.write(`${image}: built in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            const log = (err as { log?: string }).log;
            failures.push(`${image}: ${message}`);
            io.stderr.write(`${image}: FAILED: ${message}\n${log ? log.split('\n').slice(-25).join('\n') : ''}\n`);
          }
        }
      };
      // Images that share a first layer (the agent stage, the JDK) wait for one of them to build it: see build-order.ts.
      const plan = planBuilds(imagesDir, images);
      for (const phase of [plan.seeds, plan.rest]) {
        queue = [...phase];
        await Promise.all(Array.from({ length: Math.min(parallel, Math.max(1, phase.length)) }, worker));
      }
      if (failures.length) {
        io.stderr.write(`${failures.length} image(s) failed:\n  ${failures.join('\n  ')}\n`);
        return 1;
      }
      io.stderr.write(`images ready (${built} built)\n`);
      return 0;
    }
  },
};
