// Languages compiled to native code through GCC or their own back ends: D, Fortran, Ada, COBOL, Nim, Crystal,
// Pascal, and Verilog (compiled to a simulation that vvp runs). Each builds `./main` in the work dir (/tmp is noexec).
import { parseGccStyle } from '../../diagnostics/gcc-style';
import { parseHeadAndFrame, parseLinePatterns } from '../../diagnostics/line-patterns';
import type { LanguageEntries } from '../types';
import { GiB } from '../sizes';

export const NATIVE_LANGUAGES: LanguageEntries<'d' | 'fortran' | 'ada' | 'cobol' | 'nim' | 'crystal' | 'pascal' | 'verilog'> = {
  d: {
    id: 'd',
    displayName: 'D',
    aliases: ['dlang', 'gdc'],
    extensions: ['.d'],
    vscodeLanguageIds: ['d'],
    contributesVscodeLanguage: true,
    interpreters: ['rdmd'],
    image: 'd',
    sourceFile: () => 'main.d',
    // -funittest: `unittest` blocks run before main (MultiPL-E's D tests are unittest blocks and an empty main).
    compile: (src) => ['gdc', '-O2', '-funittest', '-fdiagnostics-color=never', '-o', 'main', src],
    run: () => ['./main'],
    // Compile: gcc's format. Run: `core.exception.AssertError@main.d(5): unittest failure`, or for a failed
    // unittest block (its tests run before main; main runs only when there are none) `main.d(2): [unittest] unittest failure`.
    diagnostics: (ctx) =>
      ctx.phase === 'compile'
        ? parseGccStyle(ctx, 'gdc')
        : parseLinePatterns(ctx, 'd', [
            { re: /^(?<message>[\w.]+(?:Error|Exception)@(?<file>[^\s(]+)\((?<line>\d+)\): .*)$/ },
            { re: /^(?<file>[^\s(]+\.d)\((?<line>\d+)\): \[unittest\] (?<message>.*)$/ },
          ]),
    multiplE: 'd',
  },
  fortran: {
    id: 'fortran',
    displayName: 'Fortran',
    aliases: ['gfortran', 'f90', 'f95'],
    extensions: ['.f90', '.f95', '.f03', '.f08', '.f', '.for'],
    vscodeLanguageIds: ['fortran', 'FortranFreeForm', 'fortran-modern'],
    contributesVscodeLanguage: true,
    interpreters: [],
    image: 'fortran',
    sourceFile: () => 'main.f90',
    // -fcheck=all: array bounds and other run-time checks report the line instead of corrupting memory; -g for the traceback.
    compile: (src) => ['gfortran', '-O2', '-g', '-fcheck=all', '-fbacktrace', '-fdiagnostics-color=never', '-o', 'main', src],
    run: () => ['./main'],
    // Compile: `main.f90:3:7:` then the source, a caret and `Error: …` on later lines. Run: `At line 4 of file main.f90`.
    diagnostics: (ctx) =>
      ctx.phase === 'compile'
        ? parseFortranCompile(ctx)
        : parseLinePatterns(ctx, 'gfortran', [{ re: /^At line (?<line>\d+) of file (?<file>\S+)(?: \(unit = \d+.*\))?$/, continuation: /^(?:Fortran runtime error|Error termination)/ }]),
    guesslang: 'f90',
  },
  ada: {
    id: 'ada',
    displayName: 'Ada',
    aliases: ['gnat'],
    extensions: ['.adb', '.ada'],
    vscodeLanguageIds: ['ada'],
    contributesVscodeLanguage: true,
    interpreters: [],
    image: 'ada',
    // GNAT wants the file named after the main procedure, lower case.
    sourceFile: (code) => `${(/^\s*procedure\s+([A-Za-z]\w*)\s+is\b/im.exec(code)?.[1] ?? 'main').toLowerCase()}.adb`,
    // -gnata: pragma Assert is checked; -gnatE: elaboration checks; -g and -bargs -E: tracebacks with lines.
    compile: (src) => ['gnatmake', '-q', '-gnata', '-g', '-O1', '-o', 'main', src, '-bargs', '-E'],
    run: () => ['./main'],
    // `hello.adb:3:11: error: missing ";"`; run: `raised CONSTRAINT_ERROR : hello.adb:5 range check failed`.
    diagnostics: (ctx) =>
      ctx.phase === 'compile'
        ? parseLinePatterns(ctx, 'gnat', [{ re: /^(?<file>[^\s:]+\.ad[bs]):(?<line>\d+):(?<column>\d+): (?:(?<severity>error|warning|info|style|\(style\)): )?(?<message>.*)$/ }])
        : parseLinePatterns(ctx, 'gnat', [{ re: /^raised (?<message>[\w.]+ : (?<file>[^\s:]+\.adb):(?<line>\d+).*)$/ }]),
    env: { HOME: '/sandbox' },
    limits: { compile: { timeoutMs: 60_000 }, why: 'gnatmake runs the compiler, the binder and the linker in turn' },
  },
  cobol: {
    id: 'cobol',
    displayName: 'COBOL',
    aliases: ['cobc', 'gnucobol', 'cob'],
    extensions: ['.cob', '.cbl', '.cpy'],
    vscodeLanguageIds: ['cobol', 'COBOL'],
    contributesVscodeLanguage: true,
    interpreters: [],
    image: 'cobol',
    sourceFile: () => 'main.cob',
    // -x: an executable; -free: free-format source (no column rules); -debug: run-time checks with source lines.
    compile: (src) => ['cobc', '-x', '-free', '-debug', '-o', 'main', src],
    run: () => ['./main'],
    // `main.cob:4: error: syntax error, unexpected …`; run: `main.cob:7: error: subscript of 'X' out of bounds: 11`.
    diagnostics: (ctx) => parseLinePatterns(ctx, 'cobc', [{ re: /^(?:libcob: )?(?<file>[^\s:]+\.cob):(?<line>\d+): (?<severity>error|warning|note)?:? ?(?<message>.*)$/ }]),
    env: { HOME: '/sandbox', COB_DISABLE_WARNINGS: '0' },
    guesslang: 'cbl',
  },
  nim: {
    id: 'nim',
    displayName: 'Nim',
    aliases: ['nimlang'],
    extensions: ['.nim', '.nims'],
    vscodeLanguageIds: ['nim'],
    contributesVscodeLanguage: true,
    interpreters: ['nim'],
    image: 'nim',
    sourceFile: () => 'main.nim',
    // The C compiler's intermediate files go into the work dir's nimcache (the home is not writable at run time).
    compile: (src) => ['nim', 'c', '--hints:off', '--colors:off', '--nimcache:/sandbox/.nimcache', '-d:release', '--stackTrace:on', '--lineTrace:on', '-o:main', src],
    run: () => ['./main'],
    // `/sandbox/main.nim(3, 7) Error: undeclared identifier: 'x'`; run: `/sandbox/main.nim(4) main` frames, then `Error: unhandled exception: …`.
    diagnostics: (ctx) =>
      ctx.phase === 'compile'
        ? parseLinePatterns(ctx, 'nim', [{ re: /^(?<file>\S+\.nim)\((?<line>\d+), (?<column>\d+)\) (?<severity>Error|Warning|Hint): (?<message>.*)$/ }])
        : parseNimTrace(ctx),
    env: { HOME: '/sandbox' },
    limits: { compile: { timeoutMs: 60_000 }, why: 'nim compiles the program and its standard library to C, then runs gcc on every file' },
  },
  crystal: {
    id: 'crystal',
    displayName: 'Crystal',
    aliases: ['cr'],
    extensions: ['.cr'],
    vscodeLanguageIds: ['crystal'],
    contributesVscodeLanguage: true,
    interpreters: ['crystal'],
    image: 'crystal',
    // Not main.cr: Crystal's own runtime file of that name appears in every stack trace.
    sourceFile: () => 'program.cr',
    compile: (src) => ['crystal', 'build', '--no-color', '--error-trace', '-o', 'main', src],
    run: () => ['./main'],
    // `In main.cr:3:5` then a blank line, the source, a caret and `Error: …`; run: `Unhandled exception: … (Class)` then `from main.cr:2:3 in 'f'`.
    diagnostics: (ctx) =>
      ctx.phase === 'compile'
        ? parseCrystalCompile(ctx)
        : parseHeadAndFrame(ctx, 'crystal', /^Unhandled exception: (?<message>.*)$/, /^\s+from (?:\/sandbox\/)?(?<file>[^\s:]+\.cr):(?<line>\d+):(?<column>\d+)/),
    // The compiler caches per user; the home is the work dir.
    env: { HOME: '/sandbox', CRYSTAL_CACHE_DIR: '/sandbox/.crystal-cache' },
    limits: { compile: { timeoutMs: 90_000, memoryBytes: 2 * GiB }, why: 'crystal compiles the whole standard library it uses through LLVM on every build (~20 s, ~1 GB)' },
  },
  pascal: {
    id: 'pascal',
    displayName: 'Pascal',
    aliases: ['fpc', 'freepascal', 'delphi', 'objectpascal'],
    extensions: ['.pas', '.pp', '.dpr'],
    vscodeLanguageIds: ['pascal', 'objectpascal'],
    contributesVscodeLanguage: true,
    interpreters: ['instantfpc'],
    image: 'pascal',
    sourceFile: () => 'main.pas',
    // -gl: line info for run-time error backtraces; -Sa: assertions on; -vew: errors and warnings only.
    compile: (src) => ['fpc', '-O2', '-gl', '-Sa', '-vewn', '-omain', src],
    run: () => ['./main'],
    // `main.pas(3,5) Error: Identifier not found "x"`; run: `Runtime error 201 at $…` then `  $… line 5 of main.pas`.
    diagnostics: (ctx) =>
      ctx.phase === 'compile'
        ? parseLinePatterns(ctx, 'fpc', [{ re: /^(?<file>[^\s(]+\.pas)\((?<line>\d+),(?<column>\d+)\) (?<severity>Error|Warning|Note|Hint|Fatal): (?<message>.*)$/ }])
        : parseHeadAndFrame(ctx, 'fpc', /^(?<message>Runtime error \d+|An unhandled exception occurred.*|EAssertionFailed.*?)(?: at \$[0-9A-F]+)?$/, /line (?<line>\d+) of (?<file>\S+\.pas)/),
  },
  verilog: {
    id: 'verilog',
    displayName: 'Verilog',
    aliases: ['iverilog', 'systemverilog', 'v'],
    extensions: ['.v', '.sv', '.vh'],
    vscodeLanguageIds: ['verilog', 'systemverilog'],
    contributesVscodeLanguage: true,
    interpreters: ['vvp'],
    image: 'verilog',
    sourceFile: () => 'main.v',
    compile: (src) => ['iverilog', '-g2012', '-Wall', '-o', 'main.vvp', src],
    // vvp simulates until $finish; $fatal/$error exit non-zero.
    run: () => ['vvp', '-n', 'main.vvp'],
    // `main.v:3: syntax error`, `main.v:5: error: Unable to bind wire/reg/memory `x'`; run: `FATAL: main.v:4: …`, `ERROR: main.v:4: …`.
    diagnostics: (ctx) =>
      parseLinePatterns(ctx, 'iverilog', [
        { re: /^(?<file>[^\s:]+\.s?v):(?<line>\d+): (?:(?<severity>error|warning|sorry|syntax error): ?)?(?<message>.*)$/ },
        { re: /^(?<severity>FATAL|ERROR|WARNING): (?<file>[^\s:]+\.s?v):(?<line>\d+): (?<message>.*)$/ },
      ]).map((d) => (/syntax error/.test(d.message) || d.message === '' ? { ...d, severity: 'error' as const, message: d.message || 'syntax error' } : d)),
    guesslang: 'v',
  },
};

/** gfortran: `main.f90:3:7:`, a blank line, the source line, a caret line, then `Error: …` or `Warning: …`. */
function parseFortranCompile(ctx: Parameters<typeof parseGccStyle>[0]) {
  const lines = ctx.stderr.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^(\S+\.f\w*):(\d+):(\d+):$/.exec(lines[i]);
    if (!head) continue;
    for (let j = i + 1; j < lines.length && j < i + 8; j++) {
      const verdict = /^(Error|Warning|Fatal Error): (.*)$/.exec(lines[j]);
      if (verdict) {
        out.push(`${head[1]}:${head[2]}:${head[3]}: ${verdict[1].toLowerCase().replace('fatal error', 'error')}: ${verdict[2]}`);
        break;
      }
    }
  }
  return parseGccStyle({ ...ctx, stderr: out.join('\n'), stdout: '' }, 'gfortran');
}

/** Crystal: `In main.cr:3:5` heads an entry whose `Error: …` line comes a few lines later. */
function parseCrystalCompile(ctx: Parameters<typeof parseGccStyle>[0]) {
  const lines = `${ctx.stderr}\n${ctx.stdout}`.split('\n');
  const out: string[] = [];
  let at: string | undefined;
  for (const line of lines) {
    const head = /^In (?:\/sandbox\/)?(\S+\.cr):(\d+):(\d+)$/.exec(line);
    if (head) at = `${head[1]}:${head[2]}:${head[3]}`;
    const verdict = /^(Error|Warning): (.*)$/.exec(line);
    if (verdict && at) {
      out.push(`${at}: ${verdict[1].toLowerCase()}: ${verdict[2]}`);
      at = undefined;
    }
  }
  return parseGccStyle({ ...ctx, stderr: out.join('\n'), stdout: '' }, 'crystal');
}

/** Nim's stack trace lists frames oldest first; the last frame in the user's file is where it failed. */
function parseNimTrace(ctx: Parameters<typeof parseGccStyle>[0]) {
  const error = /^Error: (.*)$/m.exec(ctx.stderr);
  if (!error) return [];
  const frames = [...ctx.stderr.matchAll(/^(?:\/sandbox\/)?(main\.nim)\((\d+)\)\s/gm)];
  const last = frames.at(-1);
  if (!last) return [];
  return parseLinePatterns({ ...ctx, stderr: `${last[1]}:${last[2]}: ${error[1]}`, stdout: '' }, 'nim', [{ re: /^(?<file>main\.nim):(?<line>\d+): (?<message>.*)$/ }]);
}
