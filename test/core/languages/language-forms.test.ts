// Forms of a language that run differently from its usual program, end to end through the engine: a Kotlin
// script (a *.kts file: top-level statements, no main; SandboxFusion's kotlin_script) and D's unittest blocks
// (SandboxFusion's D_ut: they run before main, and main runs only when there are none).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import { needs } from '../../support/tiers';

describe('language forms', needs('docker'), () => {
  const engine = new SandboxEngine({ maxConcurrent: 2 });
  after(() => engine.close());
  const errors = (r: Awaited<ReturnType<SandboxEngine['runCode']>>) => r.diagnostics.filter((d) => d.severity === 'error');

  it('a Kotlin script reads stdin and runs its top-level statements', async () => {
    const r = await engine.runCode({ code: 'val line = readLine()\nfun twice(s: String?) = "$s $s"\nprintln(twice(line))\n', language: 'kotlin', fileName: 'tool.kts', stdin: 'echo\n' });
    assert.equal(r.status, 'Accepted', r.message);
    assert.equal(r.run?.stdout, 'echo echo\n');
  });

  it('a Kotlin script\'s type error is a compile error on its line, its exception a runtime error on its line', async () => {
    const ce = await engine.runCode({ code: 'println(1)\nval x: Int = "no"\n', language: 'kotlin', fileName: 'tool.kts' });
    assert.equal(ce.status, 'CompileError', ce.message);
    assert.deepEqual(errors(ce).map((d) => [d.file, d.line]), [['tool.kts', 2]]);
    const re = await engine.runCode({ code: 'println("before")\nval s: String? = null\nprintln(s!!.length)\n', language: 'kotlin', fileName: 'tool.kts' });
    assert.equal(re.status, 'RuntimeError', re.message);
    assert.equal(re.run?.stdout, 'before\n');
    assert.match(re.run?.stderr ?? '', /^Exception in thread "main" (?:java\.lang|kotlin)\.\w*NullPointerException/m);
    assert.deepEqual(errors(re).map((d) => d.line), [3]);
  });

  it('D runs its unittest blocks instead of main; a failing one is a runtime error on its line', async () => {
    const passing = await engine.runCode({ code: 'import std.stdio;\nunittest { assert(1 + 1 == 2); }\nvoid main() { writeln("main"); }\n', language: 'd' });
    assert.equal(passing.status, 'Accepted', passing.message);
    assert.equal(passing.run?.stdout, '', 'main does not run when there are unittest blocks');
    const failing = await engine.runCode({ code: 'import std.stdio;\nunittest {\n    assert(1 + 1 == 3);\n}\nvoid main() {}\n', language: 'd' });
    assert.equal(failing.status, 'RuntimeError', failing.message);
    assert.deepEqual(errors(failing).map((d) => d.line), [3]);
  });
});
