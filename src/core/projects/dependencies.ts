// A project's dependencies, from its manifest: what goes into the dependency image's build context and
// how it is installed. The image is built FROM the language's sandbox image with the dependencies
// installed during the build (the only step with network) and tagged by a hash of the language image,
// the install recipe and the manifest + lock files, so it is reused until one of them changes. Runs stay
// offline: the sandbox finds the installed packages at fixed paths (plans/types.ts, DEPENDENCY_PATHS).
import { MplSandboxError } from '../errors';
import { createHash } from 'node:crypto';
import { parse as parseToml } from 'smol-toml';
import type { LanguageId } from '../languages/types';
import type { ContextFile } from '../sandbox/images';
import { DEPENDENCY_PATHS, dirOf, join } from './plans/types';
import type { ProjectFile, ProjectRequest } from './types';

export type Ecosystem = 'npm' | 'pip' | 'go' | 'cargo';

export interface DependencySet {
  language: LanguageId;
  ecosystem: Ecosystem;
  /** Build-context files at their paths under the project folder of the context (manifest, lock, local packages). */
  files: ProjectFile[];
  /** What the set comes from, for logs and errors: `package.json + package-lock.json`, `libraries lodash, chalk`. */
  source: string;
  /** Folder (relative to the project root) where the manifest is, and where the install runs. */
  dir: string;
}

/** Repository of dependency images; each tag is `<language>-<hash>`. */
export const DEPENDENCY_REPOSITORY = 'mplsandbox/deps';
export const DEPENDENCY_LABEL = 'io.mplsandbox.dependencies';
export const DEPENDENCY_BASE_LABEL = 'io.mplsandbox.base';

export { REGISTRY_BUILD_ARGS } from '../sandbox/build-registry-access';
import { certificatesFile, REGISTRY_BUILD_ARGS } from '../sandbox/build-registry-access';

function fileAt(project: ProjectRequest, path: string): ProjectFile | undefined {
  return project.files.find((f) => f.path === path);
}

function text(f: ProjectFile): string {
  return typeof f.content === 'string' ? f.content : f.content.toString('utf8');
}

/** The manifest folder: the nearest folder at or above the entry that has one of `names`. */
function manifestDir(project: ProjectRequest, names: string[]): string | undefined {
  for (let d = dirOf(project.entry ?? ''); ; d = dirOf(d)) {
    if (names.some((n) => fileAt(project, join(d, n)))) return d;
    if (d === '') return undefined;
  }
}

/** The project's files under `folder` (a local package a manifest points at), at their paths. */
function filesUnder(project: ProjectRequest, folder: string): ProjectFile[] {
  const prefix = folder.replace(/\/$/, '');
  return project.files.filter((f) => f.path === prefix || f.path.startsWith(`${prefix}/`));
}

/** Resolves `rel` (`./vendor/x`, `../lib`) against `dir`; undefined when it leaves the project. */
function resolveInProject(dir: string, rel: string): string | undefined {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.replace(/\/+$/, '').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/** Lines of a requirements file that name something to install (not comments, not blank). */
function requirementLines(content: string): string[] {
  return content
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
}

function npmSet(project: ProjectRequest, language: LanguageId): DependencySet | undefined {
  const dir = manifestDir(project, ['package.json']);
  if (dir === undefined) return undefined;
  const manifest = fileAt(project, join(dir, 'package.json'))!;
  let pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  try {
    pkg = JSON.parse(text(manifest));
  } catch {
    return undefined;
  }
  const all = { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies };
  if (Object.keys(all).length === 0) return undefined;
  const lock = ['package-lock.json', 'npm-shrinkwrap.json'].map((n) => fileAt(project, join(dir, n))).find(Boolean);
  const local = Object.values(all)
    .filter((v) => typeof v === 'string' && v.startsWith('file:'))
    .flatMap((v) => {
      const folder = resolveInProject(dir, v.slice(5));
      return folder === undefined ? [] : filesUnder(project, folder);
    });
  return {
    language,
    ecosystem: 'npm',
    dir,
    files: [manifest, ...(lock ? [lock] : []), ...local],
    source: lock ? `package.json + ${lock.path.slice(lock.path.lastIndexOf('/') + 1)}` : 'package.json',
  };
}

function pipSet(project: ProjectRequest): DependencySet | undefined {
  const dir = manifestDir(project, ['requirements.txt', 'pyproject.toml']);
  if (dir === undefined) return undefined;
  const files: ProjectFile[] = [];
  const sources: string[] = [];
  const req = fileAt(project, join(dir, 'requirements.txt'));
  const requirements: string[] = [];
  if (req) {
    // Files it includes (-r, -c) and local packages it installs from a folder come along.
    const pending = [req];
    const seen = new Set<string>();
    while (pending.length) {
      const f = pending.pop()!;
      if (seen.has(f.path)) continue;
      seen.add(f.path);
      files.push(f);
      for (const line of requirementLines(text(f))) {
        const include = /^(?:-r|--requirement|-c|--constraint)\s*=?\s*(\S+)/.exec(line);
        const target = include ? include[1] : /^(?:-e\s+|--editable\s+)?((?:\.{1,2}\/|file:)\S*|\.)$/.exec(line)?.[1];
        if (include) {
          const inc = fileAt(project, resolveInProject(dirOf(f.path), target!) ?? '');
          if (inc) pending.push(inc);
          continue;
        }
        if (f === req) requirements.push(line);
        if (target) {
          const folder = resolveInProject(dirOf(f.path), target.replace(/^file:(\/\/)?/, ''));
          if (folder !== undefined && folder !== dir) files.push(...filesUnder(project, folder));
        }
      }
    }
    if (requirements.length) sources.push('requirements.txt');
  }
  const pyproject = fileAt(project, join(dir, 'pyproject.toml'));
  let declared: string[] = [];
  if (pyproject) {
    try {
      const parsed = parseToml(text(pyproject)) as { project?: { dependencies?: unknown } };
      declared = Array.isArray(parsed.project?.dependencies) ? parsed.project.dependencies.filter((d): d is string => typeof d === 'string') : [];
    } catch {
      declared = [];
    }
    if (declared.length) {
      // Only the dependency list goes in, not the project: its sources change at every edit.
      files.push({ path: join(dir, '.mplsandbox-pyproject-requirements.txt'), content: `${declared.join('\n')}\n` });
      sources.push('pyproject.toml [project.dependencies]');
    }
  }
  if (!sources.length) return undefined;
  return { language: 'python', ecosystem: 'pip', dir, files: dedupe(files), source: sources.join(' + ') };
}

function goSet(project: ProjectRequest): DependencySet | undefined {
  const dir = manifestDir(project, ['go.mod']);
  if (dir === undefined) return undefined;
  const mod = fileAt(project, join(dir, 'go.mod'))!;
  if (!/^\s*require\b/m.test(text(mod))) return undefined;
  const sum = fileAt(project, join(dir, 'go.sum'));
  return { language: 'go', ecosystem: 'go', dir, files: [mod, ...(sum ? [sum] : [])], source: sum ? 'go.mod + go.sum' : 'go.mod' };
}

function cargoSet(project: ProjectRequest): DependencySet | undefined {
  const dir = manifestDir(project, ['Cargo.toml']);
  if (dir === undefined) return undefined;
  const manifest = fileAt(project, join(dir, 'Cargo.toml'))!;
  let parsed: Record<string, unknown>;
  try {
    parsed = parseToml(text(manifest)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const count = ['dependencies', 'dev-dependencies', 'build-dependencies'].reduce((n, k) => n + Object.keys((parsed[k] as object | undefined) ?? {}).length, 0);
  if (count === 0) return undefined;
  const lock = fileAt(project, join(dir, 'Cargo.lock'));
  return { language: 'rust', ecosystem: 'cargo', dir, files: [manifest, ...(lock ? [lock] : [])], source: lock ? 'Cargo.toml + Cargo.lock' : 'Cargo.toml' };
}

function dedupe(files: ProjectFile[]): ProjectFile[] {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.path) && (seen.add(f.path), true));
}

/** The dependencies a project declares for the entry's language, or undefined when it needs none. */
export function projectDependencies(language: LanguageId, project: ProjectRequest): DependencySet | undefined {
  switch (language) {
    case 'javascript':
    case 'typescript':
      return npmSet(project, language);
    case 'python':
      return pipSet(project);
    case 'go':
      return goSet(project);
    case 'rust':
      return cargoSet(project);
    default:
      return undefined;
  }
}

export class LibrariesError extends MplSandboxError {
  constructor(message: string) {
    super('libraries', message);
  }
}

const NPM_SPEC = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(@[\w.^~<>=*| -]+)?$/i;
const PIP_SPEC = /^[A-Za-z0-9][\w.-]*(\[[\w,.-]+\])?\s*([<>=!~]=?[\w.*+-]+(\s*,\s*[<>=!~]=?[\w.*+-]+)*)?$/;

/**
 * MPLSandbox's `libraries` as a dependency set: an image per (language, library set), built the same
 * way as a project's. Names are checked (they end up in a manifest, never in a shell command).
 */
export function libraryDependencies(language: LanguageId, libraries: readonly string[]): DependencySet {
  const libs = [...new Set(libraries.map((l) => l.trim()).filter(Boolean))].sort();
  if (language === 'javascript' || language === 'typescript') {
    const bad = libs.filter((l) => !NPM_SPEC.test(l));
    if (bad.length) throw new LibrariesError(`libraries: ${bad.join(', ')} not an npm package name (name or name@version)`);
    const deps = Object.fromEntries(
      libs.map((l) => {
        const at = l.lastIndexOf('@');
        return at > 0 ? [l.slice(0, at), l.slice(at + 1)] : [l, '*'];
      }),
    );
    const manifest = JSON.stringify({ name: 'mplsandbox-libraries', private: true, dependencies: deps }, null, 2);
    return { language, ecosystem: 'npm', dir: '', files: [{ path: 'package.json', content: `${manifest}\n` }], source: `libraries ${libs.join(', ')}` };
  }
  if (language === 'python') {
    const bad = libs.filter((l) => !PIP_SPEC.test(l));
    if (bad.length) throw new LibrariesError(`libraries: ${bad.join(', ')} not a Python requirement (name, name==version)`);
    return { language, ecosystem: 'pip', dir: '', files: [{ path: 'requirements.txt', content: `${libs.join('\n')}\n` }], source: `libraries ${libs.join(', ')}` };
  }
  throw new LibrariesError(`libraries are installed for Python (pip) and JavaScript/TypeScript (npm), not for ${language}: put the libraries into the language's image instead`);
}

const CONTEXT_DIR = 'project';
const CA_DIR = 'ca';
const WORK = '/opt/mplsandbox/project';

/** The install steps of one ecosystem, run as root in a build stage FROM the language image. */
function installSteps(set: DependencySet): { tools: string; install: string[]; copy: string[] } {
  const wd = set.dir ? `${WORK}/${set.dir}` : WORK;
  switch (set.ecosystem) {
    case 'npm': {
      const lock = set.files.some((f) => /(^|\/)(package-lock|npm-shrinkwrap)\.json$/.test(f.path));
      return {
        tools: 'npm ca-certificates',
        // A lock is installed exactly as locked; without one npm resolves the ranges (and the tag follows package.json).
        install: [`cd ${wd} && npm ${lock ? 'ci' : 'install'} --no-audit --no-fund --fetch-retries=1`],
        copy: [`COPY --from=deps ${wd}/node_modules ${DEPENDENCY_PATHS.node}`],
      };
    }
    case 'pip': {
      const reqs = set.files.filter((f) => dirOf(f.path) === set.dir && /(^|\/)(requirements\.txt|\.mplsandbox-pyproject-requirements\.txt)$/.test(f.path));
      // No build isolation: local packages build with the image's setuptools instead of fetching it per package.
      return {
        tools: 'python3-pip python3-setuptools python3-wheel ca-certificates',
        install: [
          `cd ${wd} && python3 -m pip install --no-cache-dir --disable-pip-version-check --no-build-isolation --break-system-packages --retries 1 --timeout 20 --target ${DEPENDENCY_PATHS.python} ${reqs.map((r) => `-r ${r.path.slice(r.path.lastIndexOf('/') + 1)}`).join(' ')}`,
        ],
        copy: [`COPY --from=deps ${DEPENDENCY_PATHS.python} ${DEPENDENCY_PATHS.python}`],
      };
    }
    case 'go':
      return {
        tools: 'ca-certificates git',
        install: [`cd ${wd} && GOMODCACHE=${DEPENDENCY_PATHS.goModCache} GOFLAGS=-mod=mod go mod download && chmod -R a+rX ${DEPENDENCY_PATHS.goModCache}`],
        copy: [`COPY --from=deps ${DEPENDENCY_PATHS.goModCache} ${DEPENDENCY_PATHS.goModCache}`],
      };
    case 'cargo':
      return {
        tools: 'ca-certificates',
        // cargo needs a target to read the manifest; the sources are not part of the image.
        install: [
          `cd ${wd} && mkdir -p src && { [ -e src/main.rs ] || [ -e src/lib.rs ] || touch src/lib.rs; } && CARGO_HOME=/tmp/cargo cargo vendor --locked ${DEPENDENCY_PATHS.cargoVendor} || CARGO_HOME=/tmp/cargo cargo vendor ${DEPENDENCY_PATHS.cargoVendor}`,
          `mkdir -p /.cargo && printf '[source.crates-io]\\nreplace-with = "mplsandbox-vendor"\\n\\n[source.mplsandbox-vendor]\\ndirectory = "${DEPENDENCY_PATHS.cargoVendor}"\\n' > /.cargo/config.toml`,
        ],
        copy: [`COPY --from=deps ${DEPENDENCY_PATHS.cargoVendor} ${DEPENDENCY_PATHS.cargoVendor}`, 'COPY --from=deps /.cargo/config.toml /.cargo/config.toml'],
      };
  }
}

/** The Dockerfile of a dependency image over `baseTag`. */
export function dependencyDockerfile(baseTag: string, set: DependencySet): string {
  const { tools, install, copy } = installSteps(set);
  return [
    `# Dependencies of ${set.source}: installed here, at build time, the only step with network.`,
    `FROM ${baseTag} AS deps`,
    'USER root',
    ...REGISTRY_BUILD_ARGS.map((a) => `ARG ${a}`),
    `RUN apt-get update && apt-get install -y --no-install-recommends ${tools} && rm -rf /var/lib/apt/lists/*`,
    // Extra certificate authorities of the caller (a TLS-inspecting proxy) for this stage only: the final image has none.
    `COPY ${CA_DIR}/ /usr/local/share/ca-certificates/mplsandbox/`,
    'RUN update-ca-certificates >/dev/null',
    'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt PIP_CERT=/etc/ssl/certs/ca-certificates.crt',
    `COPY ${CONTEXT_DIR}/ ${WORK}/`,
    ...install.map((c) => `RUN ${c}`),
    '',
    `FROM ${baseTag}`,
    ...copy,
    '',
  ].join('\n');
}

/**
 * The build context: the Dockerfile, the set's files under `project/`, and under `ca/` the caller's extra CA
 * certificates (PEM, e.g. NODE_EXTRA_CA_CERTS' file), which are not part of the tag's hash.
 */
export function dependencyContext(baseTag: string, set: DependencySet, extraCaPem?: Buffer): ContextFile[] {
  return [
    { name: 'Dockerfile', content: Buffer.from(dependencyDockerfile(baseTag, set)), mode: 0o644 },
    certificatesFile(CA_DIR, extraCaPem),
    ...set.files.map((f) => ({ name: `${CONTEXT_DIR}/${f.path}`, content: typeof f.content === 'string' ? Buffer.from(f.content) : f.content, mode: 0o644 })),
  ];
}

/** Tag of the dependency image: a hash of the language image, the recipe and the manifest + lock files. */
export function dependencyImageTag(baseTag: string, set: DependencySet): string {
  const h = createHash('sha256');
  for (const f of dependencyContext(baseTag, set).filter((c) => !c.name.startsWith(`${CA_DIR}/`)).sort((a, b) => (a.name < b.name ? -1 : 1))) h.update(f.name).update('\0').update(f.content).update('\0');
  return `${DEPENDENCY_REPOSITORY}:${set.language}-${h.digest('hex').slice(0, 16)}`;
}
