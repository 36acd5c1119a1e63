// Which language a request means: an id or alias, or `auto` — identified from the editor's
// languageId, the file name, a shebang, or the code itself (languages/detect.ts).
import { MplSandboxError } from '../errors';
import { identifyLanguage } from '../languages/detect';
import { findLanguage, languageForExtension, languageForVscodeId, supportedLanguageList } from '../languages/registry';
import type { LanguageSpec } from '../languages/types';
import type { RunRequest } from './types';

export class UnknownLanguageError extends MplSandboxError {
  constructor(message: string) {
    super('unknown-language', message);
  }
}

/**
 * Without looking at the code: an id or alias, or for `auto` the file name's extension or the
 * editor's languageId. Throws UnknownLanguageError.
 */
export function resolveLanguage(req: Pick<RunRequest, 'language' | 'code' | 'fileName' | 'languageIdHint'>): LanguageSpec {
  const name = (req.language ?? '').trim();
  if (name && name.toLowerCase() !== 'auto') {
    const lang = findLanguage(name);
    if (!lang) throw new UnknownLanguageError(`unknown language '${name}': use one of ${supportedLanguageList()} (or an alias), or auto`);
    return lang;
  }
  const lang =
    (req.fileName ? languageForExtension(req.fileName) : undefined) ?? (req.languageIdHint ? languageForVscodeId(req.languageIdHint) : undefined);
  if (!lang) {
    throw new UnknownLanguageError(
      `could not identify the language${req.fileName ? ` of ${req.fileName}` : ''}: name it (one of ${supportedLanguageList()})`,
    );
  }
  return lang;
}

/**
 * Like resolveLanguage, and for `auto` without a usable file name or languageId also a shebang or the
 * code itself. Throws LanguageIdentificationError (its message lists the supported languages).
 */
export async function identifyRequestLanguage(req: Pick<RunRequest, 'language' | 'code' | 'fileName' | 'languageIdHint'>): Promise<LanguageSpec> {
  const identified = await identifyLanguage({ code: req.code, fileName: req.fileName, languageIdHint: req.languageIdHint, explicit: req.language });
  return identified.language;
}
