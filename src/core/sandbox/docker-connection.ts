import Dockerode from 'dockerode';
import { MplSandboxError } from '../errors';

/** Raised when no Docker engine answers; its message says what to do. */
export class DockerUnavailableError extends MplSandboxError {
  constructor(
    message: string,
    readonly host: string,
  ) {
    super('docker-unavailable', message);
  }
}

export interface DockerConnectionOptions {
  /** `unix:///var/run/docker.sock`, `tcp://host:2375`, `ssh://user@host`, or a socket path. Defaults to DOCKER_HOST, then the local socket. */
  host?: string;
}

/** Describes where we connect, for messages. */
export function describeDockerHost(options: DockerConnectionOptions = {}): string {
  return options.host || process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
}

/**
 * A dockerode client for a local socket, a TCP engine (TLS from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH, as
 * the docker CLI does), an SSH engine, or Podman's Docker-compatible socket.
 */
export function connectDocker(options: DockerConnectionOptions = {}): Dockerode {
  const host = options.host?.trim();
  if (!host) return new Dockerode(); // docker-modem reads DOCKER_HOST and the TLS variables itself.
  if (host.startsWith('/')) return new Dockerode({ socketPath: host });
  const url = new URL(host);
  switch (url.protocol) {
    case 'unix:':
      return new Dockerode({ socketPath: url.pathname });
    case 'npipe:':
      return new Dockerode({ socketPath: `//./pipe/${url.pathname.replace(/^\/+/, '').replace(/^\.\/pipe\//, '')}` });
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = url.protocol === 'https:' || process.env.DOCKER_TLS_VERIFY === '1';
      const certPath = process.env.DOCKER_CERT_PATH;
      return new Dockerode({
        host: url.hostname,
        port: url.port ? Number(url.port) : tls ? 2376 : 2375,
        protocol: tls ? 'https' : 'http',
        ...(tls && certPath
          ? {
              ca: readIfExists(`${certPath}/ca.pem`),
              cert: readIfExists(`${certPath}/cert.pem`),
              key: readIfExists(`${certPath}/key.pem`),
            }
          : {}),
      });
    }
    case 'ssh:':
      return new Dockerode({
        protocol: 'ssh',
        host: url.hostname,
        port: url.port ? Number(url.port) : 22,
        username: decodeURIComponent(url.username) || undefined,
        sshOptions: { agent: process.env.SSH_AUTH_SOCK },
      } as Dockerode.DockerOptions);
    default:
      throw new DockerUnavailableError(`unsupported Docker host '${host}': use unix://, tcp://, ssh:// or a socket path`, host);
  }
}

function readIfExists(path: string): Buffer | undefined {
  // Lazy require keeps this module free of fs at import time for bundlers that tree-shake it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  return fs.existsSync(path) ? fs.readFileSync(path) : undefined;
}

/** Pings the engine; throws DockerUnavailableError with advice when it does not answer. */
export async function checkDocker(docker: Dockerode, options: DockerConnectionOptions = {}): Promise<{ version: string; apiVersion: string }> {
  const host = describeDockerHost(options);
  try {
    const v = await docker.version();
    return { version: v.Version, apiVersion: v.ApiVersion };
  } catch (err) {
    throw new DockerUnavailableError(dockerAdvice(err, host), host);
  }
}

export function dockerAdvice(err: unknown, host: string): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  if (code === 'ENOENT' || code === 'ECONNREFUSED') {
    return (
      `Docker is not running (nothing answers at ${host}). Start it — \`sudo systemctl start docker\`, ` +
      `Docker Desktop, or \`sudo dockerd &\` — or point MPLSandbox at another engine with DOCKER_HOST ` +
      `or the mplsandbox.docker.host setting.`
    );
  }
  if (code === 'EACCES') {
    return `Permission denied on ${host}: add your user to the 'docker' group (\`sudo usermod -aG docker $USER\`, then log in again) or use rootless Docker/Podman.`;
  }
  return `Cannot reach the Docker engine at ${host}: ${detail}`;
}
