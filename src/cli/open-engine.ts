import type { CliIO } from './cli-types';
import { SandboxEngine } from '../core/sandbox/engine';

/** The engine as the CLI uses it: DOCKER_HOST from the environment, images built on first use with progress on stderr. */
export async function openEngine(io: CliIO): Promise<SandboxEngine> {
  return new SandboxEngine({
    dockerHost: io.env.DOCKER_HOST,
    autoBuildImages: io.env.MPLSANDBOX_AUTO_BUILD !== '0',
    // A one-shot CLI run gains nothing from containers kept warm for later runs.
    poolSize: 0,
    onBuildProgress: (p) => {
      if (/^Step \d+\/\d+/.test(p.line)) io.stderr.write(`building ${p.image} image: ${p.line}\n`);
    },
  });
}
