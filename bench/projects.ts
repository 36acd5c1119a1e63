// Benchmark of project runs, side by side in one process (this machine is noisy):
//   collection    collectProjectFiles on a folder (default: this repository) against a plain walk that reads
//                 every file except node_modules/.git (no .gitignore rules): the cost of the rules
//   dependencies  a Node project with one npm dependency: the first build of its dependency image (its own
//                 tag, removed before and after), a reuse (the tag found), and a run with the image against a
//                 single-file run of the same program without dependencies
//   node --import tsx bench/projects.ts [--runs 5] [--dir FOLDER] [--no-docker]
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { collectProjectFiles } from '../src/core/projects/collect';
import { dependencyImageTag, projectDependencies } from '../src/core/projects/dependencies';
import { DependencyImages } from '../src/core/projects/dependency-images';
import { loadProject } from '../src/core/projects/project';
import { SandboxEngine } from '../src/core/sandbox/engine';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(flag('--runs') ?? 5);
const dir = resolve(flag('--dir') ?? join(__dirname, '..'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function plainWalk(root: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        files++;
        bytes += readFileSync(p).length;
      }
    }
  };
  walk(root);
  return { files, bytes };
}

function benchCollection(): void {
  const ours: number[] = [];
  const plain: number[] = [];
  let collected = { files: 0, bytes: 0 };
  let walked = { files: 0, bytes: 0 };
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const c = collectProjectFiles(dir, { limits: { maxFiles: 1_000_000, maxBytes: 4 * 1024 ** 3 } });
    ours.push(performance.now() - t);
    collected = { files: c.files.length, bytes: c.totalBytes };
    t = performance.now();
    walked = plainWalk(dir);
    plain.push(performance.now() - t);
  }
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(`collection of ${dir} (median of ${runs}):`);
  console.log(`  collectProjectFiles  ${median(ours).toFixed(1)} ms  ${collected.files} files, ${mb(collected.bytes)} MB`);
  console.log(`  plain walk           ${median(plain).toFixed(1)} ms  ${walked.files} files, ${mb(walked.bytes)} MB (no .gitignore, no excluded folders but node_modules/.git)`);
  console.log(`  ratio                ${(median(ours) / median(plain)).toFixed(2)}x`);
}

async function benchDependencies(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'mplsandbox-bench-project-'));
  // A package name of this run's own: its dependency image is this benchmark's, removed at the end.
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: `bench-${process.pid}`, version: '1.0.0', dependencies: { 'left-pad': '1.3.0' } }));
  writeFileSync(join(root, 'index.js'), 'console.log(require("left-pad")("1", 3, "0"));\n');
  const engine = new SandboxEngine({ poolSize: 0 });
  try {
    const base = await engine.ensureImage('javascript');
    const project = loadProject(join(root, 'index.js'), { boundary: root });
    const set = projectDependencies('javascript', project)!;
    const tag = dependencyImageTag(base, set);
    await engine.docker.getImage(tag).remove().catch(() => undefined);
    const images = new DependencyImages(engine.docker);
    const first = await images.ensure(base, set, { allowBuild: true });
    const reuse: number[] = [];
    for (let i = 0; i < runs; i++) reuse.push((await images.ensure(base, set, { allowBuild: true })).ms);
    const withDeps: number[] = [];
    const single: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const r = await engine.runCode({ code: readFileSync(join(root, 'index.js'), 'utf8'), language: 'javascript', project });
      withDeps.push(performance.now() - t);
      if (r.status !== 'Accepted') throw new Error(`project run: ${r.status} ${r.message}`);
      t = performance.now();
      await engine.runCode({ code: 'console.log("001");\n', language: 'javascript' });
      single.push(performance.now() - t);
    }
    console.log(`dependency image of a Node project with left-pad (median of ${runs}):`);
    console.log(`  first build          ${(first.ms / 1000).toFixed(1)} s (built: ${first.built})`);
    console.log(`  reuse (tag found)    ${median(reuse).toFixed(1)} ms`);
    console.log(`  run with deps image  ${median(withDeps).toFixed(0)} ms   single-file run ${median(single).toFixed(0)} ms   ratio ${(median(withDeps) / median(single)).toFixed(2)}x`);
    await engine.docker.getImage(tag).remove().catch(() => undefined);
  } finally {
    await engine.close();
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  benchCollection();
  if (!args.includes('--no-docker')) await benchDependencies();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
