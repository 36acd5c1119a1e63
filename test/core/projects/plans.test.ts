import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguage } from '../../../src/core/languages/registry';
import type { LanguageId } from '../../../src/core/languages/types';
import { planProjectRun } from '../../../src/core/projects/plans';
import { cargoBinary, cargoCompileOutput } from '../../../src/core/projects/plans/rust';

function plan(language: LanguageId, files: Record<string, string>, entry: string) {
  return planProjectRun({ lang: getLanguage(language), paths: Object.keys(files), entry, read: (p) => files[p] ?? '' });
}

describe('project run plans', () => {
  it('Python: a script runs with the root on sys.path; a module inside a package runs with -m', () => {
    const script = plan('python', { 'main.py': '', 'helper.py': '' }, 'main.py');
    assert.deepEqual(script.run, ['python3', '-u', 'main.py']);
    assert.match(script.env!.PYTHONPATH, /^\/sandbox:/);
    const mod = plan('python', { 'app/__init__.py': '', 'app/cli/__init__.py': '', 'app/cli/main.py': '' }, 'app/cli/main.py');
    assert.deepEqual(mod.run, ['python3', '-u', '-m', 'app.cli.main']);
    const pkgMain = plan('python', { 'src/tool/__init__.py': '', 'src/tool/__main__.py': '' }, 'src/tool/__main__.py');
    assert.deepEqual(pkgMain.run, ['python3', '-u', '-m', 'tool']);
    assert.match(pkgMain.env!.PYTHONPATH, /\/sandbox\/src/);
  });

  it('Java: compiles every source under the source root and runs the main class by its full name', () => {
    const files = {
      'src/main/java/com/acme/App.java': '// app\npackage com.acme;\npublic class App { public static void main(String[] a) {} }',
      'src/main/java/com/acme/util/Greeter.java': 'package com.acme.util; public class Greeter {}',
      'src/test/java/com/acme/AppTest.java': 'package com.acme; class AppTest {}',
      'README.md': '',
    };
    const p = plan('java', files, 'src/main/java/com/acme/App.java');
    assert.equal(p.run.at(-1), 'com.acme.App');
    const sources = p.compile!.filter((a) => a.endsWith('.java'));
    assert.deepEqual(sources.sort(), ['src/main/java/com/acme/App.java', 'src/main/java/com/acme/util/Greeter.java']);
    assert.ok(p.compile!.includes('-sourcepath'));
  });

  it('C: all translation units except other programs, with the header folders on the include path', () => {
    const files = {
      'src/main.c': '#include "util.h"\nint main(void) { return 0; }\n',
      'src/util.c': 'int twice(int x) { return 2 * x; }\n',
      'include/util.h': 'int twice(int);\n',
      'tests/test_util.c': 'int main() { return 0; }\n',
    };
    const p = plan('c', files, 'src/util.c');
    const units = p.compile!.filter((a) => a.endsWith('.c'));
    assert.deepEqual(units.sort(), ['src/main.c', 'src/util.c']);
    assert.ok(p.compile!.includes('-Iinclude') && p.compile!.includes('-I.'));
    assert.equal(p.compile![0], 'gcc');
    assert.equal(p.compile!.at(-1), '-lm');
  });

  it('Go: builds the entry package inside its module, offline', () => {
    const p = plan('go', { 'svc/go.mod': 'module example.com/svc\n', 'svc/cmd/api/main.go': '', 'svc/internal/x/x.go': '' }, 'svc/cmd/api/main.go');
    assert.equal(p.cwd, 'svc');
    assert.deepEqual(p.compile!.slice(0, 2), ['go', 'build']);
    assert.equal(p.compile!.at(-1), './cmd/api');
    assert.equal(p.env!.GOPROXY, 'off');
    assert.equal(p.env!.GO111MODULE, 'on');
  });

  it('Rust: cargo builds the binary whose source is the entry; outside a crate rustc compiles the file', () => {
    const manifest = '[package]\nname = "demo"\nversion = "0.1.0"\n\n[[bin]]\nname = "tool"\npath = "tools/tool.rs"\n';
    assert.equal(cargoBinary(manifest, 'src/main.rs'), 'demo');
    assert.equal(cargoBinary(manifest, 'src/bin/extra.rs'), 'extra');
    assert.equal(cargoBinary(manifest, 'tools/tool.rs'), 'tool');
    const p = plan('rust', { 'Cargo.toml': manifest, 'src/main.rs': 'mod util;', 'src/util.rs': '' }, 'src/util.rs');
    assert.ok(p.compile!.includes('--offline'));
    assert.equal(p.run[0], '/sandbox/.mplsandbox/target/debug/tool');
    const loose = plan('rust', { 'main.rs': 'mod util;', 'util.rs': '' }, 'main.rs');
    assert.equal(loose.compile![0], 'rustc');
  });

  it('Rust: cargo JSON messages become rustc JSON lines for diagnostics and rendered text for people', () => {
    const msg = { message: 'cannot find value `x`', code: { code: 'E0425' }, level: 'error', spans: [], rendered: 'error[E0425]: cannot find value `x`\n' };
    const stdout = [JSON.stringify({ reason: 'compiler-artifact' }), JSON.stringify({ reason: 'compiler-message', message: msg }), ''].join('\n');
    const out = cargoCompileOutput({ stdout, stderr: 'error: could not compile `demo`\n' });
    assert.deepEqual(JSON.parse(out.forDiagnostics), msg);
    assert.equal(out.forDisplay, 'error[E0425]: cannot find value `x`\nerror: could not compile `demo`\n');
  });

  it('TypeScript and C#: output inside the project out folder', () => {
    const ts = plan('typescript', { 'src/main.ts': '', 'src/lib.ts': '' }, 'src/main.ts');
    assert.ok(ts.compile!.includes('--rootDir'));
    assert.equal(ts.run.at(-1), '.mplsandbox/out/src/main.js');
    const cs = plan('csharp', { 'Program.cs': '', 'Util/Helper.cs': '' }, 'Program.cs');
    assert.deepEqual(cs.compile!.filter((a) => a.endsWith('.cs')), ['Program.cs', 'Util/Helper.cs']);
    assert.equal(cs.run.at(-1), '.mplsandbox/main.exe');
  });

  it('interpreted languages run the entry where it is, with the root on their search path', () => {
    assert.deepEqual(plan('javascript', { 'src/index.js': '', 'src/lib.js': '' }, 'src/index.js').run, ['node', 'src/index.js']);
    assert.equal(plan('ruby', { 'bin/app.rb': '', 'lib/x.rb': '' }, 'bin/app.rb').env!.RUBYLIB, '/sandbox/lib:/sandbox');
    assert.match(plan('lua', { 'main.lua': '', 'util.lua': '' }, 'main.lua').env!.LUA_PATH, /^\/sandbox\/\?\.lua;/);
  });
});

describe('project run plans in loose folders of programs', () => {
  it('Java: a default-package file in a folder without a build is compiled alone, with the folder as source path', () => {
    const p = plan('java', { 'A.java': 'public class A { public static void main(String[] a) {} }', 'Main.java': 'public class Main { public static void main(String[] a) {} }' }, 'A.java');
    assert.deepEqual(p.compile!.filter((a) => a.endsWith('.java')), ['A.java']);
    assert.equal(p.compile![p.compile!.indexOf('-sourcepath') + 1], '.');
  });

  it('Go: without go.mod, the files beside the entry that are not other programs', () => {
    const p = plan('go', { 'a.go': 'package main\nfunc main() {}\n', 'b.go': 'package main\n\nfunc main() {\n}\n', 'util.go': 'package main\nfunc twice(x int) int { return 2 * x }\n', 'util_test.go': '' }, 'a.go');
    assert.deepEqual(p.compile!.filter((a) => a.endsWith('.go')), ['a.go', 'util.go']);
  });
});
