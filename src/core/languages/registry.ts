// The declarative language registry: one entry per language. Commands run inside the language's
// image (sandbox-images/<image>/Dockerfile), in the work dir, as the unprivileged user.
import { FUNCTIONAL_LANGUAGES } from './entries/functional';
import { JVM_LANGUAGES } from './entries/jvm';
import { NATIVE_LANGUAGES } from './entries/native';
import { SCRIPTING_LANGUAGES } from './entries/scripting';
import { LANGUAGE_IDS } from './ids';
import { CHECK_FAILED_EXIT, CHECK_FAILED_MARKER, type LanguageEntries, type LanguageId, type LanguageSpec } from './types';
import { parseBash } from '../diagnostics/bash';
import { parseGcc } from '../diagnostics/gcc';
import { parseGo } from '../diagnostics/go';
import { parseJavac } from '../diagnostics/javac';
import { parseLua } from '../diagnostics/lua';
import { parseMcs } from '../diagnostics/mcs';
import { parseNode } from '../diagnostics/node';
import { parsePerl } from '../diagnostics/perl';
import { parsePhp } from '../diagnostics/php';
import { parsePython } from '../diagnostics/python';
import { parseRuby } from '../diagnostics/ruby';
import { parseRustc, renderRustcJson } from '../diagnostics/rustc';
import { parseTsc } from '../diagnostics/tsc';
import { GiB, MiB } from './sizes';

const fixed = (name: string) => () => name;

/**
 * `python3 -u -c PYTHON_CHECKED_RUN main.py` behaves as `python3 -u main.py` after a syntax check: compile()
 * reports a SyntaxError exactly as the check phase would (then the marker line and CHECK_FAILED_EXIT); otherwise
 * the code runs in __main__ with sys.argv and __file__ as for a script, and a traceback leaves out this wrapper's
 * frame. The wrapper's one name is removed before the program runs.
 */
const PYTHON_CHECKED_RUN = [
  'def _mplsandbox_checked_run():',
  '    import os, sys',
  '    path = os.path.abspath(sys.argv[1])',
  '    with open(path, "rb") as f:',
  '        source = f.read()',
  '    try:',
  '        code = compile(source, path, "exec")',
  '    except (SyntaxError, ValueError) as e:',
  '        import traceback',
  '        sys.stderr.write("".join(traceback.format_exception_only(type(e), e)))',
  `        sys.stderr.write("${CHECK_FAILED_MARKER}\\n")`,
  '        sys.stderr.flush()',
  `        raise SystemExit(${CHECK_FAILED_EXIT})`,
  '    del sys.argv[0]',
  '    g = globals()',
  '    del g["_mplsandbox_checked_run"]',
  '    g["__file__"] = path',
  '    def hook(t, v, tb):',
  '        tb = tb.tb_next or tb',
  '        sys.__excepthook__(t, v.with_traceback(tb), tb)',
  '    sys.excepthook = hook',
  '    return code',
  'exec(_mplsandbox_checked_run())',
].join('\n');

const JAVA_IDENTIFIER = '[A-Za-z_$][\\w$]*';

function javaPublicClass(code: string): string | undefined {
  return new RegExp(`\\bpublic\\s+(?:final\\s+|abstract\\s+)*(?:class|interface|enum|record)\\s+(${JAVA_IDENTIFIER})`).exec(code)?.[1];
}

/** The class declared last before the first `static void main(`: the one that holds main. */
export function javaMainClass(code: string): string | undefined {
  const main = /\bstatic\s+void\s+main\s*\(/.exec(code);
  if (!main) return undefined;
  const classes = [...code.slice(0, main.index).matchAll(new RegExp(`\\b(?:class|enum|record)\\s+(${JAVA_IDENTIFIER})`, 'g'))];
  return classes.at(-1)?.[1];
}

/** Short-lived JVM programs: the serial GC and the client compiler start fastest; no perf-data file in /tmp. */
export const JVM_START_FLAGS = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:-UsePerfData'];

/** One entry per id, keyed by it: an id of LANGUAGE_IDS without an entry (or with another id) is a type error. */
const ENTRIES: LanguageEntries = {
  python: {
    id: 'python',
    displayName: 'Python',
    aliases: ['py', 'python3', 'py3'],
    extensions: ['.py', '.pyw'],
    vscodeLanguageIds: ['python'],
    interpreters: ['python', 'python3'],
    image: 'python',
    sourceFile: fixed('main.py'),
    // A syntax check that writes no bytecode (py_compile would): compile() raises SyntaxError with its line.
    // -I -S: no site-packages or environment needed for that, which halves the interpreter's start (11 → 6 ms).
    compile: (src) => ['python3', '-I', '-S', '-c', 'import sys; compile(open(sys.argv[1], "rb").read(), sys.argv[1], "exec")', src],
    run: (src) => ['python3', '-u', src],
    // The same check in the program's own interpreter start (see PYTHON_CHECKED_RUN).
    checkedRun: (src) => ['python3', '-u', '-c', PYTHON_CHECKED_RUN, src],
    diagnostics: parsePython,
    // No PYTHONPYCACHEPREFIX: it would make Python ignore the image's precompiled standard library and
    // recompile it at every start (~100 ms); with DONTWRITEBYTECODE nothing is written to the read-only rootfs.
    env: { PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' },
    multiplE: 'py',
    checkOnly: true,
    guesslang: 'py',
  },
  javascript: {
    id: 'javascript',
    displayName: 'JavaScript',
    aliases: ['js', 'node', 'nodejs'],
    extensions: ['.js', '.mjs', '.cjs'],
    vscodeLanguageIds: ['javascript', 'javascriptreact'],
    interpreters: ['node', 'nodejs'],
    image: 'javascript',
    sourceFile: fixed('main.js'),
    // A syntax error is a compile error, as for the other interpreted languages.
    compile: (src) => ['node', '--check', src],
    run: (src) => ['node', src],
    diagnostics: (ctx) => parseNode(ctx, 'node'),
    env: { HOME: '/sandbox' },
    multiplE: 'js',
    guesslang: 'js',
  },
  typescript: {
    id: 'typescript',
    displayName: 'TypeScript',
    aliases: ['ts'],
    extensions: ['.ts', '.mts', '.cts'],
    vscodeLanguageIds: ['typescript', 'typescriptreact'],
    interpreters: ['ts-node', 'tsx', 'deno'],
    image: 'typescript',
    sourceFile: fixed('main.ts'),
    // Type-checked before it runs. Debian's nodejs ships @types/node under /usr/share/nodejs/@types, so
    // programs may use Node's standard modules; source maps let runtime stack traces name main.ts lines.
    // --skipLibCheck: checking Node's 45,000 lines of declarations on every run costs ~7 s, and they are fixed.
    compile: (src) => [
      'tsc', '--pretty', 'false', '--skipLibCheck', '--target', 'es2022', '--lib', 'es2022', '--module', 'commonjs',
      '--types', 'node', '--typeRoots', '/usr/share/nodejs/@types', '--sourceMap', '--noEmitOnError', '--outDir', 'out', src,
    ],
    run: (src) => ['node', '--enable-source-maps', `out/${src.replace(/\.ts$/, '.js')}`],
    diagnostics: parseTsc,
    env: { HOME: '/sandbox' },
    multiplE: 'ts',
    guesslang: 'ts',
  },
  c: {
    id: 'c',
    displayName: 'C',
    aliases: ['gcc', 'c11', 'c17'],
    extensions: ['.c', '.h'],
    vscodeLanguageIds: ['c'],
    interpreters: [],
    image: 'c',
    sourceFile: fixed('main.c'),
    // gnu17 rather than c17: programs expect POSIX declarations (strdup, getline) to be visible.
    compile: (src) => ['gcc', '-std=gnu17', '-O2', '-Wall', '-fdiagnostics-color=never', '-o', 'main', src, '-lm'],
    run: () => ['./main'],
    diagnostics: (ctx) => parseGcc(ctx, 'gcc'),
    guesslang: 'c',
  },
  cpp: {
    id: 'cpp',
    displayName: 'C++',
    aliases: ['c++', 'cxx', 'cc', 'g++'],
    extensions: ['.cpp', '.cc', '.cxx', '.c++', '.hpp', '.hh', '.hxx'],
    vscodeLanguageIds: ['cpp'],
    interpreters: [],
    image: 'cpp',
    sourceFile: fixed('main.cpp'),
    compile: (src) => ['g++', '-std=gnu++17', '-O2', '-Wall', '-fdiagnostics-color=never', '-o', 'main', src],
    run: () => ['./main'],
    diagnostics: (ctx) => parseGcc(ctx, 'g++'),
    multiplE: 'cpp',
    guesslang: 'cpp',
  },
  java: {
    id: 'java',
    displayName: 'Java',
    aliases: ['jdk', 'java17'],
    extensions: ['.java'],
    vscodeLanguageIds: ['java'],
    interpreters: ['java'],
    image: 'java',
    // javac insists that a public class lives in a file of the same name, and `java` is started with the
    // name of the class that has main: the file is named after the public class, else the main class.
    sourceFile: (code) => `${javaPublicClass(code) ?? javaMainClass(code) ?? 'Main'}.java`,
    compile: (src) => ['javac', ...JVM_START_FLAGS.map((f) => `-J${f}`), '-encoding', 'UTF-8', '-d', 'classes', src],
    run: (src) => ['java', ...JVM_START_FLAGS, '-ea', '-cp', 'classes', src.replace(/\.java$/, '')],
    diagnostics: parseJavac,
    multiplE: 'java',
    limits: {
      compile: { timeoutMs: 45_000 },
      run: { memoryBytes: 512 * MiB, pids: 128 },
      why: 'the JVM: a JIT, GC and compiler threads per core (pids), and a heap sized from the cgroup limit (256 MiB leaves a small program too little headroom)',
    },
    guesslang: 'java',
  },
  go: {
    id: 'go',
    displayName: 'Go',
    aliases: ['golang'],
    extensions: ['.go'],
    vscodeLanguageIds: ['go'],
    interpreters: [],
    image: 'go',
    sourceFile: fixed('main.go'),
    // `go run` builds into /tmp, which is mounted noexec: build into the work dir instead.
    compile: (src) => ['go', 'build', '-o', 'main', src],
    run: () => ['./main'],
    diagnostics: parseGo,
    // The root filesystem is read-only at run time: the build cache lives in the /tmp tmpfs. Single-file
    // programs need no module, so GOPATH mode avoids looking for a go.mod.
    env: { GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go', GO111MODULE: 'off', HOME: '/sandbox' },
    multiplE: 'go',
    limits: {
      compile: { timeoutMs: 60_000 },
      run: { pids: 128 },
      why: 'go build compiles the runtime into an empty GOCACHE on the first build of a container; Go programs start a thread per core plus a few for the runtime',
    },
    guesslang: 'go',
  },
  rust: {
    id: 'rust',
    displayName: 'Rust',
    aliases: ['rs', 'rustc'],
    extensions: ['.rs'],
    vscodeLanguageIds: ['rust'],
    interpreters: [],
    image: 'rust',
    sourceFile: fixed('main.rs'),
    compile: (src) => ['rustc', '--edition', '2021', '-O', '--error-format=json', '-o', 'main', src],
    run: () => ['./main'],
    diagnostics: parseRustc,
    compileStderrForDisplay: renderRustcJson,
    env: { HOME: '/sandbox', RUST_BACKTRACE: '0' },
    multiplE: 'rs',
    limits: { compile: { timeoutMs: 60_000, memoryBytes: 2 * GiB }, why: 'rustc -O runs LLVM and then links with cc: big crates of generics pass 1 GiB and 30 s' },
    guesslang: 'rs',
  },
  ruby: {
    id: 'ruby',
    displayName: 'Ruby',
    aliases: ['rb'],
    extensions: ['.rb'],
    vscodeLanguageIds: ['ruby'],
    interpreters: ['ruby'],
    image: 'ruby',
    sourceFile: fixed('main.rb'),
    compile: (src) => ['ruby', '-wc', src],
    run: (src) => ['ruby', src],
    diagnostics: parseRuby,
    env: { HOME: '/sandbox', LANG: 'C.UTF-8' },
    multiplE: 'rb',
    checkOnly: true,
    guesslang: 'rb',
  },
  bash: {
    id: 'bash',
    displayName: 'Bash',
    aliases: ['sh', 'shell', 'shellscript'],
    extensions: ['.sh', '.bash'],
    vscodeLanguageIds: ['shellscript'],
    interpreters: ['bash', 'sh', 'dash'],
    image: 'bash',
    sourceFile: fixed('main.sh'),
    compile: (src) => ['bash', '-n', src],
    run: (src) => ['bash', src],
    diagnostics: parseBash,
    env: { HOME: '/sandbox' },
    multiplE: 'sh',
    checkOnly: true,
    guesslang: 'sh',
  },
  php: {
    id: 'php',
    displayName: 'PHP',
    aliases: ['php8'],
    extensions: ['.php'],
    vscodeLanguageIds: ['php'],
    interpreters: ['php'],
    image: 'php',
    sourceFile: fixed('main.php'),
    compile: (src) => ['php', '-l', src],
    run: (src) => ['php', src],
    diagnostics: parsePhp,
    multiplE: 'php',
    checkOnly: true,
    guesslang: 'php',
  },
  lua: {
    id: 'lua',
    displayName: 'Lua',
    aliases: ['lua5.4'],
    extensions: ['.lua'],
    vscodeLanguageIds: ['lua'],
    interpreters: ['lua', 'lua5.4', 'lua5.3'],
    image: 'lua',
    sourceFile: fixed('main.lua'),
    compile: (src) => ['luac5.4', '-p', src],
    run: (src) => ['lua5.4', src],
    diagnostics: parseLua,
    multiplE: 'lua',
    checkOnly: true,
    guesslang: 'lua',
  },
  perl: {
    id: 'perl',
    displayName: 'Perl',
    aliases: ['pl', 'perl5'],
    extensions: ['.pl', '.pm'],
    vscodeLanguageIds: ['perl'],
    interpreters: ['perl'],
    image: 'perl',
    sourceFile: fixed('main.pl'),
    compile: (src) => ['perl', '-c', src],
    run: (src) => ['perl', src],
    diagnostics: parsePerl,
    multiplE: 'pl',
    checkOnly: true,
    guesslang: 'pm',
  },
  csharp: {
    id: 'csharp',
    displayName: 'C#',
    aliases: ['cs', 'c#', 'mono', 'dotnet'],
    extensions: ['.cs'],
    vscodeLanguageIds: ['csharp'],
    interpreters: [],
    image: 'csharp',
    sourceFile: fixed('main.cs'),
    // -debug and --debug give stack traces with line numbers; System.Numerics holds BigInteger.
    compile: (src) => ['mcs', '-d:DEBUG', '-debug', '-r:System.Numerics.dll', '-out:main.exe', src],
    run: () => ['mono', '--debug', 'main.exe'],
    diagnostics: parseMcs,
    env: { HOME: '/sandbox' },
    multiplE: 'cs',
    limits: { compile: { timeoutMs: 45_000 }, run: { memoryBytes: 512 * MiB, pids: 128 }, why: 'mcs and mono: the same managed-runtime costs as the JVM, smaller' },
    guesslang: 'cs',
  },
  ...SCRIPTING_LANGUAGES,
  ...JVM_LANGUAGES,
  ...NATIVE_LANGUAGES,
  ...FUNCTIONAL_LANGUAGES,
};

/** Every language, in LANGUAGE_IDS order. */
export const LANGUAGES: readonly LanguageSpec[] = LANGUAGE_IDS.map((id) => ENTRIES[id]);

const byId = new Map<string, LanguageSpec>(LANGUAGES.map((l) => [l.id, l]));
const byName = new Map<string, LanguageSpec>();
for (const l of LANGUAGES) for (const n of [l.id, ...l.aliases]) byName.set(n.toLowerCase(), l);

/** The language for an id or alias (case-insensitive), or undefined. */
export function findLanguage(name: string): LanguageSpec | undefined {
  return byName.get(name.trim().toLowerCase());
}

export function getLanguage(id: LanguageId): LanguageSpec {
  const spec = byId.get(id);
  if (!spec) throw new Error(`unknown language id ${id}`);
  return spec;
}

export function languageForExtension(fileName: string): LanguageSpec | undefined {
  const lower = fileName.toLowerCase();
  const dot = lower.lastIndexOf('.');
  if (dot < 0) return undefined;
  const ext = lower.slice(dot);
  return LANGUAGES.find((l) => l.extensions.includes(ext));
}

export function languageForVscodeId(languageId: string): LanguageSpec | undefined {
  return LANGUAGES.find((l) => l.vscodeLanguageIds.includes(languageId));
}

export function supportedLanguageList(): string {
  return LANGUAGES.map((l) => l.id).join(', ');
}
