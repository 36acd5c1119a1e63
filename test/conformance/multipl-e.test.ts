// MultiPL-E conformance: every problem of every supported language runs through the engine (two at a
// time), none may end in SandboxError, the canonical Python solutions must all pass, and the pass count
// of each language must match the committed baseline (the model-written solutions are partly wrong,
// so the counts are below the totals; a change of toolchain, command or adapter that moves a count
// shows up here). MPLSANDBOX_UPDATE_BASELINE=1 rewrites the baseline; MPLSANDBOX_CONFORMANCE_LANGS=go,rust
// runs only some languages.
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

interface LanguageOutcome {
  total: number;
  passed: number;
  verdicts: Record<string, number>;
  seconds: number;
}

type Baseline = Record<string, { total: number; passed: number }>;

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
      const programs = programsOf(lang.id, lang.multiplE!);
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
      const outcome = { total: programs.length, passed: verdicts.Accepted ?? 0, verdicts, seconds: (Date.now() - t0) / 1000 };
      outcomes[lang.id] = outcome;
      console.log(`multipl-e ${lang.id.padEnd(10)} ${String(outcome.passed).padStart(3)}/${outcome.total} passed in ${outcome.seconds.toFixed(1)} s  ${JSON.stringify(verdicts)}${timedOut.length ? `  (${timedOut.length} timed out and ran again alone)` : ''}`);
      assert.deepEqual(sandboxErrors.filter((e) => e.startsWith(`${lang.id}/`)), []);
      if (lang.id === 'python') assert.equal(outcome.passed, outcome.total, 'every canonical HumanEval solution passes');
    });
  }

  it('pass counts match the committed baseline', () => {
    const ran = Object.keys(outcomes);
    assert.ok(ran.length > 0, 'no language ran');
    const current: Baseline = Object.fromEntries(ran.map((id) => [id, { total: outcomes[id].total, passed: outcomes[id].passed }]));
    const baseline = committedBaseline();
    if (process.env.MPLSANDBOX_UPDATE_BASELINE === '1') {
      writeFileSync(BASELINE_FILE, `${JSON.stringify({ ...baseline, ...current }, null, 2)}\n`);
      return;
    }
    const diff = ran
      .filter((id) => baseline[id]?.passed !== current[id].passed || baseline[id]?.total !== current[id].total)
      .map((id) => `${id}: baseline ${baseline[id] ? `${baseline[id].passed}/${baseline[id].total}` : '(none)'}, now ${current[id].passed}/${current[id].total}`);
    assert.deepEqual(diff, [], `pass counts moved (run with MPLSANDBOX_UPDATE_BASELINE=1 to accept):\n${diff.join('\n')}`);
  });
});
