// Small programs in every sandbox language (hello, echo, double, a compile error and a runtime error on known
// lines), shared by the engine's language tests and the service's. The languages added from Debian's packages
// are in more-language-programs.ts.
import type { LanguageId } from '../../src/core/languages/types';
import { MORE_LANGUAGE_PROGRAMS } from './more-language-programs';

export interface LanguageCase {
  hello: string;
  /** Reads one line and prints it back. */
  echo: string;
  /** Reads an integer n and prints 2n. */
  double: string;
  /** Fails to compile (or to parse) on `compileErrorLine`. */
  compileError: string;
  compileErrorLine: number;
  /** Compiles, then fails at run time on `runtimeErrorLine`. */
  runtimeError: string;
  /** Undefined where the runtime names no line for an error (SBCL). */
  runtimeErrorLine: number | undefined;
  /** The language has no check phase: its syntax error is a RuntimeError of the run, still on its line. */
  syntaxCheckedAtRun?: boolean;
}

export const PROGRAMS: Record<LanguageId, LanguageCase> = {
  python: {
    hello: 'print("Hello, World!")\n',
    echo: 'print(input())\n',
    double: 'n = int(input())\nprint(2 * n)\n',
    compileError: 'x = 1\nif x == 1\n    print(x)\n',
    compileErrorLine: 2,
    runtimeError: 'def f(d):\n    return d["missing"]\n\nprint(f({}))\n',
    runtimeErrorLine: 2,
  },
  javascript: {
    hello: 'console.log("Hello, World!");\n',
    echo: "const line = require('fs').readFileSync(0, 'utf8').split('\\n')[0];\nconsole.log(line);\n",
    double: "const n = Number(require('fs').readFileSync(0, 'utf8').trim());\nconsole.log(2 * n);\n",
    compileError: 'const a = 1;\nconst b = (a +;\nconsole.log(b);\n',
    compileErrorLine: 2,
    runtimeError: 'const a = {};\nconsole.log(a.b.c);\n',
    runtimeErrorLine: 2,
  },
  typescript: {
    hello: 'console.log("Hello, World!");\n',
    echo: "import { readFileSync } from 'fs';\nconst line: string = readFileSync(0, 'utf8').split('\\n')[0];\nconsole.log(line);\n",
    double: "import * as fs from 'node:fs';\nconst n: number = Number(fs.readFileSync(0, 'utf8').trim());\nconsole.log(2 * n);\n",
    compileError: 'const a: number = 1;\nconst b: string = a;\nconsole.log(b);\n',
    compileErrorLine: 2,
    runtimeError: 'function f(n: number): number {\n  throw new Error(`bad ${n}`);\n}\nconsole.log(f(1));\n',
    runtimeErrorLine: 2,
  },
  c: {
    hello: '#include <stdio.h>\nint main(void) {\n    printf("Hello, World!\\n");\n    return 0;\n}\n',
    echo: '#include <stdio.h>\nint main(void) {\n    char line[256];\n    if (fgets(line, sizeof line, stdin)) fputs(line, stdout);\n    return 0;\n}\n',
    double: '#include <stdio.h>\nint main(void) {\n    int n;\n    if (scanf("%d", &n) != 1) return 1;\n    printf("%d\\n", 2 * n);\n    return 0;\n}\n',
    compileError: '#include <stdio.h>\nint main(void) {\n    printf("%d\\n", missing);\n    return 0;\n}\n',
    compileErrorLine: 3,
    runtimeError: '#include <assert.h>\nint main(void) {\n    int n = 2;\n    assert(n == 3);\n    return 0;\n}\n',
    runtimeErrorLine: 4,
  },
  cpp: {
    hello: '#include <iostream>\nint main() {\n    std::cout << "Hello, World!" << std::endl;\n}\n',
    echo: '#include <iostream>\n#include <string>\nint main() {\n    std::string line;\n    std::getline(std::cin, line);\n    std::cout << line << "\\n";\n}\n',
    double: '#include <iostream>\nint main() {\n    long n;\n    std::cin >> n;\n    std::cout << 2 * n << "\\n";\n}\n',
    compileError: '#include <string>\nint main() {\n    std::string s = 42;\n    return 0;\n}\n',
    compileErrorLine: 3,
    runtimeError: '#include <cassert>\n#include <vector>\nint main() {\n    std::vector<int> v{1};\n    assert(v.empty());\n}\n',
    runtimeErrorLine: 5,
  },
  java: {
    hello: 'public class Hello {\n    public static void main(String[] args) {\n        System.out.println("Hello, World!");\n    }\n}\n',
    echo: 'import java.util.Scanner;\n\nclass Echo {\n    public static void main(String[] args) {\n        System.out.println(new Scanner(System.in).nextLine());\n    }\n}\n',
    double: 'import java.util.Scanner;\n\npublic class Main {\n    public static void main(String[] args) {\n        long n = new Scanner(System.in).nextLong();\n        System.out.println(2 * n);\n    }\n}\n',
    compileError: 'public class Main {\n    public static void main(String[] args) {\n        int x = "no";\n    }\n}\n',
    compileErrorLine: 3,
    runtimeError: 'public class Main {\n    public static void main(String[] args) {\n        Object o = null;\n        System.out.println(o.hashCode());\n    }\n}\n',
    runtimeErrorLine: 4,
  },
  go: {
    hello: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("Hello, World!")\n}\n',
    echo: 'package main\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n\tline, _ := bufio.NewReader(os.Stdin).ReadString(\'\\n\')\n\tfmt.Print(line)\n}\n',
    double: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar n int\n\tfmt.Scan(&n)\n\tfmt.Println(2 * n)\n}\n',
    compileError: 'package main\n\nfunc main() {\n\tvar s string = 1\n\t_ = s\n}\n',
    compileErrorLine: 4,
    runtimeError: 'package main\n\nfunc main() {\n\tvar m map[string]int\n\tm["a"] = 1\n}\n',
    runtimeErrorLine: 5,
  },
  rust: {
    hello: 'fn main() {\n    println!("Hello, World!");\n}\n',
    echo: 'use std::io::BufRead;\n\nfn main() {\n    let line = std::io::stdin().lock().lines().next().unwrap().unwrap();\n    println!("{}", line);\n}\n',
    double: 'fn main() {\n    let mut s = String::new();\n    std::io::stdin().read_line(&mut s).unwrap();\n    let n: i64 = s.trim().parse().unwrap();\n    println!("{}", 2 * n);\n}\n',
    compileError: 'fn main() {\n    let n: u32 = "seven";\n    println!("{}", n);\n}\n',
    compileErrorLine: 2,
    runtimeError: 'fn main() {\n    let v: Vec<i32> = Vec::new();\n    println!("{}", v[3]);\n}\n',
    runtimeErrorLine: 3,
  },
  ruby: {
    hello: 'puts "Hello, World!"\n',
    echo: 'puts gets\n',
    double: 'n = gets.to_i\nputs 2 * n\n',
    compileError: 'x = 1\nputs x\nputs(x +)\n',
    compileErrorLine: 3,
    runtimeError: 'x = nil\nputs x.upcase\n',
    runtimeErrorLine: 2,
  },
  bash: {
    hello: 'echo "Hello, World!"\n',
    echo: 'read -r line\necho "$line"\n',
    double: 'read -r n\necho $((2 * n))\n',
    compileError: 'x=1\nif [ "$x" = 1 ]; then\n  echo one\nfi fi\n',
    compileErrorLine: 4,
    runtimeError: 'set -e\necho start\nnot_a_command_here\n',
    runtimeErrorLine: 3,
  },
  php: {
    hello: '<?php\necho "Hello, World!\\n";\n',
    echo: '<?php\necho fgets(STDIN);\n',
    double: '<?php\n$n = (int) trim(fgets(STDIN));\necho 2 * $n, "\\n";\n',
    compileError: '<?php\n$a = 1;\n$b = $a +;\necho $b;\n',
    compileErrorLine: 3,
    runtimeError: '<?php\nfunction f() {\n  throw new RuntimeException("nope");\n}\nf();\n',
    runtimeErrorLine: 3,
  },
  lua: {
    hello: 'print("Hello, World!")\n',
    echo: 'print(io.read("l"))\n',
    double: 'local n = io.read("n")\nprint(2 * n)\n',
    compileError: 'local x = 1\nif x == 1\n  print(x)\nend\n',
    compileErrorLine: 3,
    runtimeError: 'local t = nil\nprint(t.field)\n',
    runtimeErrorLine: 2,
  },
  perl: {
    hello: 'print "Hello, World!\\n";\n',
    echo: 'my $line = <STDIN>;\nprint $line;\n',
    double: 'my $n = <STDIN>;\nprint 2 * $n, "\\n";\n',
    compileError: 'use strict;\nmy $x = 1;\nprint $y;\n',
    compileErrorLine: 3,
    runtimeError: 'use strict;\nsub f { die "failed here\\n" if 1; }\nmy $z = 0;\nprint 1 / $z;\n',
    runtimeErrorLine: 4,
  },
  csharp: {
    hello: 'using System;\nclass Program {\n    static void Main() {\n        Console.WriteLine("Hello, World!");\n    }\n}\n',
    echo: 'using System;\nclass Program {\n    static void Main() {\n        Console.WriteLine(Console.ReadLine());\n    }\n}\n',
    double: 'using System;\nclass Program {\n    static void Main() {\n        long n = long.Parse(Console.ReadLine().Trim());\n        Console.WriteLine(2 * n);\n    }\n}\n',
    compileError: 'using System;\nclass Program {\n    static void Main() {\n        int x = "text";\n    }\n}\n',
    compileErrorLine: 4,
    runtimeError: 'using System;\nusing System.Collections.Generic;\nclass Program {\n    static void Main() {\n        var d = new Dictionary<string, int>();\n        Console.WriteLine(d["missing"]);\n    }\n}\n',
    runtimeErrorLine: 6,
  },
  ...MORE_LANGUAGE_PROGRAMS,
};
