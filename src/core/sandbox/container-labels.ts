// Labels on every sandbox container, so that containers left by a crashed process can be found
// and removed (see orphans.ts) without touching anyone else's containers.
import { hostname } from 'node:os';
import { LABEL_PREFIX } from './images';

export const MANAGED_LABEL = `${LABEL_PREFIX}.managed`;
/** `<hostname>:<pid>` of the process that created the container. */
export const OWNER_LABEL = `${LABEL_PREFIX}.owner`;
/** Creation time, milliseconds since the epoch. */
export const CREATED_LABEL = `${LABEL_PREFIX}.created`;

export interface ContainerOwner {
  hostname: string;
  pid: number;
}

export function currentOwner(): ContainerOwner {
  return { hostname: hostname(), pid: process.pid };
}

export function formatOwner(owner: ContainerOwner): string {
  return `${owner.hostname}:${owner.pid}`;
}

export function parseOwner(label: string | undefined): ContainerOwner | null {
  const match = /^(.*):(\d+)$/.exec(label ?? '');
  return match ? { hostname: match[1], pid: Number(match[2]) } : null;
}

export function managedContainerLabels(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...extra,
    [MANAGED_LABEL]: 'true',
    [OWNER_LABEL]: formatOwner(currentOwner()),
    [CREATED_LABEL]: String(Date.now()),
  };
}
