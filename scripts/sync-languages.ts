// Writes the files derived from the language registry (see language-files.ts): package.json's language lists
// and the shared stages of every sandbox Dockerfile. `npm run sync-languages` after adding a language.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../src/core/languages/registry';
import { deriveDockerfile, deriveManifest } from './language-files';

const root = join(import.meta.dirname, '..');

export function readStages(imagesDir = join(root, 'sandbox-images')) {
  return {
    agent: readFileSync(join(imagesDir, 'stages', 'agent.Dockerfile'), 'utf8'),
    sandboxUser: readFileSync(join(imagesDir, 'stages', 'sandbox-user.Dockerfile'), 'utf8'),
  };
}

function writeIfChanged(file: string, text: string) {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (before === text) return;
  writeFileSync(file, text);
  console.log(`updated ${file.slice(root.length + 1)}`);
}

if (import.meta.filename === process.argv[1]) {
  const pkgFile = join(root, 'package.json');
  writeIfChanged(pkgFile, `${JSON.stringify(deriveManifest(JSON.parse(readFileSync(pkgFile, 'utf8'))), null, 2)}\n`);
  const stages = readStages();
  for (const image of new Set(LANGUAGES.map((l) => l.image))) {
    const file = join(root, 'sandbox-images', image, 'Dockerfile');
    if (!existsSync(file)) {
      console.error(`sandbox-images/${image}/Dockerfile is missing: write the language's own install steps there, then run this again`);
      process.exitCode = 1;
      continue;
    }
    writeIfChanged(file, deriveDockerfile(readFileSync(file, 'utf8'), stages));
  }
}
