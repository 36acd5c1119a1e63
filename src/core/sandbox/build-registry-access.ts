// What an image build needs to reach a package registry from the caller's network (a mirror, a proxy, a
// TLS-inspecting proxy's certificate authority): passed into the build, never into an image tag's hash, and
// used only by build stages that install from a registry (dependency images, the JavaScript image's Jest).
import { readFileSync } from 'node:fs';

/** Registry settings passed from the caller's environment into the build as build arguments. */
export const REGISTRY_BUILD_ARGS = ['NPM_CONFIG_REGISTRY', 'PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'GOPROXY', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'] as const;

export function registryBuildArgs(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(REGISTRY_BUILD_ARGS.flatMap((k) => (env[k] ? [[k, env[k]!]] : [])));
}

/**
 * The caller's extra CA certificates, PEM: MPLSANDBOX_BUILD_CA_CERTS, else NODE_EXTRA_CA_CERTS (as Node reads
 * them), else npm's `cafile` (npm_config_cafile, which npm sets for the scripts it runs, e.g. `npm test`'s provisioning).
 */
export function extraCertificates(env: NodeJS.ProcessEnv): Buffer | undefined {
  const file = env.MPLSANDBOX_BUILD_CA_CERTS ?? env.NODE_EXTRA_CA_CERTS ?? env.npm_config_cafile;
  if (!file) return undefined;
  try {
    const pem = readFileSync(file);
    return pem.includes('-----BEGIN CERTIFICATE-----') ? pem : undefined;
  } catch {
    return undefined;
  }
}

/** The certificates as a build-context file under `dir/` (a README when there are none, so that a COPY of `dir/` always works). */
export function certificatesFile(dir: string, pem: Buffer | undefined): { name: string; content: Buffer; mode: number } {
  return { name: `${dir}/${pem ? 'extra-ca.crt' : 'README'}`, content: pem ?? Buffer.from('no extra certificate authorities\n'), mode: 0o644 };
}
