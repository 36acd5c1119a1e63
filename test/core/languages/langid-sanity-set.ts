// A fixed held-out sanity set for language identification: small hand-written programs per language,
// written independently of the MultiPL-E benchmark. Identification sees only the code.
import type { LanguageId } from '../../../src/core/languages/types';

export const HELLO_WORLDS: Readonly<Record<LanguageId, string>> = {
  python: 'def main():\n    print("Hello, world!")\n\n\nif __name__ == "__main__":\n    main()\n',
  javascript: 'function greet(name) {\n  return `Hello, ${name}!`;\n}\nconsole.log(greet("world"));\n',
  typescript: 'function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\nconsole.log(greet("world"));\n',
  c: '#include <stdio.h>\n\nint main(void) {\n    printf("Hello, world!\\n");\n    return 0;\n}\n',
  cpp: '#include <iostream>\n\nint main() {\n    std::cout << "Hello, world!" << std::endl;\n    return 0;\n}\n',
  java: 'public class Main {\n    public static void main(String[] args) {\n        System.out.println("Hello, world!");\n    }\n}\n',
  go: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("Hello, world!")\n}\n',
  rust: 'fn main() {\n    println!("Hello, world!");\n}\n',
  ruby: 'def greet(name)\n  puts "Hello, #{name}!"\nend\n\ngreet("world")\n',
  bash: 'greet() {\n  local name="$1"\n  echo "Hello, ${name:-world}!"\n}\ngreet "$@"\n',
  php: '<?php\nfunction greet($name) {\n    echo "Hello, $name!\\n";\n}\ngreet("world");\n',
  lua: 'local function greet(name)\n  print("Hello, " .. name .. "!")\nend\n\ngreet("world")\n',
  perl: 'use strict;\nuse warnings;\n\nmy $name = "world";\nprint "Hello, $name!\\n";\n',
  csharp: 'using System;\n\nclass Program {\n    static void Main(string[] args) {\n        Console.WriteLine("Hello, world!");\n    }\n}\n',
};

/** Short, typical snippets beyond hello world: loops, data structures, idioms. */
export const SNIPPETS: readonly { language: LanguageId; code: string }[] = [
  { language: 'python', code: 'numbers = [3, 1, 2]\nsquares = [n * n for n in sorted(numbers)]\nfor s in squares:\n    print(s)\n' },
  { language: 'python', code: 'class Stack:\n    def __init__(self):\n        self.items = []\n\n    def push(self, item):\n        self.items.append(item)\n' },
  { language: 'javascript', code: 'const fs = require("fs");\nconst lines = fs.readFileSync(0, "utf8").split("\\n");\nlines.forEach((line) => console.log(line.toUpperCase()));\n' },
  { language: 'javascript', code: 'function fib(n) {\n  let a = 0, b = 1;\n  for (let i = 0; i < n; i++) {\n    [a, b] = [b, a + b];\n  }\n  return a;\n}\nconsole.log(fib(10));\n' },
  { language: 'typescript', code: 'interface Point {\n  x: number;\n  y: number;\n}\nconst dist = (p: Point): number => Math.sqrt(p.x * p.x + p.y * p.y);\nconsole.log(dist({ x: 3, y: 4 }));\n' },
  { language: 'typescript', code: 'function sum(values: number[]): number {\n  let total = 0;\n  for (const v of values) total += v;\n  return total;\n}\n' },
  { language: 'c', code: '#include <stdlib.h>\n#include <string.h>\n\nchar *duplicate(const char *s) {\n    char *copy = malloc(strlen(s) + 1);\n    strcpy(copy, s);\n    return copy;\n}\n' },
  { language: 'c', code: 'typedef struct node {\n    int value;\n    struct node *next;\n} node_t;\n\nint length(node_t *head) {\n    int n = 0;\n    while (head != NULL) { n++; head = head->next; }\n    return n;\n}\n' },
  { language: 'cpp', code: '#include <vector>\n#include <algorithm>\nusing namespace std;\n\nint largest(vector<int> v) {\n    sort(v.begin(), v.end());\n    return v.back();\n}\n' },
  { language: 'cpp', code: 'template <typename T>\nclass Box {\npublic:\n    explicit Box(T value) : value_(value) {}\n    T get() const { return value_; }\nprivate:\n    T value_;\n};\n' },
  { language: 'java', code: 'import java.util.ArrayList;\nimport java.util.List;\n\nclass Names {\n    static List<String> upper(List<String> names) {\n        List<String> out = new ArrayList<>();\n        for (String n : names) out.add(n.toUpperCase());\n        return out;\n    }\n}\n' },
  { language: 'go', code: 'func sum(xs []int) int {\n\ttotal := 0\n\tfor _, x := range xs {\n\t\ttotal += x\n\t}\n\treturn total\n}\n' },
  { language: 'rust', code: 'use std::collections::HashMap;\n\nfn count_words(text: &str) -> HashMap<&str, usize> {\n    let mut counts = HashMap::new();\n    for word in text.split_whitespace() {\n        *counts.entry(word).or_insert(0) += 1;\n    }\n    counts\n}\n' },
  { language: 'ruby', code: 'class Dog\n  attr_reader :name\n\n  def initialize(name)\n    @name = name\n  end\nend\n\n[1, 2, 3].each { |n| puts n * 2 }\n' },
  { language: 'bash', code: 'for f in *.txt; do\n  if [ -s "$f" ]; then\n    wc -l "$f"\n  fi\ndone\n' },
  { language: 'php', code: '<?php\n$items = ["apple", "banana"];\nforeach ($items as $i => $item) {\n    echo strtoupper($item) . PHP_EOL;\n}\n' },
  { language: 'lua', code: 'local counts = {}\nfor _, word in ipairs({"a", "b", "a"}) do\n  counts[word] = (counts[word] or 0) + 1\nend\nprint(counts["a"])\n' },
  { language: 'perl', code: 'my @words = qw(pear apple fig);\nforeach my $w (sort @words) {\n    print "$w\\n";\n}\n' },
  { language: 'csharp', code: 'using System.Collections.Generic;\nusing System.Linq;\n\nclass Stats {\n    public static double Mean(List<int> xs) {\n        return xs.Sum() / (double)xs.Count;\n    }\n}\n' },
];
