// Every language end to end through the engine: hello world, stdin, a compile (or syntax) error with
// its diagnostic on the right line, a runtime error with its line, and test cases passing and failing.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { LanguageId } from '../../../src/core/languages/types';
import { PROGRAMS, type LanguageCase } from '../../support/language-programs';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import type { RunResult } from '../../../src/core/sandbox/types';
import { needs } from '../../support/tiers';

describe('languages end to end', needs('docker'), () => {
  const engine = new SandboxEngine({ maxConcurrent: 2 });
  after(() => engine.close());
  const run = (language: LanguageId, code: string, extra: Partial<Parameters<SandboxEngine['runCode']>[0]> = {}): Promise<RunResult> =>
    engine.runCode({ code, language, ...extra });

  // MPLSANDBOX_TEST_LANGUAGES=r,scala runs only those languages (and needs only their images).
  const only = process.env.MPLSANDBOX_TEST_LANGUAGES?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const [language, p] of Object.entries(PROGRAMS) as [LanguageId, LanguageCase][]) {
    if (only && !only.includes(language)) continue;
    describe(language, () => {
      it('prints hello world', async () => {
        const r = await run(language, p.hello);
        assert.equal(r.status, 'Accepted', r.message);
        assert.equal(r.run?.stdout, 'Hello, World!\n');
      });
      it('echoes stdin', async () => {
        const r = await run(language, p.echo, { stdin: 'a line from stdin\n' });
        assert.equal(r.status, 'Accepted', r.message);
        assert.equal(r.run?.stdout, 'a line from stdin\n');
      });
      it('reports a compile error on its line', async () => {
        const r = await run(language, p.compileError, { fileName: `user/${language}-prog` });
        assert.equal(r.status, p.syntaxCheckedAtRun ? 'RuntimeError' : 'CompileError', r.message);
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        assert.ok(errors.length > 0, `no error diagnostic; compiler said: ${r.compile?.stderr}${r.compile?.stdout}${r.run?.stderr ?? ''}`);
        assert.equal(errors[0].line, p.compileErrorLine, JSON.stringify(errors));
        assert.equal(errors[0].file, `user/${language}-prog`);
      });
      it('reports a runtime error on its line', async () => {
        const r = await run(language, p.runtimeError);
        assert.equal(r.status, 'RuntimeError', r.message);
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        // Some runtimes name no line for an error (SBCL's backtraces): then the run must say nothing wrong either.
        if (p.runtimeErrorLine === undefined) return assert.deepEqual(errors, [], 'a diagnostic where the runtime reports no line');
        assert.ok(errors.length > 0, `no error diagnostic; program said: ${r.run?.stderr}`);
        assert.equal(errors[0].line, p.runtimeErrorLine, JSON.stringify(errors));
      });
      it('judges test cases, passing and failing', async () => {
        const pass = await run(language, p.double, { cases: [{ input: '2\n', expected: '4\n' }, { input: '21\n', expected: '42\n' }] });
        assert.equal(pass.status, 'Accepted', pass.message);
        assert.equal(pass.correctRate, 1);
        const fail = await run(language, p.double, { cases: [{ input: '3\n', expected: '6\n' }, { input: '5\n', expected: '11\n' }] });
        assert.equal(fail.status, 'WrongAnswer', fail.message);
        assert.deepEqual(fail.cases.map((c) => c.passed), [true, false]);
        assert.equal(fail.correctRate, 0.5);
      });
    });
  }
});
