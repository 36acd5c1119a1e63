// Basic analysis (no container): structure, metrics and control flow from the tree-sitter grammars.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBasic } from '../../../src/core/analysis/basic/analyze-basic';
import { NODE_KINDS } from '../../../src/core/analysis/basic/node-kinds';
import { GRAMMAR_FILES } from '../../../src/core/analysis/basic/grammar-files';
import { loadGrammar } from '../../../src/core/analysis/basic/tree-sitter-loader';
import { LANGUAGES } from '../../../src/core/languages/registry';
import type { LanguageId } from '../../../src/core/languages/types';

const fixture = (path: string) => readFileSync(join(__dirname, 'fixtures', path), 'utf8');

// Per language: a fixture, its line count, and one function with its first line and cyclomatic complexity.
const STRUCTURE: { lang: LanguageId; file: string; total: number; fn?: { name: string; line: number; complexity: number }; type?: string }[] = [
  { lang: 'python', file: 'python/findings.py', total: 11, fn: { name: 'square', line: 4, complexity: 2 } },
  { lang: 'javascript', file: 'javascript/findings.js.txt', total: 7, fn: { name: 'square', line: 2, complexity: 2 } },
  { lang: 'typescript', file: 'typescript/findings.ts.txt', total: 6, fn: { name: 'square', line: 1, complexity: 1 } },
  { lang: 'c', file: 'c/clean.c', total: 12, fn: { name: 'main', line: 5, complexity: 2 } },
  { lang: 'cpp', file: 'cpp/clean.cpp', total: 10, fn: { name: 'square', line: 3, complexity: 1 } },
  { lang: 'java', file: 'java/findings/Main.java', total: 15, fn: { name: 'main', line: 4, complexity: 3 }, type: 'Main' },
  { lang: 'go', file: 'go/findings.go', total: 10, fn: { name: 'main', line: 5, complexity: 1 } },
  { lang: 'rust', file: 'rust/findings.rs', total: 13, fn: { name: 'main', line: 3, complexity: 2 } },
  { lang: 'ruby', file: 'ruby/findings.rb', total: 6, fn: { name: 'square', line: 1, complexity: 2 } },
  { lang: 'bash', file: 'bash/findings.sh', total: 5 },
  { lang: 'php', file: 'php/clean.php', total: 5 },
  { lang: 'lua', file: 'lua/findings.lua', total: 5 },
  { lang: 'csharp', file: 'csharp/findings.cs', total: 10, fn: { name: 'Main', line: 4, complexity: 1 }, type: 'Program' },
];

describe('basic analysis', () => {
  for (const t of STRUCTURE) {
    it(`${t.lang}: functions, complexity and line counts from its grammar`, async () => {
      const r = await analyzeBasic(fixture(t.file), t.lang, t.file);
      assert.equal(r.status, 'ok');
      assert.equal(r.lines.total, t.total);
      assert.equal(r.lines.code + r.lines.comment + r.lines.blank, t.total);
      assert.deepEqual(r.syntaxErrorLines, []);
      if (t.fn) {
        const fn = r.functions.find((f) => f.name === t.fn?.name);
        assert.ok(fn, `no function ${t.fn.name} in ${JSON.stringify(r.functions.map((f) => f.name))}`);
        assert.equal(fn.line, t.fn.line);
        assert.equal(fn.complexity, t.fn.complexity);
      }
      if (t.type) assert.ok(r.classes.some((c) => c.name === t.type));
    });
  }

  it('scala: functions, the object, imports and nesting from tree-sitter-scala', async () => {
    const code = 'import scala.math._\n\n// doc\nobject Problem {\n  def f(x: Int): Int = {\n    if (x > 0) x else -x\n  }\n  def main(args: Array[String]): Unit = {\n    for (i <- 1 to 3) println(f(i))\n  }\n}\n';
    const r = await analyzeBasic(code, 'scala', 'Problem.scala');
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.functions.map((f) => [f.name, f.line, f.complexity]), [['f', 5, 2], ['main', 8, 2]]);
    assert.deepEqual(r.classes.map((c) => [c.name, c.line]), [['Problem', 4]]);
    assert.deepEqual(r.imports.map((i) => i.line), [1]);
    assert.deepEqual(r.lines, { total: 11, code: 9, comment: 1, blank: 1 });
  });

  it('haskell: equations and top-level binds are functions, the type a -> b is not', async () => {
    const code = 'module Main where\n\nimport Data.List (sort)\n\n-- | the sign\nsign :: Int -> Int\nsign x\n  | x > 0 = 1\n  | otherwise = if x == 0 then 0 else -1\n\nmain :: IO ()\nmain = print (sign 3)\n';
    const r = await analyzeBasic(code, 'haskell', 'main.hs');
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.functions.map((f) => [f.name, f.line]), [['sign', 7], ['main', 12]]);
    assert.deepEqual(r.imports.map((i) => i.line), [3]);
    assert.equal(r.lines.comment, 1);
  });

  it('languages without a grammar count comment lines lexically (Fortran, Pascal blocks)', async () => {
    const f = await analyzeBasic('program p\n  ! a comment\n\n  print *, 1 ! trailing\nend program p\n', 'fortran', 'main.f90');
    assert.equal(f.status, 'unavailable');
    assert.deepEqual(f.lines, { total: 5, code: 3, comment: 1, blank: 1 });
    const p = await analyzeBasic('program P;\n{ a block\n  comment }\nbegin\n  (* one *) writeln(1);\nend.\n', 'pascal', 'main.pas');
    assert.deepEqual(p.lines, { total: 6, code: 4, comment: 2, blank: 0 });
  });

  it('perl: says it has no grammar, and still counts lines lexically', async () => {
    const r = await analyzeBasic('# comment\n\nmy $x = 1;\n=pod\ndoc\n=cut\nprint $x;\n', 'perl', 'main.pl');
    assert.equal(r.status, 'unavailable');
    assert.match(r.reason ?? '', /no prebuilt tree-sitter grammar/);
    assert.equal(r.grammar, null);
    assert.deepEqual(r.lines, { total: 7, code: 2, comment: 4, blank: 1 });
  });

  it('python: control flow, nesting and McCabe complexity per function', async () => {
    const code = [
      'import os',
      'class Box:',
      '    def scan(self, xs):',
      '        """doc"""',
      '        for x in xs:',
      '            if x > 1 and x < 5:',
      '                return x',
      '            elif x == 0:',
      '                raise ValueError("zero")',
      '        try:',
      '            pass',
      '        except KeyError:',
      '            pass',
      '        return None',
      '',
      'y = 1 if os else 2',
    ].join('\n');
    const r = await analyzeBasic(code, 'python', 'box.py');
    const scan = r.functions[0];
    assert.equal(scan.name, 'scan');
    assert.equal(scan.container, 'Box');
    // 1 + for + if + and + elif + except
    assert.equal(scan.complexity, 6);
    assert.equal(scan.maxNesting, 2);
    assert.deepEqual(scan.controlFlow, { branches: [6, 8], loops: [5], returns: [7, 14], throws: [9], tries: [10], handlers: [12] });
    assert.deepEqual(r.classes.map((c) => [c.kind, c.name, c.line, c.endLine]), [['class', 'Box', 2, 14]]);
    assert.deepEqual(r.imports, [{ text: 'import os', line: 1 }]);
    assert.deepEqual(r.topLevel.controlFlow.branches, [16]);
    assert.deepEqual(r.lines, { total: 16, code: 15, comment: 0, blank: 1 });
  });

  it('javascript: else-if chains do not nest, arrow functions take their binding name, require() is an import', async () => {
    const code = [
      "const fs = require('fs');",
      'const pick = (a, b) => {',
      '  if (a) {',
      '    return 1;',
      '  } else if (b || a) {',
      '    while (b) { b--; }',
      '  } else {',
      '    throw new Error("x");',
      '  }',
      '  // done',
      '  return a ?? b;',
      '};',
    ].join('\n');
    const r = await analyzeBasic(code, 'javascript', 'pick.js');
    const pick = r.functions.find((f) => f.name === 'pick');
    assert.ok(pick);
    // 1 + if + else-if + || + while + ??
    assert.equal(pick.complexity, 6);
    assert.equal(pick.maxNesting, 2);
    assert.deepEqual(pick.controlFlow, { branches: [3, 5], loops: [6], returns: [4, 11], throws: [8], tries: [], handlers: [] });
    assert.deepEqual(r.imports.map((i) => i.line), [1]);
    assert.equal(r.lines.comment, 1);
  });

  it('reports lines the grammar cannot parse as warnings', async () => {
    const r = await analyzeBasic('def f(:\n    return 1\n', 'python', 'bad.py');
    assert.ok(r.syntaxErrorLines.includes(1));
    assert.ok(r.diagnostics.every((d) => d.severity === 'warning' && d.source === 'tree-sitter-python' && d.file === 'bad.py'));
  });

  it('every node type named in the tables exists in its grammar', async () => {
    for (const lang of LANGUAGES) {
      const kinds = NODE_KINDS[lang.id];
      const grammar = await loadGrammar(lang.id);
      if (!kinds || !grammar) {
        assert.ok(!kinds && !grammar && typeof GRAMMAR_FILES[lang.id] === 'object', `${lang.id} has a grammar without a node table, or a node table without a grammar`);
        continue;
      }
      const named = [kinds.functions, kinds.types, kinds.imports, kinds.comments, kinds.branches, kinds.loops, kinds.returns, kinds.throws, kinds.tries, kinds.handlers, kinds.nesting, kinds.elses, kinds.logicalParents, kinds.calls?.types ?? []].flat();
      for (const type of named) assert.notEqual(grammar.language.idForNodeType(type, true), null, `${lang.id}: no node type '${type}'`);
      for (const op of kinds.logicalOperators) assert.notEqual(grammar.language.idForNodeType(op, false), null, `${lang.id}: no token '${op}'`);
    }
  });
});
