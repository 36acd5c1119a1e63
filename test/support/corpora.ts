/** Finds the shared public corpora (`../shared/corpora` next to the project root) and reads their JSONL files. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export const corporaDir = path.resolve(repoRoot, '..', 'shared', 'corpora');

export function corpusPath(relative: string): string {
  return path.join(corporaDir, relative);
}

export function hasCorpus(relative: string): boolean {
  return existsSync(corpusPath(relative));
}

export function readJsonl<T>(relative: string): T[] {
  return readFileSync(corpusPath(relative), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export interface Gsm8kRecord {
  question: string;
  answer: string;
}

export interface Math500Record {
  problem: string;
  solution: string;
  answer: string;
  unique_id: string;
}
