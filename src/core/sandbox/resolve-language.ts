// Which language a request means: an id or alias, or `auto` (identified from the file name, the
// editor's languageId hint, or the code itself).
import { findLanguage, languageForExtension, languageForVscodeId, supportedLanguageList } from '../languages/registry';
import type { LanguageSpec } from '../languages/types';
import type { RunRequest } from './types';

export class UnknownLanguageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownLanguageError';
  }
}

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
