// An interactive run: the program's stdin stays open and is fed as the user types (an editor's terminal),
// and its output arrives as it is written. Compiles first, as a judged run does; a compile failure ends
// the session with the compiler's diagnostics and no process.
//
// The container comes from the engine's one path (engine.openSandbox): the run queue, the limit layers, the
// CPU clamp, per-language overrides and the compile step (rustc's errors rendered) are those of a judged run.
// It is a fresh one of its own (not from the warm pool): an interactive session may last minutes, and a pool
// container is sized and timed for one short judged run. It is removed when the program ends, is killed, or
// the signal aborts; the queue slot is given back once the program runs (it then waits on its user).
import type { Diagnostic } from '../diagnostics/types';
import type { LanguageSpec } from '../languages/types';
import type { SandboxEngine } from './engine';
import type { LimitOverrides } from './limits';
import type { InteractiveProcess } from './sandbox-container';
import type { ProcessResult, RunRequest, SandboxLimits } from './types';

export interface InteractiveRequest extends Pick<RunRequest, 'code' | 'language' | 'fileName' | 'languageIdHint' | 'signal' | 'project'> {
  limits?: LimitOverrides;
  /** Output of the program as it is written (decoded UTF-8). */
  onOutput: (stream: 'stdout' | 'stderr', text: string) => void;
}

export interface InteractiveSession {
  language: LanguageSpec;
  limits: SandboxLimits;
  compile: ProcessResult | null;
  /** Compiler diagnostics (when compiling failed). */
  diagnostics: Diagnostic[];
  /** Why there is no program to talk to (a compile failure), or undefined when `process` runs. */
  failure?: string;
  /** The running program; its `result` settles when it ends (the container is removed then). */
  process?: InteractiveProcess;
}

/**
 * Programs write to a pipe here, not a terminal, so stdio would hold back a prompt printed without a
 * newline until the buffer fills. Unbuffered C stdio (stdbuf, coreutils in every image) and Python
 * make prompts appear before the program waits for the answer.
 */
function unbuffered(argv: string[]): string[] {
  return ['stdbuf', '-o0', '-e0', ...argv];
}
const UNBUFFERED_ENV = { PYTHONUNBUFFERED: '1' };

export async function startInteractiveRun(engine: SandboxEngine, req: InteractiveRequest): Promise<InteractiveSession> {
  const sandbox = await engine.openSandbox({ ...req, purpose: 'interactive' });
  const { language, limits } = sandbox;
  try {
    const { compile, diagnostics, failure } = await sandbox.compile();
    if (failure) {
      await sandbox.dispose();
      return { language, limits, compile, diagnostics, failure };
    }
    const decoder = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    const process = sandbox.startInteractive({
      argv: unbuffered(sandbox.runCommand()),
      env: UNBUFFERED_ENV,
      onOutput: (stream, chunk) => {
        const text = decoder[stream].decode(chunk, { stream: true });
        if (text) req.onOutput(stream, text);
      },
    });
    // The program now waits on a person, not a CPU: its queue slot goes to the judged runs.
    sandbox.leaveQueue();
    void process.result.catch(() => undefined).finally(() => void sandbox.dispose());
    return { language, limits, compile, diagnostics: [], process };
  } catch (err) {
    await sandbox.dispose();
    sandbox.throwIfAborted();
    throw err;
  }
}
