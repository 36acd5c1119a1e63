// Functional and Lisp-family languages: Haskell, OCaml, Racket, Scheme (Guile), Common Lisp (SBCL), Elixir, Erlang.
import { parseHeadAndFrame, parseLinePatterns } from '../../diagnostics/line-patterns';
import type { DiagnosticContext, LanguageEntries } from '../types';
import { GiB, MiB } from '../sizes';

/** Runs `main/1` (escript style, with the arguments) or `main/0` of the compiled module, and exits 1 on an uncaught error. */
const ERLANG_RUNNER = (module: string) =>
  [
    `try code:ensure_loaded('${module}'), case erlang:function_exported('${module}', main, 1) of`,
    `true -> '${module}':main([]); false -> '${module}':main() end, init:stop(0)`,
    `catch Class:Reason:Stack -> io:format(standard_error, "~s: ~p~n~p~n", [Class, Reason, Stack]), halt(1) end.`,
  ].join(' ');

const erlangModule = (code: string) => /^\s*-module\(\s*'?([a-z][\w@]*)'?\s*\)\s*\./m.exec(code)?.[1] ?? 'main';

/** Guile's compile-file with the given warnings, into /tmp (the object file is not used). */
export function guileCompile(src: string, warnings: string[]): string[] {
  return [
    'guile', '--no-auto-compile', '-c',
    `(use-modules (system base compile)) (compile-file ${JSON.stringify(src)} #:output-file "/tmp/main.go" #:opts '(#:warnings (${warnings.join(' ')})))`,
  ];
}

/**
 * SBCL's reader errors say `(in form starting at line: 1, column: 18, file-position: 18)`, where the position is
 * the end of the previous form: the form itself starts at the next non-blank character, whose line is taken
 * from the program text when the caller has it.
 */
function parseSbcl(ctx: DiagnosticContext) {
  const m = /\(in form starting at line: (\d+), column: \d+, file-position: (\d+)\)/.exec(ctx.stderr);
  if (!m) return [];
  let line = Number(m[1]);
  if (ctx.sourceText !== undefined) {
    const start = ctx.sourceText.slice(Number(m[2])).search(/\S/);
    const at = start < 0 ? ctx.sourceText.length : Number(m[2]) + start;
    line = ctx.sourceText.slice(0, at).split('\n').length;
  }
  const what = /^\s*(READ error during \w+|.*error.*):?\s*$/m.exec(ctx.stderr.slice(0, m.index))?.[1] ?? 'READ error';
  const detail = ctx.stderr.slice(0, m.index).trim().split('\n').at(-1)?.trim().replace(/#<SB-SYS:FD-STREAM for "file ([^"]+)" \{\w+\}>/, '$1');
  return parseLinePatterns({ ...ctx, stderr: `main.lisp:${line}: ${what}${detail && detail !== what ? `: ${detail}` : ''}`, stdout: '' }, 'sbcl', [
    { re: /^(?<file>main\.lisp):(?<line>\d+): (?<message>.*)$/ },
  ]);
}

/**
 * Guile: compile messages are `main.scm:3:4: warning: …` (column 0-based); a run-time error is a backtrace whose
 * frames under `In /sandbox/main.scm:` read `   2:2  0 (f ())` (frame 0 innermost), then the error's own line.
 */
function parseGuile(ctx: DiagnosticContext) {
  const located = parseLinePatterns(ctx, 'guile', [
    { re: /^(?:;;; )?(?:\/sandbox\/)?(?<file>[^\s:]+\.scm):(?<line>\d+):(?<column>\d+): (?:(?<severity>warning|error): )?(?<message>.*)$/ },
  ]).map((d) => ({ ...d, column: d.column + 1 }));
  if (located.length || ctx.phase === 'compile') return located;
  let innermost: { frame: number; line: number; column: number } | undefined;
  let inProgram = false;
  for (const line of ctx.stderr.split('\n')) {
    const header = /^In (.+):$/.exec(line);
    if (header) inProgram = header[1] === ctx.sourceFile || header[1] === `/sandbox/${ctx.sourceFile}`;
    const frame = /^\s+(\d+):(\d+)\s+(\d+) /.exec(line);
    if (inProgram && frame && (!innermost || Number(frame[3]) < innermost.frame)) innermost = { frame: Number(frame[3]), line: Number(frame[1]), column: Number(frame[2]) + 1 };
  }
  const message = /^(?:[^\s:]+:\d+:\d+: )?(In procedure .*|Throw to key .*|.*error.*)$/m.exec(ctx.stderr.split('\n').filter(Boolean).at(-1) ?? '')?.[1];
  if (!innermost || !message) return [];
  return parseLinePatterns({ ...ctx, stderr: `${ctx.sourceFile}:${innermost.line}:${innermost.column}: ${message}`, stdout: '' }, 'guile', [
    { re: /^(?<file>[^:]+):(?<line>\d+):(?<column>\d+): (?<message>.*)$/ },
  ]);
}

/** OCaml: `File "main.ml", line 3, characters 8-9:` and, on a later line, `Error: …` / `Warning 26 [unused-var]: …`. */
function parseOcaml(ctx: DiagnosticContext) {
  const lines = `${ctx.stderr}\n${ctx.stdout}`.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^File "(?:\/sandbox\/)?([^"]+)", line (\d+), characters (\d+)-\d+:$/.exec(lines[i]);
    if (!head) continue;
    for (let j = i + 1; j < lines.length && j < i + 12; j++) {
      const verdict = /^(Error|Warning(?: \d+)?(?: \[[\w-]+\])?|Alert [\w-]+): ?(.*)$/.exec(lines[j]);
      if (verdict) {
        const severity = verdict[1].startsWith('Error') ? 'error' : 'warning';
        const code = /^Warning (\d+)/.exec(verdict[1])?.[1];
        // The message goes on over the indented lines that follow.
        const more: string[] = [];
        for (let k = j + 1; k < lines.length && /^\s+\S/.test(lines[k]); k++) more.push(lines[k].trim());
        out.push(`${head[1]}:${head[2]}:${Number(head[3]) + 1}:${severity}:${code ?? ''}:${[verdict[2], ...more].filter(Boolean).join(' ') || verdict[1]}`);
        break;
      }
    }
  }
  const compile = parseLinePatterns({ ...ctx, stderr: out.join('\n'), stdout: '' }, 'ocaml', [
    { re: /^(?<file>[^:]+):(?<line>\d+):(?<column>\d+):(?<severity>\w+):(?<code>\d*):(?<message>.*)$/ },
  ]).map((d) => (d.code === '' ? { ...d, code: undefined } : d));
  if (ctx.phase === 'compile' || compile.length) return compile;
  // Run time (OCAMLRUNPARAM=b): `Fatal error: exception Not_found` then `Raised at … in file "main.ml", line 2, characters 2-15`.
  return parseHeadAndFrame(ctx, 'ocaml', /^Fatal error: (?<message>exception .*)$/, /(?:Raised|Re-raised|Called)\b.*? file "(?:\/sandbox\/)?(?<file>[^"]+)", line (?<line>\d+), characters (?<column>\d+)-/, { zeroBasedColumns: true });
}

export const FUNCTIONAL_LANGUAGES: LanguageEntries<'haskell' | 'ocaml' | 'racket' | 'scheme' | 'commonlisp' | 'elixir' | 'erlang'> = {
  haskell: {
    id: 'haskell',
    displayName: 'Haskell',
    aliases: ['hs', 'ghc'],
    extensions: ['.hs', '.lhs'],
    vscodeLanguageIds: ['haskell'],
    contributesVscodeLanguage: true,
    interpreters: ['runghc', 'runhaskell', 'stack'],
    image: 'haskell',
    sourceFile: () => 'main.hs',
    // Objects and interfaces in /tmp (not noexec for reading), the binary in the work dir.
    compile: (src) => ['ghc', '-O1', '-outputdir', '/tmp/ghc-build', '-o', 'main', src],
    run: () => ['./main'],
    // `main.hs:3:7: error:` then indented lines (GHC 9.0); run: `main: boom` and `error, called at main.hs:2:7 in main:Main`.
    diagnostics: (ctx) =>
      ctx.phase === 'compile'
        ? parseLinePatterns(ctx, 'ghc', [{ re: /^(?<file>[^\s:]+\.l?hs):(?<line>\d+):(?<column>\d+)(?:-\d+)?: (?<severity>error|warning)(?:: \[(?<code>[-\w]+)\])?:?(?<message>.*)$/, continuation: /^\s{4}\S/ }]).map((d) => ({ ...d, message: d.message.replace(/^•\s*/, '').replace(/\n\s*•\s*/g, '\n') }))
        : parseHeadAndFrame(ctx, 'ghc', /^main: (?<message>.*)$/, /called at (?<file>[^\s:]+\.hs):(?<line>\d+):(?<column>\d+)/),
    env: { HOME: '/sandbox' },
    limits: {
      compile: { timeoutMs: 90_000, memoryBytes: 2 * GiB },
      run: { memoryBytes: 512 * MiB },
      why: 'GHC loads its whole base library into memory (~600 MB) and links a large static binary; lazy programs allocate heavily at run time',
    },
    guesslang: 'hs',
  },
  ocaml: {
    id: 'ocaml',
    displayName: 'OCaml',
    aliases: ['ml', 'ocamlopt'],
    extensions: ['.ml'],
    vscodeLanguageIds: ['ocaml'],
    contributesVscodeLanguage: true,
    interpreters: ['ocaml'],
    image: 'ocaml',
    sourceFile: () => 'main.ml',
    // Native code with the Str and Unix libraries linked; -g for backtraces with lines.
    compile: (src) => ['ocamlfind', 'ocamlopt', '-g', '-package', 'str,unix', '-linkpkg', '-o', 'main', src],
    run: () => ['./main'],
    diagnostics: parseOcaml,
    env: { HOME: '/sandbox', OCAMLRUNPARAM: 'b', OCAMLFIND_DESTDIR: '/tmp' },
    guesslang: 'ml',
  },
  racket: {
    id: 'racket',
    displayName: 'Racket',
    aliases: ['rkt'],
    extensions: ['.rkt'],
    vscodeLanguageIds: ['racket'],
    contributesVscodeLanguage: true,
    interpreters: ['racket'],
    image: 'racket',
    sourceFile: () => 'main.rkt',
    // raco make expands and compiles the module (unbound identifiers, syntax errors) into compiled/.
    compile: (src) => ['raco', 'make', src],
    // The image's runner makes a failed rackunit check end the program with status 1 (rackunit only prints it).
    run: (src) => ['racket', '/opt/mplsandbox/racket/run.rkt', src],
    // `main.rkt:3:2: x: unbound identifier`; run: the error's first line and `/sandbox/main.rkt:2:0 f` in its
    // context, or rackunit's `location: main.rkt:5:4`.
    diagnostics: (ctx) => {
      const positioned = parseLinePatterns(ctx, 'racket', [
        { re: /^(?:\/sandbox\/)?(?<file>[^\s:]+\.rkt):(?<line>\d+):(?<column>\d+): (?<message>.*)$/ },
      ]).map((d) => ({ ...d, column: d.column + 1 }));
      if (positioned.length) return positioned;
      const check = /^FAILURE\n(?:[\s\S]*?)^location:\s+(?:\/sandbox\/)?(main\.rkt):(\d+):(\d+)/m.exec(ctx.stderr);
      if (check) {
        const name = /^name:\s+(.*)$/m.exec(ctx.stderr)?.[1] ?? 'check';
        return parseLinePatterns({ ...ctx, stderr: `${check[1]}:${check[2]}:${Number(check[3]) + 1}: ${name} failed`, stdout: '' }, 'rackunit', [
          { re: /^(?<file>[^:]+):(?<line>\d+):(?<column>\d+): (?<message>.*)$/ },
        ]);
      }
      return parseHeadAndFrame(ctx, 'racket', /^(?<message>\S.*)$/, /^\s+(?:body of )?"?(?:\/sandbox\/)?(?<file>main\.rkt)"?:(?<line>\d+):(?<column>\d+)/, { zeroBasedColumns: true });
    },
    env: { HOME: '/sandbox', PLTUSERHOME: '/tmp/racket' },
    multiplE: 'rkt',
    limits: {
      compile: { timeoutMs: 60_000 },
      run: { memoryBytes: 512 * MiB, timeoutMs: 20_000 },
      why: 'Racket CS maps its boot files and expander (~150 MB) before the program starts: a run that takes 0.5 s in a warm container takes 3-4 s in a fresh one on a loaded 2-core machine, and raco make 5-8 s, so the default 10 s run and 30 s compile limits time out correct programs under load',
    },
  },
  scheme: {
    id: 'scheme',
    displayName: 'Scheme',
    aliases: ['guile', 'scm'],
    extensions: ['.scm', '.ss'],
    vscodeLanguageIds: ['scheme'],
    contributesVscodeLanguage: true,
    interpreters: ['guile', 'guile3.0'],
    image: 'scheme',
    sourceFile: () => 'main.scm',
    // Compiling reads and expands the whole file (syntax errors, unbound-variable warnings) without running it.
    // Debian's runtime package has no `guild`; compile-file is what it would call.
    compile: (src) => guileCompile(src, ['unbound-variable', 'arity-mismatch', 'format']),
    // The compiled program runs (the interpreter's backtraces would name only its own eval.scm).
    run: () => ['guile', '--no-auto-compile', '-c', '(load-compiled "/tmp/main.go")'],
    diagnostics: parseGuile,
    env: { HOME: '/sandbox', GUILE_AUTO_COMPILE: '0' },
  },
  commonlisp: {
    id: 'commonlisp',
    displayName: 'Common Lisp',
    aliases: ['lisp', 'sbcl', 'cl', 'common-lisp'],
    extensions: ['.lisp', '.lsp', '.cl'],
    vscodeLanguageIds: ['commonlisp', 'lisp'],
    contributesVscodeLanguage: true,
    interpreters: ['sbcl'],
    image: 'commonlisp',
    sourceFile: () => 'main.lisp',
    // `sbcl --script` loads the file form by form; an error ends the program with a backtrace.
    run: (src) => ['sbcl', '--script', src],
    // Reader errors name the form's position; run-time errors (backtraces of evaluated forms) name no line.
    diagnostics: parseSbcl,
    env: { HOME: '/sandbox' },
    guesslang: 'lisp',
  },
  elixir: {
    id: 'elixir',
    displayName: 'Elixir',
    aliases: ['ex', 'exs'],
    extensions: ['.ex', '.exs'],
    vscodeLanguageIds: ['elixir'],
    contributesVscodeLanguage: true,
    interpreters: ['elixir'],
    image: 'elixir',
    sourceFile: () => 'main.exs',
    // A parse without evaluation: syntax errors are compile errors, with their line.
    compile: (src) => ['elixir', '-e', `Code.string_to_quoted!(File.read!(${JSON.stringify(src)}), file: ${JSON.stringify(src)})`],
    run: (src) => ['elixir', src],
    // `** (SyntaxError) main.exs:2:5: syntax error before: …`, `** (CompileError) main.exs:3: undefined function x/0`;
    // run: `** (ArithmeticError) bad argument in arithmetic expression` then `    main.exs:2: M.f/1`.
    diagnostics: (ctx) => {
      const positioned = parseLinePatterns(ctx, 'elixir', [
        { re: /^\*\* \((?<code>\w+Error)\) (?<file>[^\s:]+\.exs?):(?<line>\d+)(?::(?<column>\d+))?: (?<message>.*)$/ },
        { re: /^(?<severity>warning|error): (?<message>.*)\n?$/, anyFile: true },
      ]).filter((d) => d.line > 0);
      const located = positioned.filter((d) => d.code);
      if (located.length) return located;
      return parseHeadAndFrame(ctx, 'elixir', /^\*\* (?<message>\(\w+\) .*)$/, /^\s+(?<file>[^\s:]+\.exs?):(?<line>\d+):/);
    },
    env: { HOME: '/sandbox', LANG: 'C.UTF-8', ERL_AFLAGS: '+S 1:1' },
    limits: { run: { pids: 128, memoryBytes: 512 * MiB }, why: 'the BEAM starts its schedulers and async threads and maps a large heap on start' },
    guesslang: 'ex',
  },
  erlang: {
    id: 'erlang',
    displayName: 'Erlang',
    aliases: ['erl', 'escript'],
    extensions: ['.erl'],
    vscodeLanguageIds: ['erlang'],
    contributesVscodeLanguage: true,
    interpreters: ['escript'],
    image: 'erlang',
    // erlc wants the file named after its -module.
    sourceFile: (code) => `${erlangModule(code)}.erl`,
    compile: (src) => ['erlc', '+debug_info', src],
    run: (src) => ['erl', '-noshell', '-pa', '.', '-eval', ERLANG_RUNNER(src.replace(/\.erl$/, ''))],
    // `main.erl:3:5: syntax error before: …`; run: the runner prints the class, reason and stack, whose frames
    // carry `{file,"main.erl"},{line,4}`.
    diagnostics: (ctx) =>
      ctx.phase === 'compile'
        ? parseLinePatterns(ctx, 'erlc', [{ re: /^(?<file>[^\s:]+\.erl):(?<line>\d+):(?:(?<column>\d+):)? (?:(?<severity>Warning|warning): )?(?<message>.*)$/ }])
        : parseHeadAndFrame(ctx, 'erlang', /^(?<message>(?:error|exit|throw): .*)$/, /\{file,"(?<file>[^"]+\.erl)"\},\s*\{line,(?<line>\d+)\}/),
    env: { HOME: '/sandbox', ERL_AFLAGS: '+S 1:1' },
    limits: { run: { pids: 128, memoryBytes: 512 * MiB }, why: 'the BEAM starts its schedulers and async threads and maps a large heap on start' },
    guesslang: 'erl',
  },
};
