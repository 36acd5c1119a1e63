// Moving images through an operator's registry: `mplsandbox images push` puts the locally built images
// there once; every engine of a deployment pulls them (`mplsandbox images pull`) instead of building them.
// A pulled image is tagged with its local name again, so the engine finds it exactly as if built here.
import type Dockerode from 'dockerode';

export class RegistryError extends Error {}

/** `R/mplsandbox/python:abc` for the local `mplsandbox/python:abc` (R: `host[:port][/path]`). */
export function registryReference(registry: string, localTag: string): string {
  const r = registry.trim().replace(/\/+$/, '');
  if (!r || /\s|:\/\//.test(r)) throw new RegistryError(`'${registry}' is not a registry name: give host[:port][/path], e.g. registry.example.com/team`);
  return `${r}/${localTag}`;
}

function splitReference(ref: string): { repo: string; tag: string } {
  const colon = ref.lastIndexOf(':');
  if (colon <= ref.lastIndexOf('/')) return { repo: ref, tag: 'latest' };
  return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
}

/**
 * Credentials from MPLSANDBOX_REGISTRY_USERNAME / MPLSANDBOX_REGISTRY_PASSWORD, when set. The engine API
 * has no credentials of its own (the docker CLI's come from its config file), so without them the
 * registry is used anonymously.
 */
export function registryAuth(registry: string, env: NodeJS.ProcessEnv = process.env): Dockerode.AuthConfig | undefined {
  const username = env.MPLSANDBOX_REGISTRY_USERNAME;
  const password = env.MPLSANDBOX_REGISTRY_PASSWORD;
  if (!username || !password) return undefined;
  return { username, password, serveraddress: registry.split('/')[0] };
}

async function follow(docker: Dockerode, stream: NodeJS.ReadableStream, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let failure: string | undefined;
    docker.modem.followProgress(
      stream,
      (err: Error | null) => (err || failure ? reject(new RegistryError(`${what} failed: ${failure ?? err?.message}`)) : resolve()),
      (event: { error?: string; errorDetail?: { message?: string } }) => {
        if (event.error) failure = event.errorDetail?.message ?? event.error;
      },
    );
  });
}

/** Tags `localTag` for the registry and pushes it; returns the registry reference. */
export async function pushImage(docker: Dockerode, localTag: string, registry: string, auth = registryAuth(registry)): Promise<string> {
  const ref = registryReference(registry, localTag);
  const { repo, tag } = splitReference(ref);
  await docker.getImage(localTag).tag({ repo, tag });
  // The engine refuses a push without an X-Registry-Auth header: an anonymous one is an empty object.
  const stream = await docker.getImage(ref).push({ tag, authconfig: auth ?? {} } as Dockerode.ImagePushOptions);
  await follow(docker, stream, `pushing ${ref}`);
  return ref;
}

/** Pulls `localTag` from the registry and tags it with its local name; returns the registry reference. */
export async function pullImage(docker: Dockerode, localTag: string, registry: string, auth = registryAuth(registry)): Promise<string> {
  const ref = registryReference(registry, localTag);
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(ref, { authconfig: auth });
  } catch (err) {
    throw new RegistryError(`pulling ${ref} failed: ${(err as Error).message.split('\n').pop()}`);
  }
  await follow(docker, stream, `pulling ${ref}`);
  const { repo, tag } = splitReference(localTag);
  await docker.getImage(ref).tag({ repo, tag });
  return ref;
}
