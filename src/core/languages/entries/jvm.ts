// Languages on the JVM (Debian's OpenJDK 17): Scala, Kotlin, Groovy, Clojure. Their compilers are JVM programs
// themselves, so compiling costs a JVM start plus the compiler's warm-up: more time and memory than javac.
import { parseJvmException } from '../../diagnostics/javac';
import { parseHeadAndFrame, parseLinePatterns } from '../../diagnostics/line-patterns';
import type { DiagnosticContext, LanguageEntries, LanguageLimits } from '../types';
import { GiB, MiB } from '../sizes';

/** Short-lived programs: the serial GC and the client compiler start fastest; no perf-data file in /tmp. */
const QUICK_JVM = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:-UsePerfData'];
const asCompilerOptions = (opts: string[]) => opts.map((o) => `-J${o}`);

const JVM_COMPILER_LIMITS: LanguageLimits = {
  compile: { timeoutMs: 90_000, memoryBytes: 2 * GiB },
  run: { memoryBytes: 512 * MiB, pids: 128 },
  why: 'the compiler is a JVM program that loads the language library on every run (scalac/kotlinc: 5-15 s, 400-900 MB), and programs run on the JVM (threads per core, heap sized from the cgroup)',
};

const SCALA_IDENTIFIER = '[A-Za-z_$][\\w$]*';

/**
 * The code with its comments and string literals blanked out (same length, line breaks kept), so that a word in
 * them (`// the object q will fly`) is not taken for a definition.
 */
export function scalaCodeOnly(code: string): string {
  return code.replace(/\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|"""[\s\S]*?(?:"""|$)|"(?:[^"\\\n]|\\.)*"/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** The object that holds `def main(`, else an `object … extends App`, else `Main`. */
function scalaMainObject(source: string): string {
  const code = scalaCodeOnly(source);
  const main = /\bdef\s+main\s*\(/.exec(code);
  if (main) {
    const objects = [...code.slice(0, main.index).matchAll(new RegExp(`\\bobject\\s+(${SCALA_IDENTIFIER})`, 'g'))];
    const last = objects.at(-1)?.[1];
    if (last) return last;
  }
  return new RegExp(`\\bobject\\s+(${SCALA_IDENTIFIER})\\s+extends\\s+App\\b`).exec(code)?.[1] ?? 'Main';
}

const fileStem = (src: string) => src.replace(/\.[^.]+$/, '');
const KOTLIN_STDLIB = '/usr/share/java/kotlin-stdlib.jar';

function jvmDiagnostics(source: string, compile: Parameters<typeof parseLinePatterns>[2]) {
  return (ctx: DiagnosticContext) => (ctx.phase === 'compile' ? parseLinePatterns(ctx, source, compile) : parseJvmException(ctx, source));
}

export const JVM_LANGUAGES: LanguageEntries<'scala' | 'kotlin' | 'groovy' | 'clojure'> = {
  scala: {
    id: 'scala',
    displayName: 'Scala',
    aliases: ['scalac', 'scala2'],
    extensions: ['.scala', '.sc'],
    vscodeLanguageIds: ['scala'],
    contributesVscodeLanguage: true,
    interpreters: ['scala'],
    image: 'scala',
    // scalac does not care about file names, but the program is started by the name of its main object.
    sourceFile: (code) => `${scalaMainObject(code)}.scala`,
    // scalac does not create its output dir: the classes go into the work dir itself.
    compile: (src) => ['scalac', ...asCompilerOptions(QUICK_JVM), '-d', '.', src],
    // The JVM directly, with the Scala library on the class path: the `scala` launcher script adds a second start.
    run: (src) => ['java', ...QUICK_JVM, '-Xss16m', '-cp', '.:/usr/share/java/scala-library.jar', fileStem(src)],
    // `Problem.scala:5: error: not found: value x` (then the source line and a caret line).
    diagnostics: jvmDiagnostics('scalac', [{ re: /^(?<file>[^\s:]+\.scala):(?<line>\d+): (?<severity>error|warning): (?<message>.*)$/ }]),
    env: { HOME: '/sandbox' },
    multiplE: 'scala',
    limits: JVM_COMPILER_LIMITS,
    guesslang: 'scala',
  },
  kotlin: {
    id: 'kotlin',
    displayName: 'Kotlin',
    aliases: ['kt', 'kotlinc'],
    extensions: ['.kt', '.kts'],
    vscodeLanguageIds: ['kotlin'],
    contributesVscodeLanguage: true,
    interpreters: ['kotlin'],
    image: 'kotlin',
    // Top-level functions of main.kt compile into the class MainKt. A user's file named *.kts is a script
    // (top-level statements, no main; SandboxFusion's kotlin_script): it compiles as main.kts into the class Main,
    // whose constructor is the script's body, and the image's RunScript calls that.
    sourceFile: (_code, userFile) => (userFile?.toLowerCase().endsWith('.kts') ? 'main.kts' : 'main.kt'),
    compile: (src) => ['kotlinc', ...asCompilerOptions(QUICK_JVM), '-nowarn', src, '-d', 'classes'],
    run: (src) =>
      src.endsWith('.kts')
        ? ['java', ...QUICK_JVM, '-ea', '-cp', `/opt/mplsandbox/kotlin:classes:${KOTLIN_STDLIB}:/usr/share/java/kotlin-script-runtime.jar`, 'RunScript', 'Main']
        : ['java', ...QUICK_JVM, '-ea', '-cp', `classes:${KOTLIN_STDLIB}`, 'MainKt'],
    // `main.kt:3:13: error: type mismatch: inferred type is String but Int was expected`; a script's frames are `at Main.<init>(main.kts:3)`.
    diagnostics: jvmDiagnostics('kotlinc', [{ re: /^(?<file>[^\s:]+\.kts?):(?<line>\d+):(?<column>\d+): (?<severity>error|warning): (?<message>.*)$/ }]),
    env: { HOME: '/sandbox' },
    limits: JVM_COMPILER_LIMITS,
    guesslang: 'kt',
  },
  groovy: {
    id: 'groovy',
    displayName: 'Groovy',
    aliases: ['groovyc'],
    extensions: ['.groovy', '.gvy'],
    vscodeLanguageIds: ['groovy'],
    interpreters: ['groovy'],
    image: 'groovy',
    sourceFile: () => 'main.groovy',
    // groovy compiles and runs in one JVM start; a syntax error is reported before anything runs.
    run: (src) => ['groovy', src],
    // `org.codehaus.groovy.control.MultipleCompilationErrorsException: startup failed:` then
    // `/sandbox/main.groovy: 2: unexpected token: ) @ line 2, column 12.`; run-time frames `at main.run(main.groovy:3)`.
    diagnostics: (ctx) => [
      ...parseLinePatterns(ctx, 'groovy', [{ re: /^(?<file>\S+\.groovy): (?<line>\d+): (?<message>.*?) @ line \d+, column (?<column>\d+)\.$/ }]),
      ...parseHeadAndFrame(ctx, 'groovy', /^Caught: (?<message>.*)$/, /^\s+at [\w$.]+\((?<file>[^:()]+\.groovy):(?<line>\d+)\)$/),
    ],
    env: { HOME: '/sandbox', JAVA_OPTS: QUICK_JVM.join(' ') },
    limits: { ...JVM_COMPILER_LIMITS, run: { ...JVM_COMPILER_LIMITS.run, timeoutMs: 30_000 }, why: `${JVM_COMPILER_LIMITS.why}; compiling happens in the run itself` },
    guesslang: 'groovy',
  },
  clojure: {
    id: 'clojure',
    displayName: 'Clojure',
    aliases: ['clj'],
    extensions: ['.clj', '.cljc'],
    vscodeLanguageIds: ['clojure'],
    interpreters: ['clojure', 'clj'],
    image: 'clojure',
    sourceFile: () => 'main.clj',
    // Clojure compiles each form as it loads the file: syntax and compile errors come from the run.
    // The JVM directly (what Debian's `clojure` script runs), with the quick-start options it would not pass.
    run: (src) => ['java', ...QUICK_JVM, '-cp', '/usr/share/java/clojure-1.11.jar', 'clojure.main', src],
    // `Syntax error compiling at (/sandbox/main.clj:3:1).` / `Execution error (ArithmeticException) at user/f (main.clj:2).`
    diagnostics: (ctx) =>
      parseLinePatterns(ctx, 'clojure', [
        { re: /^(?<message>Syntax error (?:compiling|reading source|macroexpanding)[^(]*)at \((?:\/sandbox\/)?(?<file>[^\s:]+\.clj):(?<line>\d+):(?<column>\d+)\)\.?$/, continuation: /^\S(?!yntax error)/ },
        { re: /^(?<message>Execution error \([\w.]+\)) at [^(]*\((?<file>[^\s:]+\.clj):(?<line>\d+)\)\.$/, continuation: /^\S/ },
      ]),
    env: { HOME: '/sandbox' },
    limits: { ...JVM_COMPILER_LIMITS, run: { ...JVM_COMPILER_LIMITS.run, timeoutMs: 30_000 }, why: `${JVM_COMPILER_LIMITS.why}; compiling happens in the run itself` },
    guesslang: 'clj',
  },
};
