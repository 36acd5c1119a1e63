// Analysis time per category per language on a generated ~200-line program, and the time analysis adds over a
// plain run of the same program. Run: node --import tsx bench/analysis.ts [LANG…]   (default: all 14 languages)
import { analyzeCode } from '../src/core/analysis/analyze-code';
import { ANALYSIS_CATEGORIES, type AnalysisCategory } from '../src/core/analysis/types';
import { SandboxEngine } from '../src/core/sandbox/engine';

const FUNCTIONS = 20;

/** Per language: one ~9-line function f<i>(n) with a loop and a branch, and a main that sums f0..f19 of stdin's n. */
const PROGRAMS: Record<string, { fn: (i: number) => string; main: (calls: string) => string; file: string }> = {
  python: { file: 'bench.py', fn: (i) => `def f${i}(n):\n    total = 0\n    for k in range(n):\n        if k % ${i + 2} == 0:\n            total += k\n        else:\n            total -= 1\n    return total\n\n`, main: (c) => `n = int(input())\nprint(${c})\n` },
  javascript: { file: 'bench.js', fn: (i) => `function f${i}(n) {\n  let total = 0;\n  for (let k = 0; k < n; k++) {\n    if (k % ${i + 2} === 0) {\n      total += k;\n    } else {\n      total -= 1;\n    }\n  }\n  return total;\n}\n`, main: (c) => `const n = Number(require('fs').readFileSync(0, 'utf8'));\nconsole.log(${c});\n` },
  typescript: { file: 'bench.ts', fn: (i) => `function f${i}(n: number): number {\n  let total = 0;\n  for (let k = 0; k < n; k++) {\n    if (k % ${i + 2} === 0) {\n      total += k;\n    } else {\n      total -= 1;\n    }\n  }\n  return total;\n}\n`, main: (c) => `const n = 1000;\nconsole.log(${c});\n` },
  c: { file: 'bench.c', fn: (i) => `static long f${i}(long n) {\n    long total = 0;\n    for (long k = 0; k < n; k++) {\n        if (k % ${i + 2} == 0)\n            total += k;\n        else\n            total -= 1;\n    }\n    return total;\n}\n`, main: (c) => `int main(void) {\n    long n = 0;\n    if (scanf("%ld", &n) != 1) return 1;\n    printf("%ld\\n", ${c});\n    return 0;\n}\n` },
  cpp: { file: 'bench.cpp', fn: (i) => `static long f${i}(long n) {\n    long total = 0;\n    for (long k = 0; k < n; k++) {\n        if (k % ${i + 2} == 0)\n            total += k;\n        else\n            total -= 1;\n    }\n    return total;\n}\n`, main: (c) => `int main() {\n    long n = 0;\n    std::cin >> n;\n    std::cout << ${c} << std::endl;\n    return 0;\n}\n` },
  java: { file: 'Main.java', fn: (i) => `    static long f${i}(long n) {\n        long total = 0;\n        for (long k = 0; k < n; k++) {\n            if (k % ${i + 2} == 0) {\n                total += k;\n            } else {\n                total -= 1;\n            }\n        }\n        return total;\n    }\n`, main: (c) => `    public static void main(String[] args) {\n        long n = new java.util.Scanner(System.in).nextLong();\n        System.out.println(${c});\n    }\n}\n` },
  go: { file: 'bench.go', fn: (i) => `func f${i}(n int) int {\n\ttotal := 0\n\tfor k := 0; k < n; k++ {\n\t\tif k%${i + 2} == 0 {\n\t\t\ttotal += k\n\t\t} else {\n\t\t\ttotal--\n\t\t}\n\t}\n\treturn total\n}\n\n`, main: (c) => `func main() {\n\tvar n int\n\tfmt.Scan(&n)\n\tfmt.Println(${c})\n}\n` },
  rust: { file: 'bench.rs', fn: (i) => `fn f${i}(n: i64) -> i64 {\n    let mut total = 0;\n    for k in 0..n {\n        if k % ${i + 2} == 0 {\n            total += k;\n        } else {\n            total -= 1;\n        }\n    }\n    total\n}\n\n`, main: (c) => `fn main() {\n    let mut s = String::new();\n    std::io::stdin().read_line(&mut s).unwrap();\n    let n: i64 = s.trim().parse().unwrap();\n    println!("{}", ${c});\n}\n` },
  ruby: { file: 'bench.rb', fn: (i) => `def f${i}(n)\n  total = 0\n  n.times do |k|\n    if (k % ${i + 2}).zero?\n      total += k\n    else\n      total -= 1\n    end\n  end\n  total\nend\n\n`, main: (c) => `n = gets.to_i\nputs ${c}\n` },
  bash: { file: 'bench.sh', fn: (i) => `f${i}() {\n  local total=0\n  for ((k = 0; k < $1; k++)); do\n    if ((k % ${i + 2} == 0)); then\n      total=$((total + k))\n    else\n      total=$((total - 1))\n    fi\n  done\n  echo "$total"\n}\n\n`, main: (c) => `read -r n\necho $((${c}))\n` },
  php: { file: 'bench.php', fn: (i) => `function f${i}(int $n): int\n{\n    $total = 0;\n    for ($k = 0; $k < $n; $k++) {\n        if ($k % ${i + 2} == 0) {\n            $total += $k;\n        } else {\n            $total -= 1;\n        }\n    }\n    return $total;\n}\n\n`, main: (c) => `$n = (int) trim((string) fgets(STDIN));\necho ${c}, "\\n";\n` },
  lua: { file: 'bench.lua', fn: (i) => `local function f${i}(n)\n  local total = 0\n  for k = 0, n - 1 do\n    if k % ${i + 2} == 0 then\n      total = total + k\n    else\n      total = total - 1\n    end\n  end\n  return total\nend\n\n`, main: (c) => `local n = io.read("n")\nprint(${c})\n` },
  perl: { file: 'bench.pl', fn: (i) => `sub f${i} {\n    my ($n) = @_;\n    my $total = 0;\n    for my $k (0 .. $n - 1) {\n        if ($k % ${i + 2} == 0) {\n            $total += $k;\n        } else {\n            $total -= 1;\n        }\n    }\n    return $total;\n}\n\n`, main: (c) => `my $n = <STDIN>;\nprint ${c}, "\\n";\n` },
  csharp: { file: 'bench.cs', fn: (i) => `    static long F${i}(long n) {\n        long total = 0;\n        for (long k = 0; k < n; k++) {\n            if (k % ${i + 2} == 0) {\n                total += k;\n            } else {\n                total -= 1;\n            }\n        }\n        return total;\n    }\n`, main: (c) => `    static void Main() {\n        long n = long.Parse(Console.ReadLine());\n        Console.WriteLine(${c});\n    }\n}\n` },
};

const HEADERS: Record<string, string> = {
  c: '#include <stdio.h>\n\n',
  cpp: '#include <iostream>\n\n',
  java: 'public class Main {\n',
  go: 'package main\n\nimport "fmt"\n\n',
  bash: '#!/bin/bash\n',
  php: '<?php\n\n',
  perl: 'use strict;\nuse warnings;\n\n',
  csharp: 'using System;\n\nclass Program {\n',
};

export function benchProgram(lang: string): { code: string; file: string } {
  const p = PROGRAMS[lang];
  const calls = Array.from({ length: FUNCTIONS }, (_, i) => (lang === 'csharp' ? `F${i}(n)` : lang === 'bash' ? `$(f${i} "$n")` : lang === 'perl' ? `f${i}($n)` : lang === 'php' ? `f${i}($n)` : `f${i}(n)`)).join(' + ');
  const code = (HEADERS[lang] ?? '') + Array.from({ length: FUNCTIONS }, (_, i) => p.fn(i)).join('') + p.main(calls);
  return { code, file: p.file };
}

async function main() {
  const langs = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(PROGRAMS);
  const engine = new SandboxEngine({ poolSize: 0 });
  const cases = [{ input: '200\n' }];
  console.log(`| language | lines | plain run | ${ANALYSIS_CATEGORIES.join(' | ')} | all five | added over plain run |`);
  console.log(`|---|---|---|${ANALYSIS_CATEGORIES.map(() => '---').join('|')}|---|---|`);
  try {
    for (const lang of langs) {
      const { code, file } = benchProgram(lang);
      const lines = code.split('\n').length - 1;
      const t0 = performance.now();
      const run = await engine.runCode({ code, language: lang, fileName: file, cases });
      const plain = performance.now() - t0;
      const per: Record<string, string> = {};
      for (const category of ANALYSIS_CATEGORIES) {
        const t = performance.now();
        const r = await analyzeCode({ code, language: lang, fileName: file, cases, only: [category as AnalysisCategory] }, engine);
        const section = r.sections[category as AnalysisCategory];
        per[category] = `${((performance.now() - t) / 1000).toFixed(2)} s${section?.status === 'ok' ? '' : ` (${section?.status})`}`;
      }
      const t1 = performance.now();
      await analyzeCode({ code, language: lang, fileName: file, cases }, engine);
      const all = performance.now() - t1;
      const row = `| ${lang} | ${lines} | ${(plain / 1000).toFixed(2)} s (${run.status}) | ${ANALYSIS_CATEGORIES.map((c) => per[c]).join(' | ')} | ${(all / 1000).toFixed(2)} s | +${((all - plain) / 1000).toFixed(2)} s (×${(all / plain).toFixed(1)}) |`;
      console.log(row);
    }
  } finally {
    await engine.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
