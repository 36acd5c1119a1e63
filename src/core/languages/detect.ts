// Automatic language identification for a piece of code: an explicit choice wins, then what the editor
// says, then the file name, then the shebang, and only then the content itself.
import { MplSandboxError } from '../errors';
import { rankByContent } from './detect-content';
import { languageFromShebang } from './detect-shebang';
import { findLanguage, getLanguage, languageForExtension, languageForVscodeId, supportedLanguageList } from './registry';
import type { LanguageId, LanguageSpec } from './types';

export interface IdentifyInput {
  code: string;
  fileName?: string;
  /** The editor's languageId (`python`, `cpp`, …); `plaintext` and ids we do not support are ignored. */
  languageIdHint?: string;
  /** A language id or alias chosen by the user; `auto` (or empty) means "detect". */
  explicit?: string;
}

export type IdentifyMethod = 'explicit' | 'languageId' | 'extension' | 'shebang' | 'content';

export interface Identification {
  language: LanguageSpec;
  /** 1 for the explicit, editor, file-name and shebang steps; the content ranking's probability otherwise. */
  confidence: number;
  method: IdentifyMethod;
  /** Best first. A single entry unless the content step decided. */
  candidates: { id: LanguageId; score: number }[];
}

/** How many content candidates are reported. */
const CONTENT_CANDIDATES = 5;

export class LanguageIdentificationError extends MplSandboxError {
  constructor(reason: string) {
    super('language-unidentified', `${reason}. Supported languages: ${supportedLanguageList()}.`);
  }
}

function decided(language: LanguageSpec, method: IdentifyMethod): Identification {
  return { language, confidence: 1, method, candidates: [{ id: language.id, score: 1 }] };
}

function fromHints(input: IdentifyInput): Identification | undefined {
  const explicit = input.explicit?.trim();
  if (explicit && explicit.toLowerCase() !== 'auto') {
    const language = findLanguage(explicit);
    if (!language) throw new LanguageIdentificationError(`Unknown language "${explicit}"`);
    return decided(language, 'explicit');
  }
  const byEditor = input.languageIdHint ? languageForVscodeId(input.languageIdHint) : undefined;
  if (byEditor) return decided(byEditor, 'languageId');
  const byExtension = input.fileName ? languageForExtension(input.fileName) : undefined;
  if (byExtension) return decided(byExtension, 'extension');
  const byShebang = languageFromShebang(input.code);
  if (byShebang) return decided(byShebang, 'shebang');
  return undefined;
}

export async function identifyLanguage(input: IdentifyInput): Promise<Identification> {
  const hinted = fromHints(input);
  if (hinted) return hinted;
  if (input.code.trim().length === 0) {
    throw new LanguageIdentificationError('Cannot identify the language of empty code; choose a language explicitly');
  }
  const content = await rankByContent(input.code);
  if (!content.hasEvidence) {
    throw new LanguageIdentificationError('The code does not look like any supported language; choose a language explicitly');
  }
  const best = content.ranking[0];
  return {
    language: getLanguage(best.id),
    confidence: best.score,
    method: 'content',
    candidates: content.ranking.slice(0, CONTENT_CANDIDATES),
  };
}
