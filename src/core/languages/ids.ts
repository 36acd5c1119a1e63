// The ids of every sandbox language, in the registry's order. Every per-language table (registry entries,
// analysis tools, syntax-tree node kinds, test programs) is a Record over this union, so a language that
// is added here and missing from a table is a type error rather than a crash at run time.
export const LANGUAGE_IDS = [
  'python',
  'javascript',
  'typescript',
  'c',
  'cpp',
  'java',
  'go',
  'rust',
  'ruby',
  'bash',
  'php',
  'lua',
  'perl',
  'csharp',
] as const;

export type LanguageId = (typeof LANGUAGE_IDS)[number];
