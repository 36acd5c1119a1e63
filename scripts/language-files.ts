// Files derived from the language registry: package.json's language lists (activation events, language
// contributions, menu `when` clauses, setting enums) and the shared stages of every sandbox Dockerfile.
// `npm run sync-languages` writes them; test/core/languages/derived-files.test.ts fails with the lines to
// change when one is out of step. Pure functions: text in, text out.
import { LANGUAGES } from '../src/core/languages/registry';
import type { LanguageSpec } from '../src/core/languages/types';

/** Editor languages that activate the extension for something other than a sandbox run (math critique). */
const OTHER_ACTIVATION_LANGUAGES = ['markdown'];
/** Buffers without a language run too: their language is identified from the content. */
const UNNAMED_BUFFER_LANGUAGE = 'plaintext';

type Json = Record<string, unknown>;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

export function editorLanguageIds(languages: readonly LanguageSpec[] = LANGUAGES): string[] {
  return unique(languages.flatMap((l) => l.vscodeLanguageIds));
}

function activationEvents(current: string[], languages: readonly LanguageSpec[]): string[] {
  const generated = editorLanguageIds(languages).map((id) => `onLanguage:${id}`);
  const isLanguageEvent = (e: string) => e.startsWith('onLanguage:') && !OTHER_ACTIVATION_LANGUAGES.includes(e.slice('onLanguage:'.length));
  const first = current.findIndex(isLanguageEvent);
  const kept = current.filter((e) => !isLanguageEvent(e));
  const at = first < 0 ? kept.length : current.slice(0, first).filter((e) => !isLanguageEvent(e)).length;
  return [...kept.slice(0, at), ...generated, ...kept.slice(at)];
}

/** `contributes.languages` entries for the editor languages VS Code does not know without an extension. */
function languageContributions(current: Json[], languages: readonly LanguageSpec[]): Json[] {
  const ours = languages.filter((l) => l.contributesVscodeLanguage);
  const ourIds = new Set(ours.map((l) => l.vscodeLanguageIds[0]));
  const others = current.filter((c) => !ourIds.has(String(c.id)) && !LANGUAGES.some((l) => l.vscodeLanguageIds[0] === c.id));
  return [
    ...others,
    ...ours.map((l) => ({
      id: l.vscodeLanguageIds[0],
      aliases: [l.displayName, ...l.aliases.filter((a) => a !== l.vscodeLanguageIds[0])].slice(0, 3),
      extensions: l.extensions,
      ...(l.interpreters.length ? { firstLine: `^#!.*\\b(?:${l.interpreters.map(escapeRegex).join('|')})\\b` } : {}),
    })),
  ];
}

function whenClause(when: string, languages: readonly LanguageSpec[]): string {
  const editor = `editorLangId =~ /^(${[...editorLanguageIds(languages), UNNAMED_BUFFER_LANGUAGE].map(escapeRegex).join('|')})$/`;
  const extensions = unique(languages.flatMap((l) => l.extensions.map((e) => e.slice(1))));
  const resource = `resourceExtname =~ /^\\.(${extensions.map(escapeRegex).join('|')})$/`;
  return when
    .replace(/editorLangId =~ \/\^\((?:[^)]*\|)?plaintext(?:\|[^)]*)?\)\$\//, editor)
    .replace(/resourceExtname =~ \/\^\\\.\([^/]*\)\$\//, resource);
}

/** package.json with every language list derived from the registry; everything else as it was. */
export function deriveManifest(pkg: Json, languages: readonly LanguageSpec[] = LANGUAGES): Json {
  const out = structuredClone(pkg) as Json & {
    activationEvents: string[];
    contributes: { languages?: Json[]; menus: Record<string, { when?: string }[]>; configuration: { properties: Record<string, Json> } };
  };
  const ids = languages.map((l) => l.id);
  out.activationEvents = activationEvents(out.activationEvents, languages);
  const contributed = languageContributions(out.contributes.languages ?? [], languages);
  if (contributed.length) out.contributes.languages = contributed;
  else delete out.contributes.languages;
  for (const entries of Object.values(out.contributes.menus)) {
    for (const entry of entries) if (entry.when) entry.when = whenClause(entry.when, languages);
  }
  const props = out.contributes.configuration.properties;
  const images = props['mplsandbox.sandbox.images'] as { propertyNames: { enum: string[] } };
  images.propertyNames.enum = ids;
  const enabled = props['mplsandbox.sandbox.enabledLanguages'] as { default: string[]; items: { enum: string[] } };
  enabled.default = ids;
  enabled.items.enum = ids;
  return out;
}

/** The sandbox Dockerfile with its shared stages (agent build, sandbox user and entrypoint) as given. */
export function deriveDockerfile(dockerfile: string, stages: { agent: string; sandboxUser: string }): string {
  const agentEnd = dockerfile.indexOf('# ---- end of agent stage\n');
  const body = agentEnd >= 0 ? dockerfile.slice(agentEnd + '# ---- end of agent stage\n'.length) : dockerfile;
  const tailStart = body.indexOf('COPY common/setup-user.sh');
  const own = (tailStart >= 0 ? body.slice(0, tailStart) : body).replace(/\n*$/, '\n');
  return `${stages.agent}${own.startsWith('\n') ? '' : '\n'}${own}${stages.sandboxUser}`;
}

/** A line diff of `actual` against `expected` (1-based line numbers of `actual`), for test failures. */
export function lineDiff(actual: string, expected: string, name: string): string {
  const a = actual.split('\n');
  const b = expected.split('\n');
  // Longest common subsequence over lines; the files are small (hundreds of lines).
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push(`${name}:${i + 1}: - ${a[i++]}`);
    } else {
      out.push(`${name}:${i + 1}: + ${b[j++]}`);
    }
  }
  return out.join('\n');
}
