// mplsandbox: the headless front end over src/core. Each sub-command lives in commands/<name>.ts.
import type { CliCommand, CliIO } from './cli-types';
import { UsageError, EnvironmentError } from './cli-types';
import { commands } from './commands';
// The package's own version (esbuild inlines only this field of package.json).
import { version as VERSION } from '../../package.json';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'mplsandbox: run code in isolated multi-language Docker sandboxes and critique math solutions.',
    '',
    'Usage: mplsandbox <command> [options]   (mplsandbox <command> --help for details)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`mplsandbox: unknown command '${name}'. Commands: ${commands.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`mplsandbox ${name}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof EnvironmentError) {
      io.stderr.write(`mplsandbox ${name}: ${err.message}\n`);
      return 3;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`mplsandbox ${name}: ${message}\n`);
    if (io.env.MPLSANDBOX_DEBUG && err instanceof Error) io.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  let interrupted = 0;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      // First signal: cancel cleanly (containers are killed); second: leave at once.
      if (++interrupted > 1) process.exit(130);
      controller.abort(new Error(`interrupted by ${sig}`));
    });
  }
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    signal: controller.signal,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`mplsandbox: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
