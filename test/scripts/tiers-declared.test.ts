// Every node:test file that reaches a Docker engine or the shared corpora declares it with needs()
// (test/support/tiers.ts), so that `npm test -- --unit` never needs either: a file that forgets fails here
// on every machine, not only on one without Docker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const DOCKER = /new SandboxEngine\(|connectDocker\(|openEngine\(|createSandboxContainer\(|startServer\(/;
const CORPORA = /support\/corpora'|mathcritique-corpus|langid-corpus|shared\/corpora/;

function testFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) testFiles(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

test('test files that use Docker or the corpora declare it with needs()', () => {
  const undeclared: string[] = [];
  for (const file of testFiles(join(root, 'test'))) {
    const rel = relative(root, file);
    if (rel.startsWith('test/extension/') || rel === 'test/scripts/tiers-declared.test.ts') continue; // extension tests run in VS Code
    const text = readFileSync(file, 'utf8');
    if (DOCKER.test(text) && !/needs\([^)]*'(docker|cluster)'/.test(text)) undeclared.push(`${rel}: uses Docker without needs('docker')`);
    if (CORPORA.test(text) && !/needs\([^)]*'corpora'/.test(text)) undeclared.push(`${rel}: reads the corpora without needs('corpora')`);
  }
  assert.deepEqual(undeclared, []);
});
