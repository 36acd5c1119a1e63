// Project runs in real Docker: every file of the project moves into the sandbox as frames, the language's
// project plan compiles and runs it, diagnostics land in the file that has the error, and a manifest's
// dependencies come from a cached dependency image built once (the npm registry is reachable here; the
// Python package index is not, which the pip test shows with the registry's own answer).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import { currentOwner, formatOwner, OWNER_LABEL } from '../../../src/core/sandbox/container-labels';
import type { BuildProgress } from '../../../src/core/sandbox/images';
import { fromMplRequest } from '../../../src/core/sandbox/mplsandbox-compat';
import { loadProject, projectFromFiles } from '../../../src/core/projects/project';
import { DEPENDENCY_REPOSITORY, dependencyImageTag, projectDependencies } from '../../../src/core/projects/dependencies';
import { analyzeCode } from '../../../src/core/analysis/analyze-code';
import { needs } from '../../support/tiers';
import { makeTree } from './project-fixtures';

const owner = formatOwner(currentOwner());

function lockFor(version: '1.3.0' | '1.2.0'): string {
  const integrity = {
    '1.3.0': 'sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQGinBN9yTQT3bFlCBy/aVx2HrNcqQGsdot8ghrjyrvMCoEA==',
    '1.2.0': 'sha512-OQadpCyFCT/VLniZQgym8d3/ofIJtuZyw2ibsVeIUOexKgW/osn8+mMFJbwGMPeDC4GnLzD8q115WPCDx4YRWg==',
  }[version];
  return `${JSON.stringify(
    {
      name: 'pad-demo',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'pad-demo', version: '1.0.0', dependencies: { 'left-pad': `^1.2.0` } },
        'node_modules/left-pad': { version, resolved: `https://registry.npmjs.org/left-pad/-/left-pad-${version}.tgz`, integrity, license: 'WTFPL' },
      },
    },
    null,
    2,
  )}\n`;
}

describe('project runs (real Docker)', { timeout: 900_000, ...needs('docker') }, () => {
  let engine: SandboxEngine;
  const builds: BuildProgress[] = [];
  const trees: { remove(): void }[] = [];

  before(() => {
    engine = new SandboxEngine({ maxConcurrent: 2, poolSize: 0, onBuildProgress: (p) => builds.push(p) });
  });

  /** The dependency images this file built (from the build log), removed at the end so that every run builds them anew. */
  const builtTags = () => builds.flatMap((b) => /^Successfully tagged (\S+)/.exec(b.line)?.[1] ?? []).filter((t) => t.startsWith(`${DEPENDENCY_REPOSITORY}:`));

  after(async () => {
    await engine.close();
    for (const t of trees) t.remove();
    for (const tag of new Set(builtTags())) await engine.docker.getImage(tag).remove().catch(() => undefined);
    const left = await engine.docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${owner}`] } });
    assert.deepEqual(left, [], 'no container is left');
  });

  function tree(files: Record<string, string | null>) {
    const t = makeTree(files);
    trees.push(t);
    return t.dir;
  }

  async function run(root: string, entry: string, extra: { stdin?: string } = {}) {
    const file = join(root, entry);
    const project = loadProject(file, { boundary: root });
    return engine.runCode({ code: readFileSync(file, 'utf8'), language: 'auto', fileName: file, project, ...extra });
  }

  it('Python: a sibling module, a package with python -m, and copies neither .gitignored files nor node_modules', async () => {
    const root = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'secrets.txt\nbuild-cache/\n',
      'main.py': 'import os\nfrom helper import greet\nprint(greet("world"))\nfor d, _, fs in sorted(os.walk(".")):\n    for f in sorted(fs):\n        print(os.path.join(d, f))\n',
      'helper.py': 'def greet(name):\n    return f"hello, {name}"\n',
      'secrets.txt': 'do not copy',
      'build-cache/x.bin': 'do not copy',
      'node_modules/dep/index.js': 'do not copy',
      'app/__init__.py': '',
      'app/cli.py': 'from . import util\nprint(util.answer())\n',
      'app/util.py': 'def answer():\n    return 42\n',
    });
    const r = await run(root, 'main.py');
    assert.equal(r.status, 'Accepted', r.message);
    const lines = r.run!.stdout.trim().split('\n');
    assert.equal(lines[0], 'hello, world');
    const copied = lines.slice(1);
    assert.ok(copied.includes('./helper.py') && copied.includes('./app/util.py'), copied.join(' '));
    for (const absent of ['./secrets.txt', './build-cache/x.bin', './node_modules/dep/index.js', './.git/HEAD']) assert.ok(!copied.includes(absent), `${absent} was copied`);

    const pkg = await run(root, 'app/cli.py');
    assert.equal(pkg.status, 'Accepted', pkg.message);
    assert.equal(pkg.run!.stdout, '42\n');
  });

  it('Python: a runtime error in a helper module is a diagnostic on the helper', async () => {
    const root = tree({ 'main.py': 'import helper\nhelper.fail()\n', 'helper.py': 'def fail():\n    raise ValueError("bad value")\n', 'requirements.txt': '' });
    const r = await run(root, 'main.py');
    assert.equal(r.status, 'RuntimeError');
    const onHelper = r.diagnostics.find((d) => d.file === join(root, 'helper.py'));
    assert.ok(onHelper, JSON.stringify(r.diagnostics));
    assert.equal(onHelper.line, 2);
    assert.match(onHelper.message, /ValueError: bad value/);
  });

  it('Python: a local package installed from a folder, through the dependency image', async () => {
    const root = tree({
      'requirements.txt': './vendor/greetlib\n',
      'vendor/greetlib/setup.py': 'from setuptools import setup\nsetup(name="greetlib", version="1.0", packages=["greetlib"])\n',
      'vendor/greetlib/greetlib/__init__.py': 'def hello():\n    return "hello from greetlib"\n',
      'main.py': 'import greetlib\nimport helper\nprint(greetlib.hello(), helper.X)\n',
      'helper.py': 'X = 7\n',
    });
    const r = await run(root, 'main.py');
    assert.equal(r.status, 'Accepted', r.message);
    assert.equal(r.run!.stdout, 'hello from greetlib 7\n');
  });

  it('Python: a package index that cannot be reached fails the build with its answer and what to do', async () => {
    const root = tree({ 'requirements.txt': 'requests==2.31.0\n', 'main.py': 'import requests\n' });
    const r = await run(root, 'main.py');
    assert.equal(r.status, 'SandboxError');
    assert.match(r.message!, /installing the dependencies of requirements\.txt failed/);
    assert.match(r.message!, /ERROR: /, 'the answer of pip is quoted');
    assert.match(r.message!, /PIP_INDEX_URL/);
  });

  it('Node: an npm dependency from the cached image, rebuilt only when package-lock.json changes', async () => {
    const root = tree({
      'package.json': JSON.stringify({ name: 'pad-demo', version: '1.0.0', dependencies: { 'left-pad': '^1.2.0' } }),
      'package-lock.json': lockFor('1.3.0'),
      'index.js': 'const pad = require("left-pad");\nconst { label } = require("./lib/label");\nconsole.log(label(pad("7", 3, "0")), require("left-pad/package.json").version);\n',
      'lib/label.js': 'exports.label = (s) => `[${s}]`;\n',
    });
    // This test's own images (named by the hash of its lock files) are removed first, so the first run builds.
    const languageImage = await engine.ensureImage('javascript');
    const tags = ['1.3.0', '1.2.0'].map((v) => {
      writeFileSync(join(root, 'package-lock.json'), lockFor(v as '1.3.0'));
      return dependencyImageTag(languageImage, projectDependencies('javascript', loadProject(join(root, 'index.js'), { boundary: root }))!);
    });
    for (const tag of tags) await engine.docker.getImage(tag).remove().catch(() => undefined);
    writeFileSync(join(root, 'package-lock.json'), lockFor('1.3.0'));

    const first = await run(root, 'index.js');
    assert.equal(first.status, 'Accepted', first.message);
    assert.equal(first.run!.stdout, '[007] 1.3.0\n');
    assert.deepEqual(builtTags().filter((t) => tags.includes(t)), [tags[0]]);

    writeFileSync(join(root, 'index.js'), 'console.log(require("left-pad")("x", 2));\n');
    const second = await run(root, 'index.js');
    assert.equal(second.run!.stdout, ' x\n');
    assert.deepEqual(builtTags().filter((t) => tags.includes(t)), [tags[0]], 'an edit of the sources reuses the dependency image');

    writeFileSync(join(root, 'package-lock.json'), lockFor('1.2.0'));
    writeFileSync(join(root, 'index.js'), 'console.log(require("left-pad/package.json").version);\n');
    const third = await run(root, 'index.js');
    assert.equal(third.status, 'Accepted', third.message);
    assert.equal(third.run!.stdout, '1.2.0\n');
    assert.deepEqual(builtTags().filter((t) => tags.includes(t)), tags, 'a changed lock file builds a new image');
  });

  it('Java: a package of two classes', async () => {
    const root = tree({
      'pom.xml': '<project/>',
      'src/main/java/com/example/Main.java': 'package com.example;\n\npublic class Main {\n  public static void main(String[] args) {\n    System.out.println(new Greeter("java").greet());\n  }\n}\n',
      'src/main/java/com/example/Greeter.java': 'package com.example;\n\nclass Greeter {\n  private final String who;\n  Greeter(String who) { this.who = who; }\n  String greet() { return "hello, " + who; }\n}\n',
    });
    const r = await run(root, 'src/main/java/com/example/Main.java');
    assert.equal(r.status, 'Accepted', `${r.message}\n${r.compile?.stderr}`);
    assert.equal(r.run!.stdout, 'hello, java\n');
  });

  it('C: a header and two sources; a compile error lands in the source that has it', async () => {
    const root = tree({
      'Makefile': 'all:\n\tcc -o demo src/*.c -Iinclude\n',
      'include/util.h': '#ifndef UTIL_H\n#define UTIL_H\nint twice(int x);\n#endif\n',
      'src/util.c': '#include "util.h"\nint twice(int x) { return 2 * x; }\n',
      'src/main.c': '#include <stdio.h>\n#include "util.h"\nint main(void) {\n  printf("%d\\n", twice(21));\n  return 0;\n}\n',
    });
    const r = await run(root, 'src/main.c');
    assert.equal(r.status, 'Accepted', `${r.message}\n${r.compile?.stderr}`);
    assert.equal(r.run!.stdout, '42\n');

    // Analysis takes the project too: the efficiency runs build it with the project plan.
    const analysis = await analyzeCode({ code: readFileSync(join(root, 'src/main.c'), 'utf8'), language: 'c', fileName: join(root, 'src/main.c'), only: ['efficiency'], project: loadProject(join(root, 'src/main.c'), { boundary: root }) }, engine);
    assert.equal(analysis.sections.efficiency?.status, 'ok', analysis.sections.efficiency?.reason);
    assert.equal(analysis.sections.efficiency?.cases[0]?.passed, true);

    writeFileSync(join(root, 'src/util.c'), '#include "util.h"\nint twice(int x) { return 2 * y; }\n');
    const broken = await run(root, 'src/main.c');
    assert.equal(broken.status, 'CompileError');
    const d = broken.diagnostics.find((x) => x.file === join(root, 'src/util.c'));
    assert.ok(d, JSON.stringify(broken.diagnostics));
    assert.equal(d.line, 2);
  });

  it('Go: a module with a sub-package', async () => {
    const root = tree({
      'go.mod': 'module example.com/demo\n\ngo 1.19\n',
      'main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/demo/greet"\n)\n\nfunc main() {\n\tfmt.Println(greet.Hello("go"))\n}\n',
      'greet/greet.go': 'package greet\n\nfunc Hello(who string) string { return "hello, " + who }\n',
    });
    const r = await run(root, 'main.go');
    assert.equal(r.status, 'Accepted', `${r.message}\n${r.compile?.stderr}`);
    assert.equal(r.run!.stdout, 'hello, go\n');
  });

  it('Rust: a crate with a module file, built by cargo offline', async () => {
    const root = tree({
      'Cargo.toml': '[package]\nname = "demo"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n',
      'src/main.rs': 'mod util;\n\nfn main() {\n    println!("{}", util::twice(21));\n}\n',
      'src/util.rs': 'pub fn twice(x: i32) -> i32 {\n    2 * x\n}\n',
    });
    const r = await run(root, 'src/main.rs');
    assert.equal(r.status, 'Accepted', `${r.message}\n${r.compile?.stderr}`);
    assert.equal(r.run!.stdout, '42\n');

    writeFileSync(join(root, 'src/util.rs'), 'pub fn twice(x: i32) -> i32 {\n    2 * y\n}\n');
    const broken = await run(root, 'src/main.rs');
    assert.equal(broken.status, 'CompileError');
    const d = broken.diagnostics.find((x) => x.file === join(root, 'src/util.rs'));
    assert.ok(d, JSON.stringify(broken.diagnostics));
    assert.equal(d.code, 'E0425');
    assert.match(broken.compile!.stderr, /error\[E0425\]/, 'people read rustc text, not JSON');
  });

  it('a files map is the code\'s project (SandboxFusion\'s files, /v1/run)', async () => {
    const cpp = await engine.runCode({
      code: '#include <iostream>\n#include "lib/twice.hpp"\nint main() { std::cout << twice(21) << "\\n"; }\n',
      language: 'cpp',
      files: [
        { path: 'lib/twice.hpp', content: 'int twice(int x);\n' },
        { path: 'lib/twice.cpp', content: '#include "twice.hpp"\nint twice(int x) { return 2 * x; }\n' },
      ],
    });
    assert.equal(cpp.status, 'Accepted', `${cpp.message}\n${cpp.compile?.stderr}`);
    assert.equal(cpp.run!.stdout, '42\n');
    const project = projectFromFiles({ 'util/__init__.py': '', 'util/strings.py': 'def shout(s):\n    return s.upper()\n' }, 'main.py', { entryContent: 'from util.strings import shout\nprint(shout("files"))\n' });
    const py = await engine.runCode({ code: 'from util.strings import shout\nprint(shout("files"))\n', language: 'python', project });
    assert.equal(py.status, 'Accepted', py.message);
    assert.equal(py.run!.stdout, 'FILES\n');
  });

  it('MPLSandbox: a JavaScript request with libraries runs with them installed', async () => {
    const mpl = fromMplRequest({
      question: 'pad the number',
      code: 'const pad = require("left-pad");\nconst n = require("fs").readFileSync(0, "utf8").trim();\nconsole.log(pad(n, 4, "0"));\n',
      unit_cases: { inputs: ['7', '42'], outputs: ['0007', '0042'] },
      lang: 'javascript',
      libraries: ['left-pad@1.3.0'],
    });
    const r = await engine.runCode(mpl.request);
    assert.equal(r.status, 'Accepted', r.message);
    assert.equal(r.correctRate, 1);
  });

  it('refuses to build a dependency image where builds are not allowed (an untrusted workspace)', async () => {
    const untrusted = new SandboxEngine({ poolSize: 0, allowDependencyBuilds: () => false });
    try {
      const root = tree({ 'package.json': JSON.stringify({ dependencies: { 'left-pad': '1.1.3' } }), 'index.js': 'require("left-pad")\n' });
      const r = await untrusted.runCode({ code: 'require("left-pad")\n', language: 'javascript', project: loadProject(join(root, 'index.js'), { boundary: root }) });
      assert.equal(r.status, 'SandboxError');
      assert.match(r.message!, /install scripts.*trust the workspace/);
    } finally {
      await untrusted.close();
    }
  });
});
