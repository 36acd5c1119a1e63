// The guesslang model that VS Code uses for language detection (@vscode/vscode-languagedetection), loaded
// lazily from disk on first use and shared afterwards.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ModelOperations } from '@vscode/vscode-languagedetection';
import { LANGUAGES } from './registry';
import type { LanguageId } from './types';

/** guesslang's labels for the languages we support (Perl is `pm`), from the registry; its other labels (swift, md, …) map to none. */
export const GUESSLANG_LABELS: ReadonlyMap<string, LanguageId> = new Map(LANGUAGES.flatMap((l) => (l.guesslang ? [[l.guesslang, l.id] as const] : [])));

export interface GuesslangResult {
  /** guesslang's own label (`cpp`, `md`, `scala`, …). */
  label: string;
  /** Our language for that label, when we support it. */
  language?: LanguageId;
  confidence: number;
}

const MODEL_JSON = 'model.json';
const MODEL_WEIGHTS = 'group1-shard1of1.bin';

/**
 * Finds the model folder: `dist/assets/languagedetection/` next to the bundle (esbuild.mjs copies it there),
 * or the package's own `model/` folder when running from the sources or tests.
 */
export function findGuesslangModelDir(start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidates = [
      join(dir, 'assets', 'languagedetection'),
      join(dir, 'dist', 'assets', 'languagedetection'),
      join(dir, 'node_modules', '@vscode', 'vscode-languagedetection', 'model'),
    ];
    const found = candidates.find((c) => existsSync(join(c, MODEL_JSON)) && existsSync(join(c, MODEL_WEIGHTS)));
    if (found) return found;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`guesslang model (${MODEL_JSON}, ${MODEL_WEIGHTS}) not found above ${start}`);
}

type LanguageDetectionModule = typeof import('@vscode/vscode-languagedetection');
type LanguageDetectionPackage = Partial<LanguageDetectionModule> & { default?: Partial<LanguageDetectionModule> };

let modelPromise: Promise<ModelOperations> | undefined;

async function loadModel(): Promise<ModelOperations> {
  const modelDir = findGuesslangModelDir();
  // Imported here, not at the top: the package pulls in TensorFlow.js, which only content detection needs.
  // The package is a webpack CommonJS bundle: Node's ESM loader sees only its `default` export.
  const pkg = (await import('@vscode/vscode-languagedetection')) as LanguageDetectionPackage;
  const ModelOperations = pkg.ModelOperations ?? pkg.default?.ModelOperations;
  if (!ModelOperations) throw new Error('@vscode/vscode-languagedetection exports no ModelOperations');
  return new ModelOperations({
    modelJsonLoaderFunc: async () => JSON.parse(await readFile(join(modelDir, MODEL_JSON), 'utf8')) as Record<string, unknown>,
    weightsLoaderFunc: async () => {
      const bytes = await readFile(join(modelDir, MODEL_WEIGHTS));
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  });
}

/**
 * The model's ranking of all its labels, best first; empty for code shorter than the model's minimum (20
 * characters). The model is loaded on the first call; a failed load is retried on the next call.
 */
export async function runGuesslang(code: string): Promise<GuesslangResult[]> {
  modelPromise ??= loadModel().catch((err: unknown) => {
    modelPromise = undefined;
    throw err;
  });
  const model = await modelPromise;
  const results = await model.runModel(code);
  return results.map((r) => ({ label: r.languageId, language: GUESSLANG_LABELS.get(r.languageId), confidence: r.confidence }));
}
