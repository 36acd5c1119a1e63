// Removes sandbox containers that a crashed or killed process left behind. Front ends call it at
// start-up. Containers normally remove themselves (AutoRemove once their attach connection closes),
// so this catches what that cannot: an engine restart, a container stuck before its agent started, …
import type Dockerode from 'dockerode';
import { CREATED_LABEL, MANAGED_LABEL, OWNER_LABEL, currentOwner, parseOwner, type ContainerOwner } from './container-labels';

export interface OrphanCleanupOptions {
  /** Also remove containers older than this whatever their owner (owners on other hosts cannot be checked). */
  olderThanMs?: number;
  /** Whether the owning process still runs; by default: same host and `kill(pid, 0)` succeeds, other hosts are assumed alive. */
  ownerAlive?: (owner: ContainerOwner) => boolean;
}

export function localOwnerAlive(owner: ContainerOwner): boolean {
  if (owner.hostname !== currentOwner().hostname) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes our orphaned containers; returns the ids it removed. */
export async function removeOrphanContainers(docker: Dockerode, opts: OrphanCleanupOptions = {}): Promise<string[]> {
  const ownerAlive = opts.ownerAlive ?? localOwnerAlive;
  const containers = await docker.listContainers({ all: true, filters: { label: [`${MANAGED_LABEL}=true`] } });
  const removed: string[] = [];
  for (const info of containers) {
    const owner = parseOwner(info.Labels?.[OWNER_LABEL]);
    const created = Number(info.Labels?.[CREATED_LABEL]) || info.Created * 1000;
    const tooOld = opts.olderThanMs !== undefined && Date.now() - created > opts.olderThanMs;
    if (owner && ownerAlive(owner) && !tooOld) continue;
    try {
      await docker.getContainer(info.Id).remove({ force: true });
      removed.push(info.Id);
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 409) throw err;
    }
  }
  return removed;
}
