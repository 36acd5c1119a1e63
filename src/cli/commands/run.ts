import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { DEFAULT_PROJECT_LIMITS, formatBytes, ProjectLimitError } from '../../core/projects/collect';
import { type LoadedProject, loadProject, ProjectPathError } from '../../core/projects/project';
import type { CliCommand, CliIO } from '../cli-types';
import { EnvironmentError, UsageError } from '../cli-types';
import type { RunRequest, RunResult } from '../../core/sandbox/types';
import { formatRunResult } from '../format-run';
import { runResultToJson } from '../../core/sandbox/result-json';
import { openEngine } from '../open-engine';
import { isAbortError } from '../../core/abort';
import { checkLanguage, parseCommandArgs, parseJson, positiveNumber, readCasesFile, readText } from '../input';
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFromFlags } from '../limit-flags';
import type { SandboxEngine } from '../../core/sandbox/engine';
import { completeMplRequest, parseMplRequest } from '../../core/analysis/mplsandbox-request';
import { findTestMode, TEST_MODE_IDS, type TestModeSpec } from '../../core/languages/test-modes';
import { findLanguage } from '../../core/languages/registry';

const USAGE = `Usage:
  mplsandbox run FILE [--project DIR | --single-file] [--lang ID|auto] [--stdin FILE] [--cases FILE] [--timeout SEC] [--memory MB] [--cpus N] [--json]
  mplsandbox run --mode pytest|jest|junit|go_test FILE [--timeout SEC] [--memory MB] [--json]
  mplsandbox run --request FILE [--analysis all|KEY[,KEY…]]

  FILE            the program; '-' reads it from standard input
  --project DIR   run FILE as part of the project in DIR (default: the nearest folder above FILE, within
                  the current folder, with a build manifest — pyproject.toml, package.json, go.mod,
                  Cargo.toml, pom.xml, CMakeLists.txt, Makefile, … — or .git; else FILE's folder).
                  Its files are copied into the sandbox except .gitignored ones, node_modules, virtual
                  environments, build outputs and VCS folders; a manifest's dependencies are installed
                  once into a cached image (the only step with network)
  --single-file   copy only FILE, as the language's source file
  --max-files N   most files a project may have (default ${DEFAULT_PROJECT_LIMITS.maxFiles})
  --max-mb N      most megabytes a project's files may have together (default ${DEFAULT_PROJECT_LIMITS.maxBytes / (1024 * 1024)})
  --lang ID       language id or alias (default: auto — identified from the file name and content)
  --stdin FILE    standard input for the program ('-' for this process's stdin)
  --cases FILE    test cases: {"inputs": [...], "outputs": [...]} or [{"input": ..., "expected": ...}]
${LIMIT_USAGE}
  --mode MODE     FILE is a test file of a framework (SandboxFusion's modes): pytest (Python), jest
                  (JavaScript or TypeScript), junit (JUnit 5, Java), go_test (go test). The verdict comes
                  from the framework's own report: Accepted when every test passed, WrongAnswer when a
                  test failed (each failing test with its message and line), RuntimeError when the file
                  could not load or had no tests, CompileError for a syntax or build error
  --json          print one JSON object instead of the human-readable report
  --request FILE  an MPLSandbox request (question, code, unit_cases, lang); prints an MPLSandbox result
  --analysis A    with --request: also fill MPLSandbox's analysis keys — "all" or some of
                  code_basic_analysis, code_smell_analysis, code_bug_analysis, unit_test_analysis,
                  code_efficiency_evaluation (the request's "analysis_type" field does the same)

Exit code 0 whenever the program was judged (whatever the verdict); 2 for bad usage or unreadable
input; 3 when the sandbox cannot run (e.g. Docker is not running).`;

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Compile and run a program in its language sandbox, optionally judged against test cases',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      lang: { type: 'string', default: 'auto' },
      project: { type: 'string' },
      'single-file': { type: 'boolean', default: false },
      'max-files': { type: 'string' },
      'max-mb': { type: 'string' },
      stdin: { type: 'string' },
      cases: { type: 'string' },
      ...LIMIT_OPTIONS,
      json: { type: 'boolean', default: false },
      request: { type: 'string' },
      analysis: { type: 'string' },
      mode: { type: 'string' },
    });

    if (values.request !== undefined) {
      if (positionals.length) throw new UsageError('--request takes the program from the request; do not also pass FILE');
      const raw = parseJson(await readText(values.request, io, 'request'), 'the request');
      let parsed;
      try {
        parsed = parseMplRequest(raw, values.analysis !== undefined ? (values.analysis.includes(',') ? values.analysis.split(',') : values.analysis) : undefined);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const engine = await openEngine(io);
      try {
        const result = await execute(engine, { ...parsed.mpl.request, signal: io.signal }, io);
        const out = await completeMplRequest(engine, parsed, result, io.signal);
        io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } finally {
        await engine.close();
      }
      return 0;
    }

    if (positionals.length !== 1) throw new UsageError(`expected exactly one FILE\n${USAGE}`);
    const file = positionals[0];
    const mode = values.mode !== undefined ? checkTestMode(values.mode, values) : undefined;
    const language = checkLanguage(values.lang);
    const code = await readText(file, io, 'program');
    const limits = limitsFromFlags(values);
    const cases = values.cases !== undefined ? await readCasesFile(values.cases, io) : undefined;
    const project = file === '-' || values['single-file'] || mode ? undefined : readProject(file, values);
    const request: RunRequest = {
      code,
      language,
      fileName: file === '-' ? undefined : project ? project.entry : basename(file),
      project,
      stdin: values.stdin !== undefined ? await readText(values.stdin, io, 'stdin file') : undefined,
      cases,
      limits,
      ...(mode ? { testMode: mode.id } : {}),
      signal: io.signal,
    };
    const engine = await openEngine(io);
    let result: RunResult;
    try {
      result = await execute(engine, request, io);
    } finally {
      await engine.close();
    }
    if (project) {
      // Every file of the project is named relative to its root, as the entry is.
      result.diagnostics = result.diagnostics.map((d) => (isAbsolute(d.file) ? { ...d, file: relative(project.root, d.file).split(sep).join('/') } : d));
      if (!values.json) io.stderr.write(`project ${relative(process.cwd(), project.root) || '.'} (${project.marker}): ${project.files.length} file(s), ${formatBytes(project.totalBytes)}\n`);
    }
    io.stdout.write(values.json ? `${JSON.stringify(runResultToJson(result), null, 2)}\n` : formatRunResult(result, request.fileName ?? '<stdin>'));
    return 0;
  },
};

/** The --mode value, and the flags it cannot go with. */
function checkTestMode(name: string, values: { cases?: string; project?: string; lang?: string }): TestModeSpec {
  const mode = findTestMode(name);
  if (!mode) throw new UsageError(`unknown --mode '${name}'; modes: ${TEST_MODE_IDS.join(', ')}`);
  const lang = values.lang && values.lang.toLowerCase() !== 'auto' ? findLanguage(values.lang) : undefined;
  if (lang && lang.id !== mode.language) throw new UsageError(`--mode ${mode.id} runs ${mode.language} test files; leave out --lang ${values.lang}`);
  if (values.cases !== undefined) throw new UsageError('--mode runs the file\'s own tests: leave out --cases');
  if (values.project !== undefined) throw new UsageError('--mode runs one test file: leave out --project');
  return mode;
}

/** FILE's project (`--project DIR`, else found above FILE within the current folder), read with the limits. */
function readProject(file: string, values: { project?: string; 'max-files'?: string; 'max-mb'?: string }): LoadedProject {
  if (values.project !== undefined && !existsSync(file)) throw new UsageError(`--project needs FILE on disk: ${file} does not exist`);
  const maxFiles = positiveNumber(values['max-files'], '--max-files');
  const maxMb = positiveNumber(values['max-mb'], '--max-mb');
  const cwd = process.cwd();
  const abs = resolve(file);
  const insideCwd = !relative(cwd, abs).startsWith('..');
  try {
    const project = loadProject(abs, {
      projectDir: values.project,
      // The search stops at the current folder (as VS Code's stops at the workspace folder); a file elsewhere is its folder's.
      boundary: insideCwd ? cwd : dirname(abs),
      limits: { ...(maxFiles ? { maxFiles: Math.floor(maxFiles) } : {}), ...(maxMb ? { maxBytes: Math.round(maxMb * 1024 * 1024) } : {}) },
    });
    return project;
  } catch (err) {
    if (err instanceof ProjectLimitError || err instanceof ProjectPathError) throw new UsageError(err.message);
    throw err;
  }
}

async function execute(engine: SandboxEngine, request: RunRequest, io: CliIO): Promise<RunResult> {
  let result: RunResult;
  try {
    result = await engine.runCode(request);
  } catch (err) {
    if (isAbortError(err)) throw new EnvironmentError('interrupted: the sandbox was stopped');
    throw err;
  }
  // The sandbox itself could not run the program: that is the environment's fault, not a verdict.
  if (result.status === 'SandboxError' && !io.signal.aborted) throw new EnvironmentError(result.message ?? 'the sandbox could not run the program');
  return result;
}
