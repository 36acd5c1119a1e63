// Coverage and efficiency in the real images: per-case covered/missed lines of a program with one branch per case,
// CPU time and peak memory per case, and profiles that name the user's own function.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCode } from '../../../src/core/analysis/analyze-code';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import { needs } from '../../support/tiers';

// Each program reads n and prints "big" (line BIG) when n > 5, else n*n (line SMALL).
const BRANCHY: { lang: string; code: string; big: number; small: number }[] = [
  { lang: 'python', code: 'n = int(input())\nif n > 5:\n    print("big")\nelse:\n    print(n * n)\n', big: 3, small: 5 },
  {
    lang: 'javascript',
    code: "const n = Number(require('fs').readFileSync(0, 'utf8'));\nif (n > 5) {\n  console.log('big');\n} else {\n  console.log(n * n);\n}\n",
    big: 3,
    small: 5,
  },
  { lang: 'c', code: '#include <stdio.h>\nint main(void) {\n  int n = 0;\n  if (scanf("%d", &n) != 1) return 1;\n  if (n > 5)\n    puts("big");\n  else\n    printf("%d\\n", n * n);\n  return 0;\n}\n', big: 6, small: 8 },
  { lang: 'cpp', code: '#include <iostream>\nint main() {\n  int n = 0;\n  std::cin >> n;\n  if (n > 5)\n    std::cout << "big\\n";\n  else\n    std::cout << n * n << "\\n";\n  return 0;\n}\n', big: 6, small: 8 },
  { lang: 'go', code: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar n int\n\tfmt.Scan(&n)\n\tif n > 5 {\n\t\tfmt.Println("big")\n\t} else {\n\t\tfmt.Println(n * n)\n\t}\n}\n', big: 9, small: 11 },
  { lang: 'ruby', code: 'n = gets.to_i\nif n > 5\n  puts "big"\nelse\n  puts n * n\nend\n', big: 3, small: 5 },
];

const CASES = [
  { input: '3\n', expected: '9\n' },
  { input: '7\n', expected: 'big\n' },
];

describe('coverage and efficiency in the sandbox (real Docker)', { timeout: 1_200_000, ...needs('docker') }, () => {
  let engine: SandboxEngine;
  before(() => {
    engine = new SandboxEngine({ poolSize: 0 });
  });
  after(() => engine.close());

  for (const t of BRANCHY) {
    it(`${t.lang}: each case covers its own branch; CPU time and memory per case`, async () => {
      const r = await analyzeCode({ code: t.code, language: t.lang, cases: CASES, only: ['coverage', 'efficiency'] }, engine);
      const cov = r.sections.coverage;
      assert.equal(cov?.status, 'ok', cov?.reason);
      const [small, big] = cov.cases;
      assert.ok(small.covered.includes(t.small) && small.missed.includes(t.big), `case 1: ${JSON.stringify(small)}`);
      assert.ok(big.covered.includes(t.big) && big.missed.includes(t.small), `case 2: ${JSON.stringify(big)}`);
      assert.ok(small.passed && big.passed);
      assert.ok(cov.total.covered.includes(t.big) && cov.total.covered.includes(t.small));
      assert.ok(!cov.total.missed.includes(t.big));

      const eff = r.sections.efficiency;
      assert.equal(eff?.status, 'ok', eff?.reason);
      assert.equal(eff.cases.length, 2);
      for (const c of eff.cases) {
        assert.equal(c.status, 'Accepted');
        assert.ok(c.durationMs > 0);
        assert.ok(typeof c.cpuMs === 'number' && c.cpuMs >= 0, `cpu ${c.cpuMs}: ${JSON.stringify(c)}`);
        assert.ok((c.peakMemoryBytes ?? 0) > 0);
      }
    });
  }

  it('profiles name the user function: cProfile, --cpu-prof, callgrind', async () => {
    const programs = [
      { lang: 'python', code: 'def work(n):\n    return sum(i * i for i in range(n))\n\nprint(work(200000))\n', fn: 'work', unit: 'seconds' },
      { lang: 'javascript', code: 'function work(n) {\n  let s = 0;\n  for (let i = 0; i < n; i++) s += Math.sqrt(i);\n  return s;\n}\nconsole.log(work(3e7));\n', fn: 'work', unit: 'microseconds' },
      { lang: 'c', code: '#include <stdio.h>\nlong work(long n) {\n  long s = 0;\n  for (long i = 0; i < n; i++) s += i % 7;\n  return s;\n}\nint main(void) { printf("%ld\\n", work(100000)); return 0; }\n', fn: 'work', unit: 'instructions' },
    ];
    for (const p of programs) {
      const r = await analyzeCode({ code: p.code, language: p.lang, only: ['efficiency'] }, engine);
      const profile = r.sections.efficiency?.profile;
      assert.ok(profile, `${p.lang}: ${r.sections.efficiency?.profileReason}`);
      assert.equal(profile.unit, p.unit);
      assert.ok(profile.total > 0);
      assert.ok(profile.entries.some((e) => e.name === p.fn && e.line !== undefined), `${p.lang}: ${JSON.stringify(profile.entries.map((e) => e.name))}`);
    }
  });

  it('a language without a coverage tool or profiler says so, and still measures each case', async () => {
    const r = await analyzeCode({ code: 'local n = io.read("n")\nprint(n * n)\n', language: 'lua', cases: CASES.slice(0, 1), only: ['coverage', 'efficiency'] }, engine);
    assert.equal(r.sections.coverage?.status, 'unavailable');
    assert.match(r.sections.coverage?.reason ?? '', /LuaCov/);
    assert.equal(r.sections.efficiency?.status, 'ok');
    assert.equal(r.sections.efficiency?.profile, null);
    assert.match(r.sections.efficiency?.profileReason ?? '', /no profiler/);
    assert.equal(r.sections.efficiency?.cases[0].status, 'Accepted');
  });
});
