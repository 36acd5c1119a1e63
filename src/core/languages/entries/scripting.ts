// Interpreted languages with a separate syntax check: R, Octave, Tcl, AWK, Prolog.
import { parseHeadAndFrame, parseLinePatterns } from '../../diagnostics/line-patterns';
import type { LanguageEntries } from '../types';

/** Calls main/0 when the program defines it; an uncaught error is printed with its backtrace and ends the run with 2. */
const PROLOG_MAIN = '(current_predicate(main/0) -> catch_with_backtrace(main, E, (print_message(error, E), halt(2))) ; true)';

export const SCRIPTING_LANGUAGES: LanguageEntries<'r' | 'octave' | 'tcl' | 'awk' | 'prolog'> = {
  r: {
    id: 'r',
    displayName: 'R',
    aliases: ['rscript', 'rlang'],
    extensions: ['.r'],
    vscodeLanguageIds: ['r'],
    interpreters: ['rscript'],
    image: 'r',
    sourceFile: () => 'main.R',
    checkOnly: true,
    compile: (src) => ['Rscript', '--vanilla', '-e', `invisible(parse(file = ${JSON.stringify(src)}, keep.source = FALSE))`],
    // The image's runner keeps source references and prints `main.R:LINE:COL: error: …` for a run-time error.
    run: (src) => ['Rscript', '--vanilla', '/opt/mplsandbox/r/run.R', src],
    // Check: `Error in parse(…) :` then `  main.R:2:12: unexpected '{'`. Run: the runner's `main.R:2:3: error: boom`.
    diagnostics: (ctx) => parseLinePatterns(ctx, 'R', [{ re: /^\s*(?:Error in [^:]*: )?(?<file>[^\s:]+\.R):(?<line>\d+):(?<column>\d+): (?:(?<severity>error|warning): )?(?<message>.*)$/ }]),
    env: { HOME: '/sandbox', R_LIBS_USER: '/tmp/R', LANG: 'C.UTF-8' },
    multiplE: 'r',
    guesslang: 'r',
  },
  octave: {
    id: 'octave',
    displayName: 'Octave',
    aliases: ['matlab', 'octave-cli'],
    extensions: ['.m'],
    // Not contributed to VS Code: `.m` is Objective-C there, and taking it over would break that for everyone.
    vscodeLanguageIds: ['octave', 'matlab'],
    interpreters: ['octave', 'octave-cli'],
    image: 'octave',
    sourceFile: () => 'main.m',
    run: (src) => ['octave-cli', '--no-gui', '--norc', '--silent', '--no-history', src],
    // `parse error near line 3 of file /sandbox/main.m`; `error: 'x' undefined` then `error: called from\n    main at line 4 column 3`.
    diagnostics: (ctx) => [
      ...parseLinePatterns(ctx, 'octave', [{ re: /^(?:error: )?(?<message>parse error) near line (?<line>\d+) of file (?:\/sandbox\/)?(?<file>\S+\.m)$/, continuation: /^\s+\S|^>>>/ }]),
      ...parseHeadAndFrame(ctx, 'octave', /^error: (?!called from)(?<message>.*)$/, /^\s+(?<fn>\S+) at line (?<line>\d+) column (?<column>\d+)$/),
    ],
    env: { HOME: '/sandbox' },
    guesslang: 'matlab',
  },
  tcl: {
    id: 'tcl',
    displayName: 'Tcl',
    aliases: ['tclsh'],
    extensions: ['.tcl', '.tk'],
    vscodeLanguageIds: ['tcl'],
    contributesVscodeLanguage: true,
    interpreters: ['tclsh', 'tclsh8.6', 'wish'],
    image: 'tcl',
    sourceFile: () => 'main.tcl',
    run: (src) => ['tclsh8.6', src],
    // The error, then `    while executing` … and `(file "main.tcl" line 3)`.
    diagnostics: (ctx) => parseHeadAndFrame(ctx, 'tclsh', /^(?<message>\S.*)$/, /\(file "(?:\/sandbox\/)?(?<file>[^"]+\.tcl)" line (?<line>\d+)\)/),
  },
  awk: {
    id: 'awk',
    displayName: 'AWK',
    aliases: ['gawk', 'mawk'],
    extensions: ['.awk'],
    vscodeLanguageIds: ['awk'],
    contributesVscodeLanguage: true,
    interpreters: ['awk', 'gawk', 'mawk', 'nawk'],
    image: 'awk',
    sourceFile: () => 'main.awk',
    checkOnly: true,
    // --pretty-print parses the whole program and writes it out instead of running it: a syntax check.
    compile: (src) => ['gawk', '--pretty-print=/dev/null', '-f', src],
    run: (src) => ['gawk', '-f', src],
    // `gawk: main.awk:3: BEGIN { x = }` then `gawk: main.awk:3:           ^ syntax error`; run: `gawk: main.awk:2: fatal: division by zero attempted`.
    diagnostics: (ctx) =>
      parseLinePatterns(ctx, 'gawk', [
        { re: /^g?awk: (?:cmd\. line:\d+: )?(?<file>[^\s:]+\.awk):(?<line>\d+): (?:\(FILENAME=\S+ FNR=\d+\) )?(?<severity>fatal|warning|error)?:? ?(?<message>(?:\s*\^ )?(?:syntax error|fatal:|warning:|[^\s^].*).*)$/ },
      ])
        .filter((d) => !/^\s*\^?\s*$/.test(d.message))
        .map((d) => ({ ...d, message: d.message.replace(/^\s*\^\s*/, '') })),
  },
  prolog: {
    id: 'prolog',
    displayName: 'Prolog',
    aliases: ['swipl', 'swi-prolog', 'pl-prolog'],
    extensions: ['.pro', '.prolog'],
    vscodeLanguageIds: ['prolog'],
    contributesVscodeLanguage: true,
    interpreters: ['swipl'],
    image: 'prolog',
    sourceFile: () => 'main.pl',
    // Load the file (syntax errors, warnings) and stop without running `initialization(main, main)`.
    compile: (src) => ['swipl', '-q', '--on-error=status', '--on-warning=print', '-g', 'halt', '-t', 'halt(1)', '-l', src],
    // `initialization(main, main)` programs run main; others get `main` called if they define it. library(prolog_stack)
    // makes an uncaught error print its backtrace, whose frames name the program's lines.
    run: (src) => ['swipl', '-q', '--on-error=status', '-g', 'use_module(library(prolog_stack))', '-g', PROLOG_MAIN, '-t', 'halt', src],
    // `ERROR: /sandbox/main.pl:3:7: Syntax error: Operator expected`; `Warning: /sandbox/main.pl:2:` then the message.
    diagnostics: (ctx) =>
      parseLinePatterns(ctx, 'swipl', [
        { re: /^(?<severity>ERROR|Warning): (?:\/sandbox\/)?(?<file>[^\s:]+\.pl):(?<line>\d+):(?:(?<column>\d+):)?\s*(?<message>.*)$/, continuation: /^(?:ERROR|Warning): {2,}\S|^ {8}\S/ },
      ])
        .map((d) => ({ ...d, message: d.message.replace(/\n(?:ERROR|Warning):\s+/g, '\n') }))
        .concat(
          ctx.phase === 'run'
            ? parseHeadAndFrame(ctx, 'swipl', /^ERROR: (?!In:|\s*\[|Note:|Re-run|\s*$)(?<message>.*)$/, /^ERROR:\s+\[\d+\] .* at (?:\/sandbox\/)?(?<file>[^\s:]+\.pl):(?<line>\d+)$/)
            : [],
        ),
    env: { HOME: '/sandbox' },
    guesslang: 'prolog',
  },
};
