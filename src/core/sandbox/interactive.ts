// An interactive run: the program's stdin stays open and is fed as the user types (an editor's terminal),
// and its output arrives as it is written. Compiles first, as a judged run does; a compile failure ends
// the session with the compiler's diagnostics and no process.
//
// The container is a fresh one of its own (not from the warm pool): an interactive session may last
// minutes, and a pool container is sized and timed for one short judged run. It is removed when the
// program ends, is killed, or the signal aborts.
import type { Diagnostic } from '../diagnostics/types';
import type { LanguageSpec } from '../languages/types';
import type { SandboxEngine } from './engine';
import { type LimitOverrides, resolveLimits } from './limits';
import { resolveLanguage } from './resolve-language';
import { abortError } from './run-queue';
import { createSandboxContainer, type InteractiveProcess, type SandboxContainer } from './sandbox-container';
import type { ProcessResult, RunRequest, SandboxLimits } from './types';
import { describeCompileFailure } from './verdict-messages';

export interface InteractiveRequest extends Pick<RunRequest, 'code' | 'language' | 'fileName' | 'languageIdHint' | 'signal'> {
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
  const language = resolveLanguage(req);
  const limits = resolveLimits(language, undefined, req.limits);
  const image = await engine.ensureImage(language, undefined, req.signal);
  if (req.signal?.aborted) throw abortError(req.signal);

  const container: SandboxContainer = await createSandboxContainer(engine.docker, {
    image,
    limits,
    env: language.env,
    labels: { 'io.mplsandbox.language': language.id, 'io.mplsandbox.interactive': 'true' },
  });
  const dispose = () => void container.dispose().catch(() => {});
  const onAbort = () => dispose();
  req.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (req.signal?.aborted) throw abortError(req.signal);
    const sourceFile = language.sourceFile(req.code);
    await container.writeFiles([{ path: sourceFile, content: req.code }]);
    const userFile = req.fileName ?? sourceFile;

    let compile: ProcessResult | null = null;
    if (language.compile) {
      compile = await container.exec({ argv: language.compile(sourceFile), env: language.env, limits: limits.compile, signal: req.signal });
      if (compile.exitCode !== 0 || compile.signal || compile.timedOut || compile.oomKilled) {
        let diagnostics: Diagnostic[] = [];
        try {
          diagnostics = language.diagnostics({ phase: 'compile', stdout: compile.stdout, stderr: compile.stderr, sourceFile, userFile, lineOffset: 0 });
        } catch {
          // A parser that chokes on unusual output costs the diagnostics, not the message.
        }
        req.signal?.removeEventListener('abort', onAbort);
        dispose();
        return { language, limits, compile, diagnostics, failure: describeCompileFailure(compile, limits, diagnostics) };
      }
    }

    const decoder = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    const process = container.startInteractive({
      argv: unbuffered(language.run(sourceFile)),
      env: { ...language.env, ...UNBUFFERED_ENV },
      limits: limits.run,
      signal: req.signal,
      onOutput: (stream, chunk) => {
        const text = decoder[stream].decode(chunk, { stream: true });
        if (text) req.onOutput(stream, text);
      },
    });
    void process.result
      .catch(() => undefined)
      .finally(() => {
        req.signal?.removeEventListener('abort', onAbort);
        dispose();
      });
    return { language, limits, compile, diagnostics: [], process };
  } catch (err) {
    req.signal?.removeEventListener('abort', onAbort);
    dispose();
    if (req.signal?.aborted) throw abortError(req.signal);
    throw err;
  }
}
