// MultiPL-E conformance: problems of every supported language run through the engine (two at a time),
// none may end in SandboxError, the canonical Python solutions must all pass, and each problem's outcome
// must match the committed baseline (the model-written solutions are partly wrong, so the baseline names
// the problems that fail; a change of toolchain, command or adapter that moves one shows up here, by name).
// The full run of `npm test` takes a fixed quarter of each corpus (every fourth problem): the whole sweep
// is ≈ 2,700 programs, most of the test time on two cores. MPLSANDBOX_CONFORMANCE=full runs every problem
// and also checks each language's totals; MPLSANDBOX_UPDATE_BASELINE=1 rewrites the baseline from what ran;
// MPLSANDBOX_CONFORMANCE_LANGS=go,rust runs only some languages.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LANGUAGES } from '../../src/core/languages/registry';
import type { LanguageId } from '../../src/core/languages/types';
import { SandboxEngine } from '../../src/core/sandbox/engine';
import type { RunResult } from '../../src/core/sandbox/types';
import { needs } from '../support/tiers';
import { buildProgram, buildPythonProgram, corpusFile, type HumanEvalProblem, type MultiplEProblem, readJsonl } from './multipl-e-adapters';

const BASELINE_FILE = join(__dirname, 'multipl-e-baseline.json');
const CONCURRENCY = 2;
/** Outside a full sweep, problem i of a corpus runs when i % SAMPLE_EVERY === 0. */
const SAMPLE_EVERY = 4;
const FULL = process.env.MPLSANDBOX_CONFORMANCE === 'full';

interface LanguageOutcome {
  /** Problems in the corpus, and the names of those that ran (all of them in a full sweep). */
  total: number;
  ran: string[];
  failing: string[];
  passed: number;
  verdicts: Record<string, number>;
  seconds: number;
}

/** Per language: the corpus size, how many pass, and the names of the problems that do not. */
type Baseline = Record<string, { total: number; passed: number; failing: string[] }>;

function committedBaseline(): Baseline {
  return existsSync(BASELINE_FILE) ? (JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline) : {};
}

/**
 * The languages to run: those named in MPLSANDBOX_CONFORMANCE_LANGS, else every language with a corpus and a
 * committed baseline. A language with a corpus but no baseline yet is listed as skipped, with the command that
 * measures it.
 */
function selectedLanguages() {
  const only = process.env.MPLSANDBOX_CONFORMANCE_LANGS?.split(',').map((s) => s.trim()).filter(Boolean);
  const baseline = committedBaseline();
  const withCorpus = LANGUAGES.filter((l) => l.multiplE);
  return {
    run: withCorpus.filter((l) => (only ? only.includes(l.id) : l.id in baseline)),
    unmeasured: only ? [] : withCorpus.filter((l) => !(l.id in baseline)),
  };
}

function programsOf(id: LanguageId, multiplE: string): { name: string; code: string }[] {
  if (id === 'python') return readJsonl<HumanEvalProblem>(corpusFile(multiplE)).map((p) => ({ name: p.task_id, code: buildPythonProgram(p) }));
  return readJsonl<MultiplEProblem>(corpusFile(multiplE)).map((p) => ({ name: p.name, code: buildProgram(id, p) }));
}

async function runAll<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

describe('MultiPL-E conformance', needs('docker', 'corpora'), () => {
  const engine = new SandboxEngine({ maxConcurrent: CONCURRENCY, poolSize: CONCURRENCY });
  after(() => engine.close());
  const outcomes: Record<string, LanguageOutcome> = {};
  const sandboxErrors: string[] = [];

  const selection = selectedLanguages();
  for (const lang of selection.unmeasured) {
    it(`${lang.id}: no baseline yet`, { skip: `measure it with MPLSANDBOX_CONFORMANCE_LANGS=${lang.id} MPLSANDBOX_UPDATE_BASELINE=1` }, () => {});
  }
  for (const lang of selection.run) {
    it(`${lang.id}: every problem runs without a sandbox error`, async () => {
      const file = corpusFile(lang.multiplE!);
      assert.ok(existsSync(file), `the corpus file ${file} is missing (see ../shared/corpora/README.md)`);
      await engine.ensureImage(lang);
      const corpus = programsOf(lang.id, lang.multiplE!);
      const programs = FULL ? corpus : corpus.filter((_, i) => i % SAMPLE_EVERY === 0);
      const t0 = Date.now();
      const results: RunResult[] = await runAll(programs, CONCURRENCY, (p) => engine.runCode({ code: p.code, language: lang.id }));
      // A time limit hit while other test files load the machine says little about the program: run those
      // once more, alone. A program that really loops (or a compiler that really hangs) times out again.
      const timedOut = results.map((r, i) => (r.compile?.timedOut || r.run?.timedOut ? i : -1)).filter((i) => i >= 0);
      for (const i of timedOut) results[i] = await engine.runCode({ code: programs[i].code, language: lang.id });
      const verdicts: Record<string, number> = {};
      results.forEach((r, i) => {
        verdicts[r.status] = (verdicts[r.status] ?? 0) + 1;
        if (r.status === 'SandboxError') sandboxErrors.push(`${lang.id}/${programs[i].name}: ${r.message}`);
      });
      const failing = programs.filter((_, i) => results[i].status !== 'Accepted').map((p) => p.name);
      const outcome = { total: corpus.length, ran: programs.map((p) => p.name), failing, passed: verdicts.Accepted ?? 0, verdicts, seconds: (Date.now() - t0) / 1000 };
      outcomes[lang.id] = outcome;
      console.log(`multipl-e ${lang.id.padEnd(10)} ${String(outcome.passed).padStart(3)}/${programs.length} passed${FULL ? '' : ` (every ${SAMPLE_EVERY}th of ${corpus.length})`} in ${outcome.seconds.toFixed(1)} s  ${JSON.stringify(verdicts)}${timedOut.length ? `  (${timedOut.length} timed out and ran again alone)` : ''}`);
      assert.deepEqual(sandboxErrors.filter((e) => e.startsWith(`${lang.id}/`)), []);
      if (lang.id === 'python') assert.equal(outcome.passed, programs.length, 'every canonical HumanEval solution passes');
    });
  }

  it('every problem that ran has its baseline outcome', () => {
    const ran = Object.keys(outcomes);
    assert.ok(ran.length > 0, 'no language ran');
    const baseline = committedBaseline();
    if (process.env.MPLSANDBOX_UPDATE_BASELINE === '1') {
      const updated = { ...baseline };
      for (const id of ran) {
        const o = outcomes[id];
        // A sample updates the problems it ran and keeps the others' recorded outcomes.
        const kept = (baseline[id]?.failing ?? []).filter((name) => !o.ran.includes(name));
        const failing = [...kept, ...o.failing].sort();
        updated[id] = { total: o.total, passed: o.total - failing.length, failing };
      }
      writeFileSync(BASELINE_FILE, `${JSON.stringify(updated, null, 2)}\n`);
      return;
    }
    const moved: string[] = [];
    for (const id of ran) {
      const o = outcomes[id];
      const b = baseline[id];
      if (!b) {
        moved.push(`${id}: no baseline`);
        continue;
      }
      if (b.total !== o.total) moved.push(`${id}: the corpus has ${o.total} problems, the baseline ${b.total}`);
      const wasFailing = new Set(b.failing);
      const nowFailing = new Set(o.failing);
      for (const name of o.ran) {
        if (wasFailing.has(name) && !nowFailing.has(name)) moved.push(`${id}/${name}: failed in the baseline, passes now`);
        if (!wasFailing.has(name) && nowFailing.has(name)) moved.push(`${id}/${name}: passed in the baseline, fails now`);
      }
      if (FULL && b.passed !== o.passed) moved.push(`${id}: baseline ${b.passed}/${b.total} passed, now ${o.passed}/${o.total}`);
    }
    assert.deepEqual(moved, [], `outcomes moved (run with MPLSANDBOX_UPDATE_BASELINE=1 to accept):\n${moved.join('\n')}`);
  });
});
