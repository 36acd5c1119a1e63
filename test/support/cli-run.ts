/** Runs a CLI sub-command in-process with captured stdout/stderr, as `mplsandbox NAME …` would. */
import { PassThrough } from 'node:stream';
import type { CliCommand, CliIO } from '../../src/cli/cli-types';

export async function runCliCommand(command: CliCommand, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const io: CliIO = { stdout, stderr, stdin: new PassThrough(), env, signal: new AbortController().signal };
  const code = await command.run(args, io);
  return { code, stdout: out, stderr: err };
}
