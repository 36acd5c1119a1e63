// The linters and bug finders of each image, as commands and parsers. Code smell and bug analysis often share one
// tool run (eslint, shellcheck, rubocop, cppcheck) split by rule class; `keep` picks each category's share.
import type { Diagnostic } from '../../diagnostics/types';
import type { LanguageId } from '../../languages/types';
import type { ProcessResult } from '../../sandbox/types';
import type { ParseContext } from '../parsers/common';
import { parseBandit, parsePylint, PYLINT_BUG_TYPES } from '../parsers/python-tools';
import { parseEslint } from '../parsers/eslint';
import { parseShellcheck } from '../parsers/shellcheck';
import { parseRubocop, RUBOCOP_BUG_DEPARTMENTS } from '../parsers/rubocop';
import { parseCppcheckXml, parseGccJson } from '../parsers/cppcheck';
import { parseGofmtDiff, parseGoVet } from '../parsers/go-tools';
import { isLuacheckBug, parseLuacheck, parsePerlcritic, parsePerlWarnings, parsePhpLint, PERLCRITIC_FORMAT } from '../parsers/script-tools';
import { parsePhpcs } from '../parsers/phpcs';
import { JAVAC_BUG_LINTS, parseJavacLint } from '../parsers/javac';
import { MCS_BUG_WARNINGS, parseParenthesized, parseRustcJson, RUST_BUG_LINTS, TSC_ENVIRONMENT_CODES, TSC_SMELL_CODES } from '../parsers/compilers';
import type { SandboxFile } from '../sandbox/analysis-sandbox';
import { COMPILER_LINTS } from './compiler-lints';

export interface LintRun {
  /** Shared runs have the same id. */
  id: string;
  /** Tool name for the section's `tools`. */
  tool: string;
  files?: SandboxFile[];
  argv: (sourceFile: string) => string[];
  env?: Record<string, string>;
  /** Exit codes of a run that did its job (linters exit non-zero when they find something). */
  ranOk: (p: ProcessResult) => boolean;
  parse: (p: ProcessResult, ctx: ParseContext) => Diagnostic[];
}

export interface LintUse {
  run: LintRun;
  /** The category's share of the run's diagnostics; all of them when absent. */
  keep?: (d: Diagnostic) => boolean;
}

const exitIn =
  (...codes: number[]) =>
  (p: ProcessResult) =>
    p.exitCode !== null && codes.includes(p.exitCode);

const ESLINT_CONFIG = JSON.stringify({
  root: true,
  extends: 'eslint:recommended',
  env: { node: true, es2020: true },
  parserOptions: { ecmaVersion: 2020, sourceType: 'script' },
  rules: { eqeqeq: 'warn', 'no-var': 'warn', 'prefer-const': 'warn', complexity: ['warn', 10], 'max-depth': ['warn', 4], 'no-shadow': 'warn' },
});
/** eslint:recommended rules that flag likely bugs (the "Possible Errors" class); everything else is a smell. */
const ESLINT_BUG_RULES = new Set([
  'no-undef', 'no-unreachable', 'no-dupe-keys', 'no-dupe-args', 'no-duplicate-case', 'no-func-assign', 'no-const-assign', 'no-cond-assign',
  'no-self-assign', 'no-self-compare', 'use-isnan', 'valid-typeof', 'no-unsafe-finally', 'no-unsafe-negation', 'no-sparse-arrays',
  'no-fallthrough', 'getter-return', 'no-setter-return', 'no-compare-neg-zero', 'no-dupe-else-if', 'no-import-assign', 'for-direction',
  'no-constant-condition', 'no-class-assign', 'no-ex-assign', 'no-obj-calls', 'no-unexpected-multiline', 'parse-error',
]);

const pylint: LintRun = {
  id: 'pylint',
  tool: 'pylint',
  argv: (src) => ['pylint', '--output-format=json', '--score=n', '--persistent=n', src],
  env: { HOME: '/tmp', PYLINTHOME: '/tmp/pylint' },
  // pylint's exit status is a bit mask of message classes; 32 means a usage error.
  ranOk: (p) => p.exitCode !== null && p.exitCode < 32,
  parse: (p, ctx) => parsePylint(p.stdout, ctx),
};
const pylintType = (d: Diagnostic) => (d.code?.startsWith('E') ? 'error' : d.code?.startsWith('F') ? 'fatal' : 'other');

const eslint: LintRun = {
  id: 'eslint',
  tool: 'eslint',
  files: [{ path: '.eslintrc.json', content: ESLINT_CONFIG }],
  argv: (src) => ['eslint', '--no-eslintrc', '-c', '.eslintrc.json', '-f', 'json', src],
  ranOk: exitIn(0, 1),
  parse: (p, ctx) => parseEslint(p.stdout, ctx),
};

const shellcheck: LintRun = {
  id: 'shellcheck',
  tool: 'shellcheck',
  argv: (src) => ['shellcheck', '-f', 'json', '-s', 'bash', src],
  ranOk: exitIn(0, 1),
  parse: (p, ctx) => parseShellcheck(p.stdout, ctx),
};
/** ShellCheck's `error` and `warning` levels are bugs, `info` and `style` smells. */
const shellcheckLevel = (d: Diagnostic) => d.severity === 'error' || d.severity === 'warning';

const rubocop: LintRun = {
  id: 'rubocop',
  tool: 'rubocop',
  argv: (src) => ['rubocop', '--format', 'json', '--cache', 'false', src],
  env: { HOME: '/tmp', XDG_CACHE_HOME: '/tmp' },
  ranOk: exitIn(0, 1),
  parse: (p, ctx) => parseRubocop(p.stdout, ctx),
};
const rubocopBug = (d: Diagnostic) => RUBOCOP_BUG_DEPARTMENTS.some((dept) => d.code?.startsWith(dept));

const cppcheck = (std: string): LintRun => ({
  id: 'cppcheck',
  tool: 'cppcheck',
  argv: (src) => ['cppcheck', '--enable=warning,style,performance,portability', `--std=${std}`, '--xml', '--quiet', '--inline-suppr', src],
  ranOk: exitIn(0),
  parse: (p, ctx) => parseCppcheckXml(p.stderr, ctx),
});
/** cppcheck's `error` and `warning` severities are bugs; `style`, `performance`, `portability` smells. */
const cppcheckBug = (d: Diagnostic) => d.severity === 'error' || d.severity === 'warning';

const gccAnalyzer: LintRun = {
  id: 'gcc-analyzer',
  tool: 'gcc -fanalyzer',
  argv: (src) => ['gcc', '-std=c17', '-fanalyzer', '-fdiagnostics-format=json', '-c', '-o', '/tmp/analyzer.o', src],
  ranOk: exitIn(0, 1),
  // With -fdiagnostics-format=json gcc prints one JSON array instead of its usual messages.
  parse: (p, ctx) => parseGccJson(p.stderr.trim().startsWith('[') ? p.stderr : p.stdout, ctx).filter((d) => d.code?.startsWith('analyzer')),
};

const goVet: LintRun = {
  id: 'go-vet',
  tool: 'go vet',
  argv: (src) => ['go', 'vet', '-json', src],
  ranOk: exitIn(0, 1),
  parse: (p, ctx) => parseGoVet(p.stderr, ctx),
};
const gofmt: LintRun = {
  id: 'gofmt',
  tool: 'gofmt',
  argv: (src) => ['gofmt', '-d', src],
  ranOk: exitIn(0, 1),
  parse: (p, ctx) => parseGofmtDiff(p.stdout, ctx),
};

const clippy: LintRun = {
  id: 'clippy',
  tool: 'clippy',
  argv: (src) => ['clippy-driver', '--edition', '2021', '--error-format=json', '-W', 'clippy::all', '-o', '/sandbox/.clippy-out', src],
  ranOk: exitIn(0, 1),
  parse: (p, ctx) => parseRustcJson(p.stderr, ctx).filter((d) => d.severity !== 'error' || d.code),
};
const rustBug = (d: Diagnostic) => !!d.code && RUST_BUG_LINTS.has(d.code);

const javacLint: LintRun = {
  id: 'javac-xlint',
  tool: 'javac -Xlint:all',
  argv: (src) => ['javac', '-encoding', 'UTF-8', '-Xlint:all', '-Xmaxwarns', '1000', '-d', '/sandbox/.lint-classes', src],
  ranOk: exitIn(0, 1),
  parse: (p, ctx) => parseJavacLint(p.stderr, ctx),
};
const javacBug = (d: Diagnostic) => d.severity === 'error' || (!!d.code && JAVAC_BUG_LINTS.has(d.code));

const mcsWarnings: LintRun = {
  id: 'mcs-warnings',
  tool: 'mcs -warn:4',
  argv: (src) => ['mcs', '-warn:4', '-out:/sandbox/.lint.exe', src],
  ranOk: exitIn(0, 1),
  parse: (p, ctx) => parseParenthesized(`${p.stdout}\n${p.stderr}`, ctx, 'mcs'),
};
const mcsBug = (d: Diagnostic) => d.severity === 'error' || (!!d.code && MCS_BUG_WARNINGS.has(d.code));

const tscStrict: LintRun = {
  id: 'tsc-strict',
  tool: 'tsc --strict',
  argv: (src) => [
    'tsc', '--noEmit', '--pretty', 'false', '--strict', '--target', 'es2022', '--module', 'commonjs', '--noUnusedLocals', '--noUnusedParameters',
    '--noImplicitReturns', '--noFallthroughCasesInSwitch', '--allowUnreachableCode', 'false', '--allowUnusedLabels', 'false', src,
  ],
  ranOk: exitIn(0, 1, 2),
  parse: (p, ctx) => parseParenthesized(p.stdout, ctx, 'tsc').filter((d) => !TSC_ENVIRONMENT_CODES.has(d.code ?? '')),
};
const tscSmell = (d: Diagnostic) => TSC_SMELL_CODES.has(d.code ?? '');

const perlcritic: LintRun = {
  id: 'perlcritic',
  tool: 'perlcritic',
  // The program is a script that reads stdin, not a module: module-layout policies and the stdin policy do not apply.
  argv: (src) => [
    'perlcritic', '--severity', '3', '--exclude', 'Modules::RequireExplicitPackage', '--exclude', 'Modules::RequireEndWithOne',
    '--exclude', 'Modules::RequireVersionVar', '--exclude', 'InputOutput::ProhibitExplicitStdin', '--verbose', PERLCRITIC_FORMAT.replace('\\n', '\n'), src,
  ],
  env: { HOME: '/tmp' },
  ranOk: exitIn(0, 2),
  parse: (p, ctx) => parsePerlcritic(p.stdout, ctx),
};
const perlWarnings: LintRun = {
  id: 'perl-wc',
  tool: 'perl -wc',
  argv: (src) => ['perl', '-wc', src],
  ranOk: exitIn(0, 255),
  parse: (p, ctx) => parsePerlWarnings(p.stderr, ctx),
};

const luacheck: LintRun = {
  id: 'luacheck',
  tool: 'luacheck',
  argv: (src) => ['luacheck', '--formatter', 'plain', '--codes', '--ranges', '--no-color', '--std', 'lua54', src],
  env: { HOME: '/tmp' },
  ranOk: exitIn(0, 1, 2),
  parse: (p, ctx) => parseLuacheck(p.stdout, ctx),
};

const phpLint: LintRun = {
  id: 'php-l',
  tool: 'php -l',
  argv: (src) => ['php', '-d', 'display_errors=stderr', '-l', src],
  ranOk: exitIn(0, 255),
  parse: (p, ctx) => parsePhpLint(`${p.stdout}\n${p.stderr}`, ctx),
};
const phpcs: LintRun = {
  id: 'phpcs',
  tool: 'phpcs (PSR-12)',
  argv: (src) => ['phpcs', '--report=json', '--standard=PSR12', '-q', src],
  ranOk: exitIn(0, 1, 2),
  parse: (p, ctx) => parsePhpcs(p.stdout, ctx),
};

const not =
  (f: (d: Diagnostic) => boolean) =>
  (d: Diagnostic): boolean =>
    !f(d);

/** Per language: the smell and bug tools, or why there are none. */
/** A language's smell and bug tools, or why there are none. */
export interface LintTools {
  smell: LintUse[] | string;
  bug: LintUse[] | string;
}

export const LINT_TOOLS: Record<LanguageId, LintTools> = {
  // bandit's B322 is about Python 2's input(), which evaluated its text; Python 3's does not.
  python: {
    smell: [{ run: pylint, keep: (d) => !PYLINT_BUG_TYPES.has(pylintType(d)) }],
    bug: [{ run: { id: 'bandit', tool: 'bandit', argv: (src) => ['bandit', '-q', '-f', 'json', '-s', 'B322', src], ranOk: exitIn(0, 1), parse: (p, ctx) => parseBandit(p.stdout, ctx) } }, { run: pylint, keep: (d) => PYLINT_BUG_TYPES.has(pylintType(d)) }],
  },
  javascript: {
    smell: [{ run: eslint, keep: (d) => !ESLINT_BUG_RULES.has(d.code ?? '') }],
    bug: [{ run: eslint, keep: (d) => ESLINT_BUG_RULES.has(d.code ?? '') }],
  },
  typescript: {
    smell: [{ run: tscStrict, keep: tscSmell }],
    bug: [{ run: tscStrict, keep: not(tscSmell) }],
  },
  c: { smell: [{ run: cppcheck('c11'), keep: not(cppcheckBug) }], bug: [{ run: cppcheck('c11'), keep: cppcheckBug }, { run: gccAnalyzer }] },
  cpp: { smell: [{ run: cppcheck('c++17'), keep: not(cppcheckBug) }], bug: [{ run: cppcheck('c++17'), keep: cppcheckBug }] },
  java: { smell: [{ run: javacLint, keep: not(javacBug) }], bug: [{ run: javacLint, keep: javacBug }] },
  go: { smell: [{ run: gofmt }], bug: [{ run: goVet }] },
  rust: { smell: [{ run: clippy, keep: not(rustBug) }], bug: [{ run: clippy, keep: rustBug }] },
  ruby: { smell: [{ run: rubocop, keep: not(rubocopBug) }], bug: [{ run: rubocop, keep: rubocopBug }] },
  bash: { smell: [{ run: shellcheck, keep: not(shellcheckLevel) }], bug: [{ run: shellcheck, keep: shellcheckLevel }] },
  php: { smell: [{ run: phpcs }], bug: [{ run: phpLint }] },
  lua: { smell: [{ run: luacheck, keep: (d) => !isLuacheckBug(d.code) }], bug: [{ run: luacheck, keep: (d) => isLuacheckBug(d.code) }] },
  perl: { smell: [{ run: perlcritic }], bug: [{ run: perlWarnings }] },
  csharp: { smell: [{ run: mcsWarnings, keep: not(mcsBug) }], bug: [{ run: mcsWarnings, keep: mcsBug }] },
  ...COMPILER_LINTS,
};
