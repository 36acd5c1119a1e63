import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dependencyDockerfile, dependencyImageTag, libraryDependencies, LibrariesError, projectDependencies } from '../../../src/core/projects/dependencies';
import { installFailureLines } from '../../../src/core/projects/dependency-images';
import type { ProjectRequest } from '../../../src/core/projects/types';

function project(files: Record<string, string>, entry: string): ProjectRequest {
  return { files: Object.entries(files).map(([path, content]) => ({ path, content })), entry };
}

const BASE = 'mplsandbox/javascript:0123456789ab';

describe('project dependencies', () => {
  it('npm: package.json + lock, with local file: packages; none without dependencies', () => {
    const p = project(
      { 'package.json': JSON.stringify({ dependencies: { 'left-pad': '^1.3.0', mine: 'file:./libs/mine' } }), 'package-lock.json': '{}', 'libs/mine/index.js': '', 'index.js': '' },
      'index.js',
    );
    const set = projectDependencies('javascript', p)!;
    assert.equal(set.ecosystem, 'npm');
    assert.equal(set.source, 'package.json + package-lock.json');
    assert.deepEqual(set.files.map((f) => f.path), ['package.json', 'package-lock.json', 'libs/mine/index.js']);
    assert.match(dependencyDockerfile(BASE, set), /npm ci /);
    assert.equal(projectDependencies('javascript', project({ 'package.json': '{"name":"x"}', 'index.js': '' }, 'index.js')), undefined);
  });

  it('the tag changes with the lock file and the language image, not with the sources', () => {
    const files = { 'package.json': '{"dependencies":{"a":"1"}}', 'package-lock.json': '{"v":1}', 'index.js': 'one' };
    const tag = dependencyImageTag(BASE, projectDependencies('javascript', project(files, 'index.js'))!);
    assert.match(tag, /^mplsandbox\/deps:javascript-[0-9a-f]{16}$/);
    assert.equal(dependencyImageTag(BASE, projectDependencies('javascript', project({ ...files, 'index.js': 'two' }, 'index.js'))!), tag);
    assert.notEqual(dependencyImageTag(BASE, projectDependencies('javascript', project({ ...files, 'package-lock.json': '{"v":2}' }, 'index.js'))!), tag);
    assert.notEqual(dependencyImageTag('mplsandbox/javascript:ffffffffffff', projectDependencies('javascript', project(files, 'index.js'))!), tag);
  });

  it('pip: requirements.txt with included files and local folders; pyproject dependencies', () => {
    const p = project(
      { 'requirements.txt': '# deps\n-r extra.txt\n./vendor/greet\n', 'extra.txt': 'six==1.16.0\n', 'vendor/greet/setup.py': '', 'vendor/greet/greet/__init__.py': '', 'main.py': '' },
      'main.py',
    );
    const set = projectDependencies('python', p)!;
    assert.deepEqual(set.files.map((f) => f.path).sort(), ['extra.txt', 'requirements.txt', 'vendor/greet/greet/__init__.py', 'vendor/greet/setup.py']);
    assert.match(dependencyDockerfile('mplsandbox/python:1', set), /pip install .*--no-build-isolation.*--target \/opt\/mplsandbox\/deps\/python -r requirements\.txt/);
    const py = projectDependencies('python', project({ 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["attrs>=23"]\n', 'x/main.py': '' }, 'x/main.py'))!;
    assert.equal(py.source, 'pyproject.toml [project.dependencies]');
    assert.equal(projectDependencies('python', project({ 'requirements.txt': '# nothing\n\n', 'main.py': '' }, 'main.py')), undefined);
  });

  it('go and cargo: only when the manifest requires something', () => {
    assert.equal(projectDependencies('go', project({ 'go.mod': 'module m\n\ngo 1.19\n', 'main.go': '' }, 'main.go')), undefined);
    assert.equal(projectDependencies('go', project({ 'go.mod': 'module m\nrequire golang.org/x/text v0.3.0\n', 'go.sum': '', 'main.go': '' }, 'main.go'))!.source, 'go.mod + go.sum');
    assert.equal(projectDependencies('rust', project({ 'Cargo.toml': '[package]\nname="a"\nversion="0.1.0"\n[dependencies]\n', 'src/main.rs': '' }, 'src/main.rs')), undefined);
    assert.equal(projectDependencies('rust', project({ 'Cargo.toml': '[package]\nname="a"\nversion="0.1.0"\n[dependencies]\nrand = "0.8"\n', 'src/main.rs': '' }, 'src/main.rs'))!.ecosystem, 'cargo');
  });
});

describe('library sets (MPLSandbox libraries)', () => {
  it('npm libraries become a package.json, sorted so that one set has one image', () => {
    const a = libraryDependencies('javascript', ['lodash@4.17.21', 'left-pad']);
    const b = libraryDependencies('javascript', ['left-pad', 'lodash@4.17.21']);
    assert.deepEqual(JSON.parse(String(a.files[0].content)).dependencies, { 'left-pad': '*', lodash: '4.17.21' });
    assert.equal(dependencyImageTag(BASE, a), dependencyImageTag(BASE, b));
  });

  it('refuses names that are no package names and languages without a package manager here', () => {
    assert.throws(() => libraryDependencies('javascript', ['x; rm -rf /']), LibrariesError);
    assert.throws(() => libraryDependencies('python', ['$(reboot)']), LibrariesError);
    assert.throws(() => libraryDependencies('c', ['zlib']), /Python \(pip\) and JavaScript/);
  });
});

describe('installFailureLines', () => {
  it("keeps the registry tool's answer", () => {
    const log = 'Step 5/9 : RUN cd /opt && npm ci\n ---> Running in 1\nnpm error code ENOTFOUND\nnpm error network request to https://registry.example/x failed\nnpm error A complete log of this run can be found in: /root/.npm/_logs/x.log\n';
    assert.deepEqual(installFailureLines(log), ['npm error code ENOTFOUND', 'npm error network request to https://registry.example/x failed']);
    assert.deepEqual(installFailureLines('ERROR: Could not find a version that satisfies the requirement requests\n'), ['ERROR: Could not find a version that satisfies the requirement requests']);
  });
});
