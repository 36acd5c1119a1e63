/**
 * Process-verification benchmark on a ProcessBench-format file built from GSM8K (annotations removed, one
 * written result changed in every other solution): the scores `mplsandbox eval steps` prints, for the
 * symbolic checker (and the sandbox checks with --sandbox once Docker is up).
 * Run: node --import tsx bench/eval-steps.ts [solutions, default 1000] [seed] [--write FILE.jsonl]
 * With --write the file is kept, so that `mplsandbox eval steps FILE.jsonl` can score a critic model on it.
 */
import { writeFileSync } from 'node:fs';
import { readStepDataset } from '../src/core/critique/step-eval/dataset';
import { evaluateSteps } from '../src/core/critique/step-eval/evaluate';
import { renderStepEvalText, stepEvalReport } from '../src/core/critique/step-eval/report';
import { gsm8kStepBenchmark } from '../test/core/critique/checker-evaluation';

const args = process.argv.slice(2);
const writeAt = args.indexOf('--write');
const output = writeAt >= 0 ? args.splice(writeAt, 2)[1] : undefined;
const count = Number(args[0] ?? 1000);
const seed = Number(args[1] ?? 20240611);

const jsonl = gsm8kStepBenchmark(count, seed).map((r) => JSON.stringify(r)).join('\n') + '\n';
if (output) writeFileSync(output, jsonl);
const { solutions, skipped } = readStepDataset(jsonl);
void evaluateSteps(solutions).then((result) => {
  console.log(renderStepEvalText(stepEvalReport(output ?? `GSM8K-derived (seed ${seed})`, solutions, skipped, result, {})));
});
