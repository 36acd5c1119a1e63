/**
 * The checker on public gold solutions (must not flag correct steps) and on injected computation errors
 * (must catch them). Rates are measured on the whole GSM8K and MATH-500 test sets with a fixed seed.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { checkGold, gsm8kSolutions, injectErrors, math500Solutions, type GoldReport, type GoldSolution } from './checker-evaluation';
import { needs } from '../../support/tiers';

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

  it('flags at most 0.5% of GSM8K gold steps, and only known errors of the data set', () => {
    const rate = gsm8kReport.contradicted.length / gsm8kReport.steps;
    console.log(`GSM8K: ${gsm8kReport.steps} steps, ${gsm8kReport.verified} verified (${((100 * gsm8kReport.verified) / gsm8kReport.steps).toFixed(1)}%), ${gsm8kReport.contradicted.length} contradicted`);
    assert.ok(rate <= 0.005, `false-alarm rate ${rate}`);
    // The two steps whose text is wrong in the data set itself: "364 / 4 = 273" and "$32 - $20 = $300".
    assert.deepEqual(gsm8kReport.contradicted.map((c) => `${c.id} step ${c.stepIndex}`), ['gsm8k#501 step 2', 'gsm8k#1024 step 3']);
  });

  it('verifies most GSM8K steps', () => {
    assert.ok(gsm8kReport.verified / gsm8kReport.steps >= 0.9, `verified share ${gsm8kReport.verified / gsm8kReport.steps}`);
  });

  it('flags at most 1% of MATH-500 gold steps', () => {
    const rate = math500Report.contradicted.length / math500Report.steps;
    console.log(`MATH-500: ${math500Report.steps} steps, ${math500Report.verified} verified (${((100 * math500Report.verified) / math500Report.steps).toFixed(1)}%), ${math500Report.contradicted.length} contradicted`);
    assert.ok(rate <= 0.01, `false-alarm rate ${rate}: ${JSON.stringify(math500Report.contradicted)}`);
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
