// Benchmark P5: top-1 language identification on the MultiPL-E solutions (code only, no file name, no
// editor language id), ours against the guesslang model alone.
//   node --import tsx bench/langid.ts [--misses] [--per-language N]
import { identifyLanguage, type IdentifyMethod } from '../src/core/languages/detect';
import { runGuesslang } from '../src/core/languages/guesslang-model';
import type { LanguageId } from '../src/core/languages/types';
import { corpusAvailable, loadLangIdCorpus, MULTIPLE_DIRECTORY, sampleCorpus } from '../test/support/langid-corpus';

interface Tally {
  total: number;
  ours: number;
  guesslangTop1: number;
  guesslangOurs: number;
  /** Ours on the code with its shebang line removed, so that the content step has to decide. */
  contentOnly: number;
}

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const perLanguageArg = args.indexOf('--per-language');
const perLanguage = perLanguageArg >= 0 ? Number(args[perLanguageArg + 1]) : Infinity;

const percent = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

async function main(): Promise<void> {
  if (!corpusAvailable()) throw new Error(`MultiPL-E corpus not found at ${MULTIPLE_DIRECTORY}`);
  const full = loadLangIdCorpus();
  const corpus = Number.isFinite(perLanguage) ? sampleCorpus(full, perLanguage, 1) : full;
  const tallies = new Map<LanguageId, Tally>();
  const methods = new Map<IdentifyMethod, number>();
  const misses: string[] = [];
  let oursMs = 0;
  let modelMs = 0;
  // The first call loads the model; time it apart from the steady state.
  const loadStart = performance.now();
  await runGuesslang('int main() { return 0; } // warm-up');
  const loadMs = performance.now() - loadStart;

  for (const snippet of corpus) {
    const tally = tallies.get(snippet.language) ?? { total: 0, ours: 0, guesslangTop1: 0, guesslangOurs: 0, contentOnly: 0 };
    tallies.set(snippet.language, tally);
    tally.total++;

    let t = performance.now();
    const ours = await identifyLanguage({ code: snippet.code }).catch((err: unknown) => err as Error);
    oursMs += performance.now() - t;
    t = performance.now();
    const model = await runGuesslang(snippet.code);
    modelMs += performance.now() - t;

    const oursId = ours instanceof Error ? `error: ${ours.message.slice(0, 60)}` : ours.language.id;
    if (!(ours instanceof Error)) methods.set(ours.method, (methods.get(ours.method) ?? 0) + 1);
    if (oursId === snippet.language) tally.ours++;
    else if (showMisses) {
      const top = ours instanceof Error ? '' : ours.candidates.map((c) => `${c.id}:${c.score.toFixed(2)}`).join(' ');
      misses.push(`${snippet.name}: got ${oursId} (${top}); guesslang ${model.slice(0, 3).map((r) => r.label).join(',')}`);
    }
    const withoutShebang = snippet.code.replace(/^#![^\n]*\n/, '');
    const contentOnly = withoutShebang === snippet.code ? ours : await identifyLanguage({ code: withoutShebang }).catch((err: unknown) => err as Error);
    if (!(contentOnly instanceof Error) && contentOnly.language.id === snippet.language) tally.contentOnly++;
    if (model[0]?.language === snippet.language) tally.guesslangTop1++;
    if (model.find((r) => r.language !== undefined)?.language === snippet.language) tally.guesslangOurs++;
  }

  console.log(`Language identification on ${corpus.length} MultiPL-E snippets (${MULTIPLE_DIRECTORY})`);
  console.log('language     n    ours   ours (no shebang)   guesslang top-1   guesslang among ours');
  const sum: Tally = { total: 0, ours: 0, guesslangTop1: 0, guesslangOurs: 0, contentOnly: 0 };
  const row = (name: string, t: Tally) =>
    `${name.padEnd(11)} ${String(t.total).padStart(4)}  ${percent(t.ours, t.total)}   ${percent(t.contentOnly, t.total)}             ${percent(t.guesslangTop1, t.total)}            ${percent(t.guesslangOurs, t.total)}`;
  for (const [id, t] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(row(id, t));
    sum.total += t.total;
    sum.ours += t.ours;
    sum.guesslangTop1 += t.guesslangTop1;
    sum.guesslangOurs += t.guesslangOurs;
    sum.contentOnly += t.contentOnly;
  }
  console.log(row('overall', sum));
  console.log(`decided by: ${[...methods].map(([m, n]) => `${m} ${n}`).join(', ')}`);
  console.log(
    `time: model load ${loadMs.toFixed(0)} ms; per identification ${(oursMs / corpus.length).toFixed(1)} ms (guesslang alone ${(modelMs / corpus.length).toFixed(1)} ms)`,
  );
  if (showMisses) for (const m of misses) console.log(`  miss ${m}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
