// One-line summaries of verdicts, for RunResult.message (status bars, CLI output, notifications).
import type { Diagnostic } from '../diagnostics/types';
import type { ProcessResult, SandboxLimits, Verdict } from './types';

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GiB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export function formatSeconds(ms: number): string {
  return `${+(ms / 1000).toFixed(2)} s`;
}

function howItEnded(p: ProcessResult): string {
  return p.signal ? `killed by ${p.signal}` : `exit code ${p.exitCode}`;
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim())?.trim() ?? '';
}

export function describeCompileFailure(compile: ProcessResult, limits: SandboxLimits, diagnostics: Diagnostic[]): string {
  if (compile.timedOut) return `Compile error: the compiler did not finish within ${formatSeconds(limits.compile.timeoutMs)}`;
  if (compile.oomKilled) return `Compile error: the compiler ran out of memory (${formatBytes(limits.compile.memoryBytes)})`;
  const error = diagnostics.find((d) => d.severity === 'error');
  const detail = error ? `${error.file}:${error.line}: ${error.message}` : firstLine(compile.stderr) || firstLine(compile.stdout) || howItEnded(compile);
  return `Compile error: ${detail}`;
}

/** `case` is given when the run was one of several test cases: then the summary says which and how many passed. */
export function describeVerdict(
  status: Verdict,
  run: ProcessResult,
  limits: SandboxLimits,
  cases?: { index: number; total: number; passed: number },
): string {
  const where = cases ? ` on case ${cases.index + 1} of ${cases.total}` : '';
  const tally = cases ? ` (${cases.passed}/${cases.total} passed)` : '';
  switch (status) {
    case 'Accepted':
      return cases ? `Accepted: all ${cases.total} cases passed` : 'Accepted';
    case 'WrongAnswer':
      return `Wrong answer${where}${tally}`;
    case 'TimeLimitExceeded':
      return `Time limit exceeded${where}: killed after ${formatSeconds(limits.run.timeoutMs)}${tally}`;
    case 'MemoryLimitExceeded':
      return `Memory limit exceeded${where}: over ${formatBytes(limits.run.memoryBytes)}${tally}`;
    case 'OutputLimitExceeded':
      return `Output limit exceeded${where}: over ${formatBytes(limits.run.outputBytes)} on a stream${tally}`;
    case 'RuntimeError': {
      const line = lastLine(run.stderr);
      return `Runtime error${where}: ${howItEnded(run)}${line ? ` — ${line}` : ''}${tally}`;
    }
    default:
      return status;
  }
}

/** The last non-blank line of stderr is where interpreters put the error (`ZeroDivisionError: …`, `panicked at …`). */
function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim());
  const line = lines[lines.length - 1]?.trim() ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
