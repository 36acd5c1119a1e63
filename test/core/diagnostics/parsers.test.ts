// Every language's diagnostics parser against real output captured from the sandbox images
// (fixtures/<language>.json: the program, the registry's command, its exit code, stdout and stderr).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../../src/core/diagnostics/types';
import { renderRustcJson } from '../../../src/core/diagnostics/rustc';
import { getLanguage } from '../../../src/core/languages/registry';
import type { DiagnosticContext, LanguageId } from '../../../src/core/languages/types';

interface Fixture {
  name: string;
  phase: 'compile' | 'run';
  sourceFile: string;
  code: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

type Expected = Pick<Diagnostic, 'line' | 'severity'> & Partial<Pick<Diagnostic, 'column' | 'endLine' | 'endColumn' | 'code' | 'source'>> & { message: RegExp };

function fixture(lang: LanguageId, name: string): Fixture {
  const all = JSON.parse(readFileSync(join(__dirname, 'fixtures', `${lang}.json`), 'utf8')) as Fixture[];
  const f = all.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${lang}/${name}`);
  return f;
}

function contextOf(f: Fixture, over: Partial<DiagnosticContext> = {}): DiagnosticContext {
  return { phase: f.phase, stdout: f.stdout, stderr: f.stderr, sourceFile: f.sourceFile, userFile: `src/${f.sourceFile}`, lineOffset: 0, sourceText: f.code, ...over };
}

function check(lang: LanguageId, name: string, expected: Expected[]) {
  it(`${lang}: ${name}`, () => {
    const f = fixture(lang, name);
    const got = getLanguage(lang).diagnostics(contextOf(f));
    assert.equal(got.length, expected.length, `diagnostics: ${JSON.stringify(got, null, 1)}`);
    expected.forEach((e, i) => {
      const d = got[i];
      assert.equal(d.file, `src/${f.sourceFile}`);
      assert.match(d.message, e.message);
      const { message: _message, ...fields } = e;
      for (const [k, v] of Object.entries(fields)) assert.equal(d[k as keyof Diagnostic], v, `${k} of diagnostic ${i}: ${JSON.stringify(d)}`);
    });
  });
}

describe('diagnostics parsers on captured output', () => {
  check('c', 'compile-error', [
    { line: 5, column: 20, severity: 'error', message: /'x' undeclared/, source: 'gcc' },
    { line: 5, column: 20, severity: 'info', message: /reported only once/ },
    { line: 6, column: 13, severity: 'error', message: /expected ';' before '}' token/ },
    { line: 4, column: 9, severity: 'warning', message: /^unused variable 'unused'$/, code: '-Wunused-variable' },
  ]);
  check('c', 'assertion', [{ line: 8, severity: 'error', message: /^Assertion `twice\(2\) == 5' failed\.$/ }]);
  check('cpp', 'compile-error', [{ line: 6, column: 21, severity: 'error', message: /conversion from 'std::vector<int>'/, source: 'g++' }]);
  check('cpp', 'assertion', [{ line: 6, severity: 'error', message: /Assertion `v.size\(\) == 4' failed/ }]);

  check('java', 'compile-error', [
    { line: 3, column: 17, severity: 'error', message: /^incompatible types: String cannot be converted to int$/, source: 'javac' },
    { line: 4, column: 28, severity: 'error', message: /^cannot find symbol\nsymbol: {3}variable y\nlocation: class Main$/ },
  ]);
  check('java', 'missing-semicolon', [{ line: 3, column: 32, severity: 'error', message: /^';' expected$/ }]);
  check('java', 'exception', [{ line: 3, severity: 'error', message: /^java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 2$/, source: 'java' }]);
  check('java', 'assertion', [{ line: 3, severity: 'error', message: /^java.lang.AssertionError$/ }]);

  check('go', 'compile-error', [
    { line: 5, column: 2, severity: 'error', message: /^imported and not used: "os"$/, source: 'go' },
    { line: 9, column: 2, severity: 'error', message: /^x declared but not used$/ },
    { line: 10, column: 14, severity: 'error', message: /^undefined: y$/ },
  ]);
  check('go', 'panic', [{ line: 6, severity: 'error', message: /^panic: runtime error: index out of range \[5\] with length 3$/ }]);
  check('go', 'custom-panic', [{ line: 4, severity: 'error', message: /^panic: gave up$/ }]);

  check('rust', 'compile-error', [{ line: 2, column: 18, endLine: 2, endColumn: 25, code: 'E0308', severity: 'error', message: /^mismatched types: expected `i32`, found `&str`$/, source: 'rustc' }]);
  check('rust', 'warning-and-error', [
    { line: 9, column: 20, endColumn: 34, code: 'E0425', severity: 'error', message: /cannot find value `undefined_name`/ },
    { line: 8, column: 30, endColumn: 38, code: 'E0308', severity: 'error', message: /expected `usize`, found `i32`/ },
    { line: 8, column: 28, endColumn: 29, code: 'E0277', severity: 'error', message: /cannot add `i32` to `usize`/ },
  ]);
  check('rust', 'panic', [{ line: 4, column: 20, severity: 'error', message: /^panicked: index out of bounds: the len is 3 but the index is 7$/ }]);
  check('rust', 'assert-eq', [{ line: 6, column: 5, severity: 'error', message: /^panicked: assertion failed: `\(left == right\)`\n {2}left: `0`,\n right: `4`$/ }]);

  check('python', 'syntax-error', [{ line: 2, column: 16, severity: 'error', message: /^SyntaxError: '\(' was never closed$/, source: 'python' }]);
  check('python', 'indentation-error', [{ line: 3, column: 1, severity: 'error', message: /^IndentationError: unexpected indent$/ }]);
  check('python', 'exception', [{ line: 2, column: 12, endLine: 2, endColumn: 17, severity: 'error', message: /^ZeroDivisionError: division by zero$/ }]);
  check('python', 'assertion', [{ line: 4, column: 8, endColumn: 25, severity: 'error', message: /^AssertionError$/ }]);

  check('javascript', 'syntax-error', [{ line: 3, column: 11, severity: 'error', message: /^SyntaxError: Unexpected token ';'$/, source: 'node' }]);
  check('javascript', 'type-error', [{ line: 2, column: 16, severity: 'error', message: /^TypeError: Cannot read properties of undefined \(reading 'bar'\)$/ }]);
  check('javascript', 'assertion', [{ line: 6, column: 8, severity: 'error', message: /^AssertionError \[ERR_ASSERTION\]: Expected values to be loosely deep-equal:/ }]);
  check('javascript', 'throw-string', [{ line: 2, column: 1, severity: 'error', message: /^plain$/ }]);

  check('typescript', 'type-error', [{ line: 5, column: 7, code: 'TS2322', severity: 'error', message: /^Type 'number' is not assignable to type 'string'\.$/, source: 'tsc' }]);
  // Node's own modules type-check (no TS2307 "cannot find module"): only the deliberate errors are reported.
  check('typescript', 'node-modules', [
    { line: 3, column: 7, code: 'TS2322', severity: 'error', message: /Type 'string' is not assignable to type 'number'/ },
    { line: 4, column: 29, code: 'TS2551', severity: 'error', message: /Property 'lengthh' does not exist/ },
  ]);
  check('typescript', 'runtime-error', [{ line: 3, column: 11, severity: 'error', message: /^Error: too big$/ }]);

  check('ruby', 'syntax-error', [
    { line: 4, severity: 'warning', message: /^mismatched indentations at 'end' with 'if' at 2$/ },
    { line: 4, severity: 'error', message: /^syntax error, unexpected end-of-input, expecting `end'$/, source: 'ruby' },
  ]);
  check('ruby', 'warning', [{ line: 2, severity: 'warning', message: /^assigned but unused variable - y$/ }]);
  check('ruby', 'exception', [{ line: 2, column: 4, severity: 'error', message: /^undefined method `foo' for 3:Integer \(NoMethodError\)$/ }]);
  check('ruby', 'raise', [{ line: 2, severity: 'error', message: /^negative \(ArgumentError\)$/ }]);

  check('bash', 'syntax-error', [{ line: 5, severity: 'error', message: /^syntax error near unexpected token `done'$/, source: 'bash' }]);
  check('bash', 'command-not-found', [
    { line: 2, severity: 'error', message: /^nosuchcommand: command not found$/ },
    { line: 3, severity: 'error', message: /^1\/0: division by 0/ },
  ]);

  check('php', 'parse-error', [{ line: 3, severity: 'error', message: /^Parse error: syntax error, unexpected token ";"$/, source: 'php' }]);
  check('php', 'warning-and-exception', [
    { line: 3, severity: 'warning', message: /^Warning: Undefined variable \$y$/ },
    { line: 4, severity: 'error', message: /^Fatal error: Uncaught DivisionByZeroError: Division by zero$/ },
  ]);
  check('php', 'undefined-function', [{ line: 3, severity: 'error', message: /Call to undefined function undefined_fn\(\)/ }]);

  check('lua', 'syntax-error', [{ line: 4, severity: 'error', message: /^'\)' expected \(to close '\(' at line 3\) near 'end'$/, source: 'lua' }]);
  check('lua', 'index-nil', [{ line: 2, severity: 'error', message: /^attempt to index a nil value \(field 'a'\)$/ }]);
  check('lua', 'error-without-position', [{ line: 2, severity: 'error', message: /^\(error object is a table value\)$/ }]);

  check('perl', 'compile-error', [
    { line: 3, severity: 'error', message: /^Global symbol "\$y" requires explicit package name/, source: 'perl' },
    { line: 4, severity: 'error', message: /^Global symbol "%x"/ },
    { line: 4, severity: 'error', message: /^syntax error, at EOF$/ },
    { line: 4, severity: 'error', message: /^Missing right curly or square bracket, at end of line$/ },
  ]);
  check('perl', 'warning-and-die', [
    { line: 3, severity: 'warning', message: /^Use of uninitialized value \$u in concatenation/ },
    { line: 5, severity: 'error', message: /^Illegal division by zero$/ },
  ]);
  check('perl', 'die', [{ line: 1, severity: 'error', message: /^bad input$/ }]);

  check('csharp', 'compile-error', [{ line: 5, column: 20, code: 'CS0029', severity: 'error', message: /^Cannot implicitly convert type `int' to `string'$/, source: 'mcs' }]);
  check('csharp', 'syntax-error', [{ line: 5, column: 8, code: 'CS1525', severity: 'error', message: /^Unexpected symbol `Console'$/ }]);
  check('csharp', 'exception', [{ line: 7, severity: 'error', message: /^System.DivideByZeroException: Attempted to divide by zero.$/, source: 'mono' }]);
  // The image's trace listener turns a failed Debug.Assert into exit code 1 with the assertion's frame.
  check('csharp', 'debug-assert', [{ line: 7, severity: 'error', message: /^Assertion failed$/ }]);
});

describe('mapping back to the user file', () => {
  it('subtracts the engine prelude (lineOffset) and drops findings inside it', () => {
    const f = fixture('go', 'compile-error');
    const got = getLanguage('go').diagnostics(contextOf(f, { lineOffset: 6 }));
    assert.deepEqual(got.map((d) => d.line), [3, 4]);
  });
  it('ignores frames of other files with the same base name', () => {
    const f = fixture('python', 'exception');
    const moved = { ...f, stderr: f.stderr.replaceAll('/sandbox/main.py', '/usr/lib/python3.11/main.py') };
    assert.deepEqual(getLanguage('python').diagnostics(contextOf(moved)), []);
  });
  it('reports Python columns only when the source text gives the stripped indentation back', () => {
    const f = fixture('python', 'exception');
    const [d] = getLanguage('python').diagnostics(contextOf(f, { sourceText: undefined }));
    assert.equal(d.line, 2);
    assert.equal(d.column, 1);
    assert.equal(d.endColumn, undefined);
  });
});

describe('renderRustcJson', () => {
  it('turns rustc JSON back into the text a person would have seen', () => {
    const f = fixture('rust', 'warning-and-error');
    const text = renderRustcJson(f.stderr);
    assert.doesNotMatch(text, /^\{/m);
    assert.match(text, /^error\[E0425\]: cannot find value `undefined_name` in this scope\n --> main\.rs:9:20\n/m);
    assert.match(text, /^error: aborting due to 3 previous errors$/m);
    assert.match(text, /^For more information about an error, try `rustc --explain E0277`\.$/m);
  });
  it('keeps lines that are not rustc messages (a linker error) as they are', () => {
    const text = renderRustcJson('error: linking with `cc` failed: exit status: 1\n{"message":"x","code":null,"level":"error","spans":[],"children":[],"rendered":"error: x\\n"}\n');
    assert.equal(text, 'error: linking with `cc` failed: exit status: 1\nerror: x\n');
  });
});
