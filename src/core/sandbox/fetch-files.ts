// Reading files back out of a sandbox after its run (SandboxFusion's `fetch_files`). The agent's protocol
// only writes files, so each file is read by a short command in the same container: `base64` keeps binary
// content intact through the agent's text output, and `test -f` leaves out what is no regular file, as
// SandboxFusion does. Paths are relative to where the program ran.
import type { EngineSandbox } from './engine-sandbox';

const FETCH_TIMEOUT_MS = 10_000;

/** Files the program left, by the path asked for; missing, non-regular or too large ones are left out. */
export async function fetchFiles(sandbox: EngineSandbox, paths: readonly string[]): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {};
  // A program cannot write a file larger than RLIMIT_FSIZE; base64 makes 4 bytes of 3.
  const outputBytes = Math.ceil(sandbox.limits.fileSizeBytes / 3) * 4 + 16;
  for (const path of new Set(paths)) {
    const r = await sandbox.exec({
      argv: ['sh', '-c', 'test -f "$1" && exec base64 -w0 -- "$1"', 'fetch', path],
      phase: 'run',
      limits: { ...sandbox.limits.run, timeoutMs: FETCH_TIMEOUT_MS, outputBytes },
    });
    if (r.exitCode === 0 && !r.truncated && !r.timedOut) files[path] = Buffer.from(r.stdout, 'base64');
  }
  return files;
}
