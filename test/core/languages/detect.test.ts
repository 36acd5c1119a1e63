import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { identifyLanguage, LanguageIdentificationError } from '../../../src/core/languages/detect';
import { languageFromShebang, shebangInterpreter } from '../../../src/core/languages/detect-shebang';
import { findGuesslangModelDir, runGuesslang } from '../../../src/core/languages/guesslang-model';
import { LANGUAGES } from '../../../src/core/languages/registry';
import type { LanguageId } from '../../../src/core/languages/types';
import { loadLangIdCorpus, sampleCorpus } from '../../support/langid-corpus';
import { HELLO_WORLDS, SNIPPETS } from './langid-sanity-set';
import { needs } from '../../support/tiers';

const PYTHON_CODE = 'def f(x):\n    return x + 1\n\nprint(f(2))\n';

async function byContent(code: string): Promise<LanguageId> {
  const result = await identifyLanguage({ code });
  assert.equal(result.method, 'content');
  return result.language.id;
}

describe('identifyLanguage: the order of the steps', () => {
  it('an explicit id or alias beats every other hint', async () => {
    const r = await identifyLanguage({ code: PYTHON_CODE, explicit: 'c++', languageIdHint: 'python', fileName: 'x.py' });
    assert.equal(r.language.id, 'cpp');
    assert.equal(r.method, 'explicit');
    assert.equal(r.confidence, 1);
    assert.equal((await identifyLanguage({ code: '', explicit: 'Golang' })).language.id, 'go');
  });

  it('`auto` or an empty explicit choice means detect', async () => {
    for (const explicit of ['auto', 'AUTO', '', '  ']) {
      const r = await identifyLanguage({ code: PYTHON_CODE, explicit, languageIdHint: 'ruby' });
      assert.equal(r.method, 'languageId');
      assert.equal(r.language.id, 'ruby');
    }
  });

  it('an unknown explicit name is an error that lists the supported languages', async () => {
    await assert.rejects(identifyLanguage({ code: PYTHON_CODE, explicit: 'brainfuck' }), (err: Error) => {
      assert.ok(err instanceof LanguageIdentificationError);
      assert.match(err.message, /brainfuck/);
      for (const l of LANGUAGES) assert.ok(err.message.includes(l.id), `message lists ${l.id}`);
      return true;
    });
  });

  it('the editor languageId beats the file extension', async () => {
    const r = await identifyLanguage({ code: PYTHON_CODE, languageIdHint: 'typescriptreact', fileName: 'main.py' });
    assert.equal(r.language.id, 'typescript');
    assert.equal(r.method, 'languageId');
  });

  it('plaintext and unsupported languageIds are ignored', async () => {
    for (const languageIdHint of ['plaintext', 'markdown', 'swift']) {
      const r = await identifyLanguage({ code: PYTHON_CODE, languageIdHint, fileName: 'prog.lua' });
      assert.equal(r.method, 'extension');
      assert.equal(r.language.id, 'lua');
    }
  });

  it('the file extension beats the shebang', async () => {
    const r = await identifyLanguage({ code: '#!/usr/bin/env python3\nprint(1)\n', fileName: 'tool.rb' });
    assert.equal(r.language.id, 'ruby');
    assert.equal(r.method, 'extension');
  });

  it('a file name without a known extension falls through to the shebang', async () => {
    const r = await identifyLanguage({ code: '#!/usr/bin/env python3\nprint(1)\n', fileName: 'Makefile' });
    assert.equal(r.language.id, 'python');
    assert.equal(r.method, 'shebang');
  });

  it('the shebang beats the content', async () => {
    const r = await identifyLanguage({ code: '#!/usr/bin/perl\nputs "looks like ruby"\n' });
    assert.equal(r.language.id, 'perl');
    assert.equal(r.method, 'shebang');
  });

  it('content is the last resort and reports ranked candidates', async () => {
    const r = await identifyLanguage({ code: HELLO_WORLDS.go });
    assert.equal(r.method, 'content');
    assert.equal(r.language.id, 'go');
    assert.ok(r.confidence > 0.5 && r.confidence <= 1);
    assert.equal(r.candidates[0].id, 'go');
    assert.ok(r.candidates.length > 1);
    for (let i = 1; i < r.candidates.length; i++) assert.ok(r.candidates[i - 1].score >= r.candidates[i].score);
  });

  it('empty code with no other hint is an error', async () => {
    await assert.rejects(identifyLanguage({ code: '  \n\t\n' }), LanguageIdentificationError);
  });

  it('prose that is no supported language is an error', async () => {
    const prose = 'The quick brown fox jumps over the lazy dog. It was a bright cold day in April, and the clocks were striking thirteen.';
    await assert.rejects(identifyLanguage({ code: prose }), /does not look like any supported language/);
  });
});

describe('shebang parsing', () => {
  it('reads the interpreter from direct paths and env, with options and versions', () => {
    assert.equal(shebangInterpreter('#!/bin/bash\necho hi'), 'bash');
    assert.equal(shebangInterpreter('#!/usr/bin/env -S python3 -u\n'), 'python3');
    assert.equal(shebangInterpreter('#!/usr/bin/env -u HOME LANG=C node\n'), 'node');
    assert.equal(shebangInterpreter('echo hi\n#!/bin/bash'), undefined);
    assert.equal(languageFromShebang('#!/usr/bin/python3.12\n')?.id, 'python');
    assert.equal(languageFromShebang('#!/bin/sh\n')?.id, 'bash');
    assert.equal(languageFromShebang('#! /usr/bin/env lua5.4\n')?.id, 'lua');
    assert.equal(languageFromShebang('#!/usr/bin/env ts-node\n')?.id, 'typescript');
    assert.equal(languageFromShebang('#!/usr/bin/env tclsh\n')?.id, 'tcl');
    assert.equal(languageFromShebang('#!/usr/bin/env Rscript\n')?.id, 'r');
    assert.equal(languageFromShebang('#!/usr/bin/escript\n')?.id, 'erlang');
    assert.equal(languageFromShebang('#!/usr/bin/env julia\n'), undefined);
  });
});

describe('content identification: held-out sanity set', () => {
  for (const [language, code] of Object.entries(HELLO_WORLDS) as [LanguageId, string][]) {
    it(`hello world in ${language}`, async () => {
      assert.equal(await byContent(code), language);
    });
  }

  it('the sanity set covers all supported languages', () => {
    assert.deepEqual(Object.keys(HELLO_WORLDS).sort(), LANGUAGES.map((l) => l.id).sort());
  });

  for (const [i, snippet] of SNIPPETS.entries()) {
    it(`snippet ${i + 1} in ${snippet.language}`, async () => {
      assert.equal(await byContent(snippet.code), snippet.language);
    });
  }
});

describe('content identification: close relatives', () => {
  it('C++ hello worlds are C++, including a one-liner the model alone ranks as Ruby', async () => {
    assert.equal(await byContent('#include <iostream>\nint main() { std::cout << "Hello, World!\\n"; }\n'), 'cpp');
    assert.equal(await byContent('#include <iostream>\nusing namespace std;\n\nint main() {\n    cout << "Hello World" << endl;\n}\n'), 'cpp');
  });

  it('C without C++ features is C; the same program with std:: is C++', async () => {
    const c = '#include <stdio.h>\n\nint square(int x) {\n    return x * x;\n}\n\nint main(void) {\n    printf("%d\\n", square(7));\n    return 0;\n}\n';
    assert.equal(await byContent(c), 'c');
    assert.equal(await byContent(c.replace('#include <stdio.h>', '#include <cstdio>').replace('printf(', 'std::printf(')), 'cpp');
  });

  it('JavaScript without annotations is JavaScript; with annotations it is TypeScript', async () => {
    const js = 'function average(values) {\n  const total = values.reduce((a, b) => a + b, 0);\n  return total / values.length;\n}\nconsole.log(average([1, 2, 3]));\n';
    assert.equal(await byContent(js), 'javascript');
    const ts = js.replace('average(values)', 'average(values: number[]): number');
    assert.equal(await byContent(ts), 'typescript');
  });

  it('Java and C# are told apart by their standard libraries', async () => {
    assert.equal(await byContent('class A {\n    static int Twice(int x) {\n        return x * 2;\n    }\n    static void Main() {\n        Console.WriteLine(Twice(4));\n    }\n}\n'), 'csharp');
    assert.equal(await byContent('class A {\n    static int twice(int x) {\n        return x * 2;\n    }\n    public static void main(String[] args) {\n        System.out.println(twice(4));\n    }\n}\n'), 'java');
  });

  it('Ruby and Lua, which both close blocks with `end`', async () => {
    assert.equal(await byContent('def double(x)\n  x * 2\nend\n\nputs double(21)\n'), 'ruby');
    assert.equal(await byContent('function double(x)\n  return x * 2\nend\n\nprint(double(21))\n'), 'lua');
  });
});

describe('guesslang model', () => {
  it('finds the model folder from the sources and from a bundle layout', () => {
    assert.match(findGuesslangModelDir(), /(languagedetection|vscode-languagedetection[/\\]model)$/);
    const root = mkdtempSync(join(tmpdir(), 'langid-'));
    try {
      const assets = join(root, 'dist', 'assets', 'languagedetection');
      mkdirSync(assets, { recursive: true });
      writeFileSync(join(assets, 'model.json'), '{}');
      writeFileSync(join(assets, 'group1-shard1of1.bin'), '');
      assert.equal(findGuesslangModelDir(join(root, 'dist')), assets);
      assert.throws(() => findGuesslangModelDir(tmpdir()), /model/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('maps its labels to our ids (Perl is `pm`)', async () => {
    const results = await runGuesslang('use strict;\nmy @list = (1, 2, 3);\nforeach my $x (@list) {\n    print "$x\\n";\n}\n');
    assert.ok(results.length > 14);
    const perl = results.find((r) => r.label === 'pm');
    assert.equal(perl?.language, 'perl');
    assert.equal(results.find((r) => r.label === 'scala')?.language, 'scala');
    assert.equal(results.find((r) => r.label === 'swift')?.language, undefined);
  });
});

describe('benchmark P5: MultiPL-E solutions, code only', needs('corpora'), () => {
  it('top-1 accuracy on a fixed-seed sample is at least 97%', async () => {
    // 30 per language (390 snippets) keeps the test near 10 s; bench/langid.ts runs the whole set.
    const sample = sampleCorpus(loadLangIdCorpus(), 30, 20240601);
    assert.ok(sample.length >= 13 * 30);
    let correct = 0;
    const misses: string[] = [];
    const start = performance.now();
    for (const snippet of sample) {
      const got = await identifyLanguage({ code: snippet.code }).then((r) => r.language.id, () => 'error');
      if (got === snippet.language) correct++;
      else misses.push(`${snippet.name} → ${got}`);
    }
    const perIdentification = (performance.now() - start) / sample.length;
    const accuracy = correct / sample.length;
    console.log(`langid accuracy ${(100 * accuracy).toFixed(1)}% on ${sample.length}; ${perIdentification.toFixed(1)} ms per identification`);
    assert.ok(accuracy >= 0.97, `accuracy ${accuracy.toFixed(3)}; misses:\n${misses.join('\n')}`);
  });
});
