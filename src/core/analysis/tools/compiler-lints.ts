// Smell and bug analysis for the languages whose image has no separate linter but whose compiler warns: the
// compiler runs with its warnings on and without producing a program, its output is read by the language's own
// diagnostics parser, and the warnings are split into smells (unused, shadowed, deprecated, style) and likely
// bugs (everything else, errors included). R (lintr) and Haskell (hlint) have real linters.
import type { Diagnostic } from '../../diagnostics/types';
import { getLanguage } from '../../languages/registry';
import type { LanguageId } from '../../languages/types';
import type { ProcessResult } from '../../sandbox/types';
import { guileCompile } from '../../languages/entries/functional';
import type { ParseContext } from '../parsers/common';
import type { LintRun, LintTools, LintUse } from './lint-runs';

const exitIn =
  (...codes: number[]) =>
  (p: ProcessResult) =>
    p.exitCode !== null && codes.includes(p.exitCode);

/** Warnings about code that works but should be cleaner: unused or shadowed names, deprecated or style issues. */
const SMELL_WORDS = /\b(?:unused|never used|not used|declared but not used|defined but (?:not|never) used|redundant|shadow|deprecat|style|singleton|naming|XDeclaredButNotUsed|unreferenced|not referenced)/i;

export const isSmell = (d: Diagnostic) => d.severity === 'hint' || d.severity === 'info' || (d.severity === 'warning' && SMELL_WORDS.test(`${d.code ?? ''} ${d.message}`));
const isBug = (d: Diagnostic) => !isSmell(d);

/** A compiler run whose output the language's own diagnostics parser reads. */
function compilerRun(language: LanguageId, tool: string, argv: (src: string) => string[], ok: number[] = [0, 1], env?: Record<string, string>): LintRun {
  return {
    id: `${language}-warnings`,
    tool,
    argv,
    env,
    ranOk: exitIn(...ok),
    parse: (p, ctx: ParseContext) =>
      getLanguage(language)
        .diagnostics({ phase: 'compile', stdout: p.stdout, stderr: p.stderr, sourceFile: ctx.sourceFile, userFile: ctx.userFile, lineOffset: 0 })
        .map((d) => ({ ...d, source: tool })),
  };
}

/** The same run split into the two categories. */
function split(run: LintRun): { smell: LintUse[]; bug: LintUse[] } {
  return { smell: [{ run, keep: isSmell }], bug: [{ run, keep: isBug }] };
}

/** lintr's lints as `line:column:type:linter:message`, one per line; `style` lints are smells, `warning` and `error` bugs. */
const LINTR_SCRIPT = (src: string) =>
  `for (l in lintr::lint(${JSON.stringify(src)})) cat(sprintf("%d:%d:%s:%s:%s\\n", l$line_number, l$column_number, l$type, l$linter, gsub("\\n", " ", l$message)))`;

const lintr: LintRun = {
  id: 'lintr',
  tool: 'lintr',
  argv: (src) => ['Rscript', '--vanilla', '-e', LINTR_SCRIPT(src)],
  env: { HOME: '/tmp', R_USER_CACHE_DIR: '/tmp' },
  ranOk: exitIn(0),
  parse: (p, ctx) =>
    [...p.stdout.matchAll(/^(\d+):(\d+):(style|warning|error):([\w.]+):(.*)$/gm)].map((m) => ({
      file: ctx.userFile,
      line: Number(m[1]),
      column: Math.max(1, Number(m[2])),
      severity: m[3] === 'style' ? 'info' : m[3] === 'warning' ? 'warning' : 'error',
      message: m[5].trim(),
      code: m[4],
      source: 'lintr',
    })),
};

interface HlintIdea {
  file: string;
  startLine: number;
  startColumn: number;
  severity: string;
  hint: string;
  from?: string;
  to?: string | null;
}

const hlint: LintRun = {
  id: 'hlint',
  tool: 'hlint',
  argv: (src) => ['hlint', '--json', '--no-exit-code', src],
  env: { HOME: '/tmp' },
  ranOk: exitIn(0),
  parse: (p, ctx) =>
    (JSON.parse(p.stdout.trim() || '[]') as HlintIdea[])
      .filter((i) => i.file.replace(/^\.\//, '') === ctx.sourceFile)
      .map((i) => ({
        file: ctx.userFile,
        line: i.startLine,
        column: Math.max(1, i.startColumn),
        severity: i.severity === 'Error' ? 'warning' : 'info',
        message: i.to ? `${i.hint}: ${i.from} → ${i.to}` : i.hint,
        code: i.hint,
        source: 'hlint',
      })),
};

const ghcWarnings = compilerRun('haskell', 'ghc -Wall', (src) => ['ghc', '-fno-code', '-Wall', '-outputdir', '/tmp/ghc-lint', src], [0, 1], { HOME: '/tmp' });

const unavailable = (reason: string) => ({ smell: reason, bug: reason });

export const COMPILER_LINTS = {
  r: { smell: [{ run: lintr, keep: (d) => d.severity === 'info' }], bug: [{ run: lintr, keep: (d) => d.severity !== 'info' }] },
  haskell: { smell: [{ run: hlint }], bug: [{ run: ghcWarnings, keep: isBug }] },
  scala: split(compilerRun('scala', 'scalac -Xlint', (src) => ['scalac', '-J-XX:+UseSerialGC', '-J-XX:TieredStopAtLevel=1', '-Xlint', '-deprecation', '-unchecked', '-feature', '-d', '/tmp/scala-lint', src])),
  kotlin: split(compilerRun('kotlin', 'kotlinc warnings', (src) => ['kotlinc', '-J-XX:+UseSerialGC', '-J-XX:TieredStopAtLevel=1', src, '-d', '/tmp/kotlin-lint'])),
  d: split(compilerRun('d', 'gdc -Wall -Wextra', (src) => ['gdc', '-fsyntax-only', '-Wall', '-Wextra', '-fdiagnostics-color=never', '-funittest', src])),
  fortran: split(compilerRun('fortran', 'gfortran -Wall -Wextra', (src) => ['gfortran', '-fsyntax-only', '-Wall', '-Wextra', '-fdiagnostics-color=never', src])),
  ada: split(compilerRun('ada', 'gnat -gnatwa', (src) => ['gcc', '-c', '-gnatc', '-gnatwa', '-gnata', '-o', '/tmp/ada-lint.o', src])),
  cobol: split(compilerRun('cobol', 'cobc -Wall', (src) => ['cobc', '-fsyntax-only', '-free', '-Wall', src])),
  nim: split(compilerRun('nim', 'nim check', (src) => ['nim', 'check', '--hints:on', '--colors:off', '--nimcache:/tmp/nim-lint', src], [0, 1], { HOME: '/tmp' })),
  pascal: split(compilerRun('pascal', 'fpc -vwnh', (src) => ['fpc', '-vewnh', '-s', '-FE/tmp', src])),
  verilog: split({
    ...compilerRun('verilog', 'verilator --lint-only -Wall', (src) => ['verilator', '--lint-only', '-Wall', '--bbox-sys', src]),
    // `%Warning-UNUSED: main.v:3:9: Signal is not used: 'x'`
    parse: (p, ctx) =>
      [...p.stderr.matchAll(/^%(Warning|Error)(?:-([A-Z_]+))?: (?:\/sandbox\/)?([^\s:]+\.s?v):(\d+):(?:(\d+):)? (.*)$/gm)]
        .filter((m) => m[3] === ctx.sourceFile)
        .map((m) => ({
          file: ctx.userFile,
          line: Number(m[4]),
          column: m[5] ? Number(m[5]) : 1,
          severity: m[1] === 'Error' ? 'error' : 'warning',
          message: m[6].trim(),
          code: m[2],
          source: 'verilator',
        })),
  }),
  ocaml: split(compilerRun('ocaml', 'ocamlopt -w +a', (src) => ['ocamlfind', 'ocamlopt', '-w', '+a-4-9-40-41-42-44-45-70', '-package', 'str,unix', '-c', '-o', '/tmp/ocaml-lint.cmx', src], [0, 2])),
  scheme: split(
    compilerRun('scheme', 'guile compile warnings', (src) => guileCompile(src, ['unused-variable', 'unused-toplevel', 'shadowed-toplevel', 'unbound-variable', 'macro-use-before-definition', 'arity-mismatch', 'duplicate-case-datum', 'bad-case-datum', 'format']), [0, 1], { HOME: '/tmp' }),
  ),
  erlang: split(compilerRun('erlang', 'erlc +warn_all', (src) => ['erlc', '+warn_unused_vars', '+warn_unused_import', '+warn_export_vars', '+warn_shadow_vars', '+warn_obsolete_guard', '-o', '/tmp', src])),
  prolog: split(compilerRun('prolog', 'swipl (load warnings)', (src) => ['swipl', '-q', '--on-warning=print', '-g', 'halt', '-t', 'halt(1)', '-l', src], [0, 1], { HOME: '/tmp' })),
  awk: split(compilerRun('awk', 'gawk --lint', (src) => ['gawk', '--lint', '--pretty-print=/dev/null', '-f', src], [0, 1, 2])),
  racket: unavailable('no Racket linter is packaged by Debian (raco review is not part of its racket)'),
  commonlisp: unavailable("no Common Lisp linter in Debian, and SBCL's compiler notes name the top-level form, not a line"),
  elixir: unavailable('no Elixir linter in Debian (Credo is not packaged)'),
  clojure: unavailable('no Clojure linter in Debian (clj-kondo and Eastwood are not packaged)'),
  groovy: unavailable('no Groovy linter in Debian (CodeNarc is not packaged)'),
  tcl: unavailable('no Tcl linter in Debian (Nagelfar is not packaged for bookworm)'),
  octave: unavailable('no Octave linter in Debian (mlint/checkcode are MATLAB tools)'),
  crystal: unavailable('no Crystal linter in Debian (Ameba is not packaged)'),
} satisfies Partial<Record<LanguageId, LintTools>>;
