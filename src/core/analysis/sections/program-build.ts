// Builds the user's program once per analysis with the language's own compile command (for efficiency runs), and
// the instrumented builds coverage and profiling need.
import { MplSandboxError } from '../../errors';
import type { ProcessResult } from '../../sandbox/types';
import type { AnalysisSandbox } from '../sandbox/analysis-sandbox';

/** A build the analysis needs (the program, or its instrumented form) did not compile. */
export class BuildFailedError extends MplSandboxError {
  constructor(message: string) {
    super('build-failed', message);
  }
}

const tail = (p: ProcessResult) => (p.stderr || p.stdout).trim().split('\n').slice(-8).join('\n').slice(0, 800);

export async function build(sandbox: AnalysisSandbox, key: string, argv: string[] | undefined, what: string): Promise<void> {
  if (!argv) return;
  await sandbox.once(`build:${key}`, async () => {
    const p = sandbox.forDisplay(await sandbox.exec(argv));
    if (p.exitCode !== 0) throw new BuildFailedError(`${what} failed (exit ${p.exitCode ?? p.signal}): ${tail(p)}`);
  });
}

export function buildProgram(sandbox: AnalysisSandbox): Promise<void> {
  return build(sandbox, 'program', sandbox.compileCommand(), 'compiling the program');
}
