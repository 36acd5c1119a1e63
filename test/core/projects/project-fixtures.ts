// Writes a project tree into a fresh temporary folder: { 'a/b.py': 'text', 'dir/': null } .
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function makeTree(files: Record<string, string | Buffer | null>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'mplsandbox-project-'));
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    if (content === null) {
      mkdirSync(abs, { recursive: true });
      continue;
    }
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
