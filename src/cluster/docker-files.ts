// Reading and writing files inside containers through the engine's archive API (no docker exec or cp).
import type Dockerode from 'dockerode';
import { extract, pack } from 'tar-stream';

export interface FileToPut {
  /** Absolute path inside the container. */
  path: string;
  content: string | Buffer;
  mode?: number;
}

/** Writes files into a container (created or running); their folders are created as needed. */
export async function putFiles(container: Dockerode.Container, files: FileToPut[]): Promise<void> {
  const tar = pack();
  const dirs = new Set<string>();
  for (const f of files) {
    const parts = f.path.replace(/^\/+/, '').split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  for (const d of [...dirs].sort()) tar.entry({ name: `${d}/`, type: 'directory', mode: 0o755 });
  for (const f of files) tar.entry({ name: f.path.replace(/^\/+/, ''), mode: f.mode ?? 0o644 }, Buffer.from(f.content));
  tar.finalize();
  await container.putArchive(tar as unknown as NodeJS.ReadableStream, { path: '/' });
}

/** The text of one file in a container, or null when it does not exist. */
export async function readFileIn(container: Dockerode.Container, path: string): Promise<string | null> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await container.getArchive({ path });
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
  const ex = extract();
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    ex.on('entry', (_header, entry, next) => {
      entry.on('data', (c: unknown) => chunks.push(c as Buffer));
      entry.on('end', next);
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
    stream.pipe(ex);
  });
  return Buffer.concat(chunks).toString('utf8');
}
