import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguage } from '../../../src/core/languages/registry';
import { prepareProject, projectDiagnostics } from '../../../src/core/projects/sandbox-project';

describe('prepareProject', () => {
  const python = getLanguage('python');

  it("writes the caller's code as the entry (an unsaved buffer wins over the file on disk)", () => {
    const p = prepareProject(python, { code: 'print("buffer")\n', project: { files: [{ path: 'main.py', content: 'print("disk")\n', hostPath: '/p/main.py' }, { path: 'helper.py', content: '' }], entry: 'main.py' } })!;
    const entry = p.files.find((f) => f.path === 'main.py')!;
    assert.equal(entry.content, 'print("buffer")\n');
    assert.equal(entry.hostPath, '/p/main.py');
    assert.ok(p.files.some((f) => f.path === '.mplsandbox/.keep'), 'the output folder exists before a compiler writes into it');
    assert.equal(p.dependencies, undefined);
  });

  it('a files map without an entry runs the code as the language source file; libraries alone make a dependency set', () => {
    const p = prepareProject(getLanguage('java'), { code: 'public class Solution { public static void main(String[] a) {} }', files: [{ path: 'data/in.txt', content: '1' }] })!;
    assert.equal(p.entry, 'Solution.java');
    assert.equal(p.plan.run.at(-1), 'Solution');
    const libs = prepareProject(getLanguage('javascript'), { code: 'require("x")', libraries: ['left-pad'] })!;
    assert.equal(libs.dependencies?.source, 'libraries left-pad');
    assert.equal(prepareProject(python, { code: 'print(1)' }), undefined, 'a plain run is no project');
  });
});

describe('projectDiagnostics', () => {
  it('puts each finding on the file the tool names, by the name the user knows it', () => {
    const gcc = getLanguage('c');
    const p = prepareProject(gcc, {
      code: '#include "util.h"\nint main(void) { return twice(1); }\n',
      project: { files: [{ path: 'main.c', content: '' }, { path: 'src/util.c', content: 'int twice(int x) { return 2 * y; }\n', hostPath: '/home/u/p/src/util.c' }, { path: 'util.h', content: '' }], entry: 'main.c' },
    })!;
    const stderr = "src/util.c: In function 'twice':\nsrc/util.c:1:31: error: 'y' undeclared (first use in this function)\n";
    const found = projectDiagnostics(gcc, p, 'compile', { stdout: '', stderr }, (f) => f.hostPath ?? f.path);
    assert.equal(found.length, 1);
    assert.equal(found[0].file, '/home/u/p/src/util.c');
    assert.equal(found[0].line, 1);
    assert.equal(found[0].column, 31);
  });
});
