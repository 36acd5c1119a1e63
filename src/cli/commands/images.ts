import { parseCommandArgs } from '../input';
import type { CliCommand } from '../cli-types';
import { EnvironmentError, UsageError } from '../cli-types';
import { LANGUAGES, findLanguage, supportedLanguageList } from '../../core/languages/registry';
import type { LanguageSpec } from '../../core/languages/types';
import { checkDocker, connectDocker, DockerUnavailableError } from '../../core/sandbox/docker-connection';
import { removeDependencyImages } from '../../core/projects/dependency-images';
import { buildImage, findImagesDir, imageExists, imageTag, removeOutdatedImages } from '../../core/sandbox/images';

const USAGE = `Usage:
  mplsandbox images build [--all | LANG…] [--parallel N] [--no-cache]
      Build the sandbox images (only those whose Dockerfile changed, unless --no-cache).
  mplsandbox images list [--json]
      Show each language's image tag and whether it is built.
  mplsandbox images prune [--dependencies]
      Remove the sandbox images of earlier Dockerfile versions (other tags of mplsandbox/<language>) and
      the projects' dependency images built over them; with --dependencies, every dependency image
      (each is rebuilt from its manifest when a project next needs it).

Environment: DOCKER_HOST selects the engine (unix://, tcp://, ssh://).`;

export const imagesCommand: CliCommand = {
  name: 'images',
  summary: 'Build or list the per-language sandbox images',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const { values, positionals } = parseCommandArgs(rest, { all: { type: 'boolean' }, parallel: { type: 'string' }, 'no-cache': { type: 'boolean' }, json: { type: 'boolean' }, dependencies: { type: 'boolean' } });
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
    if (sub !== 'build') throw new UsageError(`expected 'build', 'list' or 'prune'\n${USAGE}`);

    let targets: LanguageSpec[];
    if (values.all || positionals.length === 0) {
      if (!values.all) throw new UsageError('name the languages to build, or pass --all');
      targets = [...LANGUAGES];
    } else {
      targets = positionals.map((name) => {
        const lang = findLanguage(name);
        if (!lang) throw new UsageError(`unknown language '${name}'; supported: ${supportedLanguageList()}`);
        return lang;
      });
    }
    const parallel = Math.max(1, Number(values.parallel ?? 3) || 1);
    const queue = [...new Set(targets.map((t) => t.image))];
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
    await Promise.all(Array.from({ length: parallel }, worker));
    if (failures.length) {
      io.stderr.write(`${failures.length} image(s) failed:\n  ${failures.join('\n  ')}\n`);
      return 1;
    }
    io.stderr.write(`images ready (${built} built)\n`);
    return 0;
  },
};
