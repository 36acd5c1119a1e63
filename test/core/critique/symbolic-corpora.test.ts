/**
 * The checker on public gold solutions (must not flag correct steps) and on injected computation errors
 * (must catch them). Rates are measured on the whole GSM8K and MATH-500 test sets with a fixed seed.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { needs } from '../../support/tiers';
import { checkGold, gsm8kNotes, gsm8kSolutions, injectErrors, injectIntoNotes, math500Solutions, type GoldReport, type GoldSolution } from './checker-evaluation';

/**
 * Steps whose visible text is wrong in GSM8K itself: "364 / 4 = 273"; ".7x = 0.42" (4.2) before "x = 6";
 * "(x + 1)" for Paul's x + 10 before "4x + 20 = 100"; "$32 - $20 = $300". Anything else flagged is a false alarm.
 */
const GSM8K_TEXT_ERRORS = ['#501 step 2', '#802 step 5', '#931 step 3', '#1024 step 3'];

const INJECTION_SEED = 20240611;

describe('symbolic checker on public corpora', needs('corpora'), () => {
  let gsm8k: GoldSolution[];
  let math500: GoldSolution[];
  let gsm8kReport: GoldReport;
  let math500Report: GoldReport;

  before(() => {
    gsm8k = gsm8kSolutions();
    math500 = math500Solutions();
    gsm8kReport = checkGold(gsm8k);
    math500Report = checkGold(math500);
  });

  it('raises no false alarm on GSM8K gold steps: it flags only the known errors of the data set', () => {
    console.log(`GSM8K: ${gsm8kReport.steps} steps, ${gsm8kReport.verified} verified (${((100 * gsm8kReport.verified) / gsm8kReport.steps).toFixed(1)}%), ${gsm8kReport.contradicted.length} contradicted`);
    assert.deepEqual(gsm8kReport.contradicted.map((c) => `${c.id} step ${c.stepIndex}`), GSM8K_TEXT_ERRORS.map((e) => `gsm8k${e}`));
  });

  it('raises no false alarm on GSM8K written as notes (annotations removed) and verifies most of their steps', () => {
    const notes = checkGold(gsm8kNotes());
    console.log(`GSM8K notes: ${notes.steps} steps, ${notes.verified} verified (${((100 * notes.verified) / notes.steps).toFixed(1)}%), ${notes.contradicted.length} contradicted`);
    assert.deepEqual(notes.contradicted.map((c) => `${c.id} step ${c.stepIndex}`), GSM8K_TEXT_ERRORS.map((e) => `gsm8k-notes${e}`));
    assert.ok(notes.verified / notes.steps >= 0.9, `verified share ${notes.verified / notes.steps}`);
  });

  it('catches at least 98% of results changed in the computations of GSM8K-style notes', () => {
    const injections = injectIntoNotes(1000, INJECTION_SEED);
    assert.equal(injections.length, 1000);
    const missed = injections.filter((i) => !i.detected);
    console.log(`GSM8K notes, one written result changed: ${injections.length - missed.length}/${injections.length} caught`);
    assert.ok(missed.length <= 20, `missed ${missed.length}: ${missed.slice(0, 5).map((m) => m.mutated).join(' | ')}`);
  });

  it('verifies most GSM8K steps', () => {
    assert.ok(gsm8kReport.verified / gsm8kReport.steps >= 0.9, `verified share ${gsm8kReport.verified / gsm8kReport.steps}`);
  });

  it('flags at most 0.5% of MATH-500 gold steps', () => {
    const rate = math500Report.contradicted.length / math500Report.steps;
    console.log(`MATH-500: ${math500Report.steps} steps, ${math500Report.verified} verified (${((100 * math500Report.verified) / math500Report.steps).toFixed(1)}%), ${math500Report.contradicted.length} contradicted`);
    assert.ok(rate <= 0.005, `false-alarm rate ${rate}: ${JSON.stringify(math500Report.contradicted)}`);
    assert.ok(math500Report.verified / math500Report.steps >= 0.25, `verified share ${math500Report.verified / math500Report.steps}`);
  });

  it('catches at least 95% of computation errors injected into verified steps', () => {
    const injections = [...injectErrors(gsm8k, 300, INJECTION_SEED), ...injectErrors(math500, 200, INJECTION_SEED)];
    assert.equal(injections.length, 500);
    const detected = injections.filter((i) => i.detected).length;
    console.log(`injected errors: ${detected}/${injections.length} detected`);
    assert.ok(detected / injections.length >= 0.95, `detection rate ${detected / injections.length}`);
  });
});
