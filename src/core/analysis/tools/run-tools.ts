// How each image measures line coverage and profiles a run, or why it cannot. Commands run in the work dir;
// `report` prints the tool's machine-readable result on stdout.
import type { LanguageId } from '../../languages/types';
import type { ParseContext } from '../parsers/common';
import { parseCoveragePy, parseGcovJson, parseGoCoverProfile, parseRubyCoverage, parseV8Coverage, type LineCoverage } from '../parsers/coverage-formats';
import { parseCallgrind, parseCpuProfile, parsePstatsJson, PSTATS_TO_JSON } from '../parsers/profile-formats';
import type { ProfileSummary } from '../types';
import type { SandboxFile } from '../sandbox/analysis-sandbox';

export interface CoverageInput {
  code: string;
  /** Lines with code on them, from the syntax tree (for tools that report character ranges). */
  codeLines: ReadonlySet<number>;
}

export interface CoverageRecipe {
  tool: string;
  files?: (sourceFile: string) => SandboxFile[];
  /** Builds an instrumented program (compile limits). */
  build?: (sourceFile: string) => string[];
  /** Runs case `i` under coverage (run limits; the case's input on stdin). */
  run: (sourceFile: string, i: number) => string[];
  env?: (i: number) => Record<string, string>;
  /** Prints case `i`'s report. */
  report: (sourceFile: string, i: number) => string[];
  parse: (stdout: string, ctx: ParseContext, input: CoverageInput) => LineCoverage;
  /** The program's own output, when the coverage harness adds lines to stdout. */
  programOutput?: (stdout: string) => string;
}

export interface ProfileRecipe {
  tool: string;
  build?: (sourceFile: string) => string[];
  run: (sourceFile: string) => string[];
  report: (sourceFile: string) => string[];
  parse: (stdout: string, ctx: ParseContext) => ProfileSummary;
}

const stem = (src: string) => src.replace(/\.[^.]+$/, '');

const gcov = (compiler: string[], libs: string[]): CoverageRecipe => ({
  tool: 'gcov',
  build: (src) => [...compiler, '-O0', '--coverage', '-o', 'main-cov', src, ...libs],
  // Counts add up across runs of one binary: each case starts from no data.
  run: (src) => ['sh', '-c', `rm -f main-cov-${stem(src)}.gcda; exec ./main-cov`],
  report: (src) => ['gcov', '--json-format', '--stdout', `main-cov-${stem(src)}.gcda`],
  parse: (stdout, ctx) => parseGcovJson(stdout, ctx),
});

const callgrind = (compiler: string[], libs: string[]): ProfileRecipe => ({
  tool: 'valgrind --tool=callgrind',
  // No inlining, so that the instruction counts stay with the user's own functions.
  build: (src) => [...compiler, '-g', '-O2', '-fno-inline', '-o', 'main-prof', src, ...libs],
  run: () => ['valgrind', '--tool=callgrind', '--callgrind-out-file=/tmp/callgrind.out', './main-prof'],
  report: () => ['cat', '/tmp/callgrind.out'],
  parse: parseCallgrind,
});

const GO_COVER_TEST = 'package main\n\nimport "testing"\n\n// Runs the program under `go test -cover`, the only coverage Go 1.19 has for a main package.\nfunc TestMplsandboxMain(t *testing.T) { main() }\n';

// Ruby compiles the main script before it runs `-r` libraries, so Coverage would miss it: the helper starts coverage
// and then loads the program itself, as $0, the way `ruby main.rb` would run it.
const RUBY_COVERAGE_HELPER = [
  "require 'coverage'",
  "require 'json'",
  'Coverage.start(lines: true)',
  '# Registered before the program loads, so it runs after every at_exit of the program.',
  "at_exit { File.write(ENV.fetch('MPLSANDBOX_COVERAGE_OUT'), JSON.generate(Coverage.result.transform_values { |v| { lines: v[:lines] } })) }",
  '$0 = ARGV.shift',
  'load $0',
  '',
].join('\n');

/** Per language: the coverage recipe, or why there is none. */
export const COVERAGE_RECIPES: Record<LanguageId, CoverageRecipe | string> = {
  python: {
    tool: 'coverage.py',
    run: (src, i) => ['python3', '-m', 'coverage', 'run', `--data-file=/tmp/coverage.${i}`, src],
    report: (_src, i) => ['sh', '-c', `python3 -m coverage json -q --data-file=/tmp/coverage.${i} -o /tmp/coverage.${i}.json >&2 && cat /tmp/coverage.${i}.json`],
    parse: (stdout, ctx) => parseCoveragePy(stdout, ctx),
  },
  javascript: {
    tool: 'V8 coverage (NODE_V8_COVERAGE)',
    run: (src) => ['node', src],
    env: (i) => ({ NODE_V8_COVERAGE: `/tmp/v8-coverage-${i}` }),
    report: (_src, i) => ['sh', '-c', `cat /tmp/v8-coverage-${i}/*.json`],
    parse: (stdout, ctx, input) => parseV8Coverage(stdout, input.code, input.codeLines, ctx),
  },
  c: gcov(['gcc', '-std=c17'], ['-lm']),
  cpp: gcov(['g++', '-std=c++17'], []),
  go: {
    tool: 'go test -cover',
    files: () => [{ path: 'mplsandbox_cover_test.go', content: GO_COVER_TEST }],
    build: () => ['go', 'test', '-c', '-cover', '-o', 'main.test'],
    run: (_src, i) => ['./main.test', '-test.run=^TestMplsandboxMain$', `-test.coverprofile=/tmp/cover.${i}`],
    report: (_src, i) => ['cat', `/tmp/cover.${i}`],
    parse: (stdout, ctx) => parseGoCoverProfile(stdout, ctx),
    // The test binary ends stdout with `PASS` and `coverage: N% of statements`.
    programOutput: (stdout) => stdout.replace(/(?:^|\n)(?:PASS|FAIL)\n(?:coverage: [^\n]*\n)?$/, (m) => (m.startsWith('\n') ? '\n' : '')),
  },
  ruby: {
    tool: "Ruby's Coverage",
    files: () => [{ path: '.mplsandbox_coverage.rb', content: RUBY_COVERAGE_HELPER }],
    run: (src) => ['ruby', '.mplsandbox_coverage.rb', src],
    env: (i) => ({ MPLSANDBOX_COVERAGE_OUT: `/tmp/ruby-coverage-${i}.json` }),
    report: (_src, i) => ['cat', `/tmp/ruby-coverage-${i}.json`],
    parse: (stdout, ctx) => parseRubyCoverage(stdout, ctx),
  },
  typescript: 'no coverage: V8 reports offsets in the compiled JavaScript and the image has no source-map remapper',
  java: 'no coverage tool in the image (JaCoCo is not installed)',
  rust: 'no coverage: -C instrument-coverage needs llvm-profdata and llvm-cov, which the image lacks',
  bash: 'no coverage tool for Bash in Debian (kcov is not packaged for bookworm)',
  php: 'no coverage: the image has neither Xdebug nor PCOV',
  lua: 'no coverage tool in the image (LuaCov is not installed)',
  perl: 'no coverage tool in the image (Devel::Cover is not installed)',
  csharp: 'no coverage tool for Mono in Debian',
  r: 'no coverage: covr is packaged by Debian but instruments packages, not a script run with Rscript',
  scala: 'no coverage tool in the image (scoverage and JaCoCo are not packaged by Debian)',
  kotlin: 'no coverage tool in the image (Kover and JaCoCo are not packaged by Debian)',
  groovy: 'no coverage tool in the image (JaCoCo is not packaged by Debian)',
  clojure: 'no coverage tool in the image (cloverage is not packaged by Debian)',
  d: gcov(['gdc', '-funittest'], []),
  fortran: gcov(['gfortran'], []),
  ada: 'no coverage: gnatmake would need --coverage on the compile and link steps of every unit; not wired',
  cobol: 'no coverage tool for GnuCOBOL in Debian',
  nim: 'no coverage: gcov would report the generated C, not the Nim lines',
  crystal: 'no coverage tool for Crystal in Debian',
  pascal: 'no coverage tool for Free Pascal in Debian',
  verilog: 'no coverage: Verilator can measure it, but only for its own C++ simulation builds, not for vvp',
  haskell: 'no coverage: GHC -fhpc works, but hpc (the report tool) is not in the image',
  ocaml: 'no coverage tool in the image (bisect_ppx is not packaged by Debian)',
  racket: 'no coverage tool in the image (the cover package is not part of Debian\'s racket)',
  scheme: 'no coverage: Guile has (system vm coverage) but no report tool for scripts is wired',
  commonlisp: 'no coverage: sb-cover reports HTML per form, not lines of a script',
  elixir: 'no coverage: mix test --cover needs a Mix project',
  erlang: 'no coverage: cover needs the module compiled and run under a cover server; not wired',
  tcl: 'no coverage tool for Tcl in Debian',
  prolog: 'no coverage: SWI-Prolog has show_coverage/1 but per clause, not per line; not wired',
  octave: 'no coverage tool for Octave in Debian',
  awk: 'no coverage: gawk --profile counts statements but prints a pretty-printed program, not source lines',
};

export const NO_PROFILER_REASON = 'no profiler wired for this language: only CPU time and peak memory per case';

/** Per language: the profiler, or why there is none. CPU time and peak memory per case are measured for every language. */
export const PROFILE_RECIPES: Record<LanguageId, ProfileRecipe | string> = {
  python: {
    tool: 'cProfile',
    run: (src) => ['python3', '-m', 'cProfile', '-o', '/tmp/profile.pstats', src],
    report: () => ['python3', '-c', PSTATS_TO_JSON, '/tmp/profile.pstats'],
    parse: parsePstatsJson,
  },
  javascript: {
    tool: 'node --cpu-prof',
    // 100 µs rather than V8's 1 ms: a sandboxed program often runs for tens of milliseconds, and at 1 ms a busy
    // machine left its own function without a single sample (the profile showed only Node's start-up).
    run: (src) => ['node', '--cpu-prof', '--cpu-prof-interval=100', '--cpu-prof-dir=/tmp/cpu-profile', src],
    report: () => ['sh', '-c', 'cat /tmp/cpu-profile/*.cpuprofile'],
    parse: parseCpuProfile,
  },
  c: callgrind(['gcc', '-std=c17'], ['-lm']),
  cpp: callgrind(['g++', '-std=c++17'], []),
  typescript: NO_PROFILER_REASON,
  java: NO_PROFILER_REASON,
  go: NO_PROFILER_REASON,
  rust: NO_PROFILER_REASON,
  ruby: NO_PROFILER_REASON,
  bash: NO_PROFILER_REASON,
  php: NO_PROFILER_REASON,
  lua: NO_PROFILER_REASON,
  perl: NO_PROFILER_REASON,
  csharp: NO_PROFILER_REASON,
  r: NO_PROFILER_REASON,
  scala: NO_PROFILER_REASON,
  kotlin: NO_PROFILER_REASON,
  groovy: NO_PROFILER_REASON,
  clojure: NO_PROFILER_REASON,
  d: NO_PROFILER_REASON,
  fortran: NO_PROFILER_REASON,
  ada: NO_PROFILER_REASON,
  cobol: NO_PROFILER_REASON,
  nim: NO_PROFILER_REASON,
  crystal: NO_PROFILER_REASON,
  pascal: NO_PROFILER_REASON,
  verilog: NO_PROFILER_REASON,
  haskell: NO_PROFILER_REASON,
  ocaml: NO_PROFILER_REASON,
  racket: NO_PROFILER_REASON,
  scheme: NO_PROFILER_REASON,
  commonlisp: NO_PROFILER_REASON,
  elixir: NO_PROFILER_REASON,
  erlang: NO_PROFILER_REASON,
  tcl: NO_PROFILER_REASON,
  prolog: NO_PROFILER_REASON,
  octave: NO_PROFILER_REASON,
  awk: NO_PROFILER_REASON,
};
