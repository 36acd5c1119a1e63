// SandboxFusion's test-framework modes: the code is a test file of a framework, which runs it and reports each
// test's outcome in a machine-readable file (or stream); the verdict comes from that report. A mode is data over
// its language's registry entry: the test file's name, the commands (compile, run), where the report is and its
// format, and the limits the framework needs on top of the language's. The engine runs a mode as the language
// with these fields replaced (`languageForTestMode`), on its one container path.
import { MplSandboxError } from '../errors';
import { JVM_START_FLAGS } from './registry';
import type { LanguageId, LanguageLimits, LanguageSpec } from './types';

export const TEST_MODE_IDS = ['pytest', 'jest', 'junit', 'go_test'] as const;
export type TestModeId = (typeof TEST_MODE_IDS)[number];

/** The formats of the reports, one parser each (src/core/test-reports/). */
export type TestReportFormat = 'junit-xml' | 'jest-json' | 'go-test-json';

/** What a mode's commands get: the test file, the other files written beside it, the caller's extra arguments. */
export interface TestCommandContext {
  sourceFile: string;
  files: readonly string[];
  args: readonly string[];
}

export interface TestModeSpec {
  id: TestModeId;
  language: LanguageId;
  /** The framework as people name it (and its version in the image). */
  framework: string;
  /** The test file's name in the work dir; `userFile` is the name the caller gave, when any. */
  sourceFile: (code: string, userFile?: string) => string;
  /** Compile or check the test file; omitted: the language's own check, on the mode's file. */
  compile?: (ctx: TestCommandContext) => string[];
  run: (ctx: TestCommandContext) => string[];
  /** Where the report is: files in the work dir (all that exist are read), or the run's stdout. */
  report: { format: TestReportFormat; files: string[] } | { format: TestReportFormat; stdout: true };
  /** Whether the caller may add arguments to the run command (SandboxFusion's `args`, which it has for pytest only). */
  takesArgs: boolean;
  /** SandboxFusion reports a compile_result for the mode (a separate compile step in its runner). */
  sandboxFusionCompileResult: boolean;
  /** Limits above the language's (a layer between the language's and the engine's), and why. */
  limits?: LanguageLimits;
}

const PYTEST_REPORT = '.mplsandbox-pytest.xml';
const JEST_REPORT = '.mplsandbox-jest.json';
const JUNIT_REPORTS = '.mplsandbox-junit';
const JEST_DIR = '/opt/jest';
const JUNIT_JAR = '/usr/share/java/junit-platform-console-standalone.jar';

const jars = (files: readonly string[]) => files.filter((f) => f.endsWith('.jar'));

const ENTRIES: { readonly [Id in TestModeId]: TestModeSpec & { id: Id } } = {
  pytest: {
    id: 'pytest',
    language: 'python',
    framework: 'pytest 7.2',
    sourceFile: () => 'test_main.py',
    // No cache folder, no colours; the JUnit XML report is pytest's own (no plugin needed).
    run: ({ sourceFile, args }) => ['python3', '-m', 'pytest', '-p', 'no:cacheprovider', '--color=no', `--junitxml=${PYTEST_REPORT}`, sourceFile, ...args],
    report: { format: 'junit-xml', files: [PYTEST_REPORT] },
    takesArgs: true,
    sandboxFusionCompileResult: false,
  },
  jest: {
    id: 'jest',
    language: 'javascript',
    framework: 'Jest 29.7',
    // SandboxFusion's jest mode takes TypeScript test files; Babel compiles either (sandbox-images/javascript/jest).
    sourceFile: (_code, userFile) => (userFile && /\.[cm]?jsx?$/.test(userFile) ? 'main.test.js' : 'main.test.ts'),
    compile: ({ sourceFile }) => ['node', `${JEST_DIR}/check-syntax.js`, sourceFile],
    // In band: no worker processes (the pids limit, and a second Node start per file).
    run: ({ sourceFile }) => [
      'node', `${JEST_DIR}/node_modules/jest/bin/jest.js`, '--config', `${JEST_DIR}/jest.config.js`, '--ci', '--runInBand', '--json', `--outputFile=${JEST_REPORT}`, '--runTestsByPath', sourceFile,
    ],
    report: { format: 'jest-json', files: [JEST_REPORT] },
    takesArgs: false,
    sandboxFusionCompileResult: false,
    limits: {
      compile: { memoryBytes: 512 * 1024 * 1024 },
      run: { memoryBytes: 512 * 1024 * 1024, timeoutMs: 30_000 },
      why: 'Jest loads Babel and its runtime (~150 MB resident) and compiles the test file before it runs; its first run in a container has an empty cache',
    },
  },
  junit: {
    id: 'junit',
    language: 'java',
    framework: 'JUnit 5.9 (console launcher 1.9)',
    // As for a Java program: named after the public class (javac insists), else Main.java.
    sourceFile: (code) => `${/\bpublic\s+(?:final\s+|abstract\s+)*class\s+([A-Za-z_$][\w$]*)/.exec(code)?.[1] ?? 'Main'}.java`,
    // Jars among the files are on the class path, as SandboxFusion's junit runner puts them.
    compile: ({ sourceFile, files }) => [
      'javac', ...JVM_START_FLAGS.map((f) => `-J${f}`), '-encoding', 'UTF-8', '-cp', [JUNIT_JAR, ...jars(files)].join(':'), '-d', 'classes', sourceFile,
      ...files.filter((f) => f.endsWith('.java') && f !== sourceFile),
    ],
    run: ({ files }) => [
      'java', ...JVM_START_FLAGS, '-ea', '-jar', JUNIT_JAR, '--disable-banner', '--disable-ansi-colors', '--details=tree', '--class-path', ['classes', ...jars(files)].join(':'),
      // Only the compiled test classes are scanned, not the jars beside them.
      '--scan-class-path=classes',
      // Every class with tests, whatever its name (the launcher's default wants Test* or *Test(s)).
      '--include-classname=.*', `--reports-dir=${JUNIT_REPORTS}`,
    ],
    // One XML file per test engine; the image's class path has Jupiter's only (JUnit 4 tests would need junit4.jar).
    report: { format: 'junit-xml', files: [`${JUNIT_REPORTS}/TEST-junit-jupiter.xml`] },
    takesArgs: false,
    sandboxFusionCompileResult: true,
    limits: {
      run: { timeoutMs: 20_000 },
      why: 'the console launcher scans the class path and loads the JUnit platform (~2 s of JVM start before the first test)',
    },
  },
  go_test: {
    id: 'go_test',
    language: 'go',
    framework: 'go test (Go 1.19)',
    sourceFile: () => 'main_test.go',
    // Built first (as `go test` would), so that a build error is a compile error with its line; the test binary
    // then runs under test2json, which `go test -json` uses too. Without the vet checks `go test` runs by default:
    // with the sandbox's empty build cache they cost ~7 s a run (the build alone < 1 s); `analyze` runs go vet.
    compile: ({ sourceFile, files }) => ['go', 'test', '-vet=off', '-c', '-o', 'main.test', sourceFile, ...files.filter((f) => f.endsWith('.go') && !f.includes('/') && f !== sourceFile)],
    run: () => ['go', 'tool', 'test2json', '-p', 'main', './main.test', '-test.v'],
    report: { format: 'go-test-json', stdout: true },
    takesArgs: false,
    // SandboxFusion's go_test runs `go test` alone: build errors come back as the run.
    sandboxFusionCompileResult: false,
  },
};

export const TEST_MODES: readonly TestModeSpec[] = TEST_MODE_IDS.map((id) => ENTRIES[id]);

export function findTestMode(name: string): TestModeSpec | undefined {
  return (TEST_MODE_IDS as readonly string[]).includes(name) ? ENTRIES[name as TestModeId] : undefined;
}

export function getTestMode(id: TestModeId): TestModeSpec {
  return ENTRIES[id];
}

export class TestModeError extends MplSandboxError {
  constructor(message: string) {
    super('test-mode', message);
  }
}

/** The mode's limit layer over the language's: the two merged per phase. */
function layeredLimits(lang: LanguageSpec, mode: TestModeSpec): LanguageLimits | undefined {
  if (!mode.limits) return lang.limits;
  return {
    compile: { ...lang.limits?.compile, ...mode.limits.compile },
    run: { ...lang.limits?.run, ...mode.limits.run },
    why: lang.limits ? `${lang.limits.why}; ${mode.limits.why}` : mode.limits.why,
  };
}

/**
 * The language as the engine runs a test mode: the mode's file name, commands and limits over the entry (and the
 * engine's overrides of it). No checked run: the framework runs the file, not the interpreter. Throws TestModeError
 * when the language is not the mode's or the request gives what a mode does not take.
 */
export function languageForTestMode(
  lang: LanguageSpec,
  mode: TestModeSpec,
  req: { files?: readonly string[]; args?: readonly string[]; userFile?: string; project?: unknown; libraries?: readonly string[]; cases?: readonly unknown[] },
): LanguageSpec {
  if (req.project) throw new TestModeError(`the ${mode.id} mode runs one test file (with other files beside it), not a project: run the file on its own`);
  if (req.libraries?.length) throw new TestModeError(`the ${mode.id} mode runs with the image's libraries only; leave libraries out`);
  if (req.cases?.length) throw new TestModeError(`the ${mode.id} mode judges by the file's own tests; leave the test cases out`);
  if (lang.id !== mode.language) throw new TestModeError(`the ${mode.id} mode runs ${mode.language} test files, not ${lang.displayName}: leave the language out or give ${mode.language}`);
  const args = req.args ?? [];
  if (args.length && !mode.takesArgs) throw new TestModeError(`the ${mode.id} mode takes no extra arguments (only pytest does); leave them out`);
  const files = req.files ?? [];
  const sourceFile = (code: string) => mode.sourceFile(code, req.userFile);
  const ctx = (src: string): TestCommandContext => ({ sourceFile: src, files, args });
  return {
    ...lang,
    checkedRun: undefined,
    sourceFile,
    compile: mode.compile ? (src) => mode.compile!(ctx(src)) : lang.compile,
    run: (src) => mode.run(ctx(src)),
    limits: layeredLimits(lang, mode),
  };
}
