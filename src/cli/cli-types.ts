/** A CLI sub-command. `run` resolves to the process exit code. */
export interface CliCommand {
  name: string;
  /** One line for `mplsandbox --help`. */
  summary: string;
  /** Full usage text for `mplsandbox NAME --help`. */
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM so that running containers are killed. */
  signal: AbortSignal;
}

/** Bad usage or unreadable input: printed as one line, exit code 2. */
export class UsageError extends Error {}
/** The sandbox or a service could not do its job (Docker unreachable, endpoint down): one line, exit code 3. */
export class EnvironmentError extends Error {}
