// mplsandbox eval steps FILE.jsonl: how well the checkers and the critic find the earliest wrong step of
// labelled solutions (ProcessBench's or PRM800K's format), scored as ProcessBench scores.
import { readFile, writeFile } from 'node:fs/promises';
import type { CliCommand, CliIO } from '../cli-types';
import { EnvironmentError, UsageError } from '../cli-types';
import { parseCommandArgs } from '../input';
import { openEngine } from '../open-engine';
import { verifyInSandbox } from '../../core/critique/sandbox/verifier';
import { ChatClient } from '../../core/models/chat-client';
import { resolveModelRoles } from '../../core/models/config';
import { ModelCancelledError, ModelConfigError, isEndpointFailure } from '../../core/models/errors';
import { CRITIC_PROMPT_STYLES, type CriticPromptStyle } from '../../core/critique/processbench-prompt';
import { readStepDataset, StepDatasetError } from '../../core/critique/step-eval/dataset';
import { evaluateSteps } from '../../core/critique/step-eval/evaluate';
import { renderStepEvalText, stepEvalReport } from '../../core/critique/step-eval/report';

const USAGE = `Usage: mplsandbox eval steps FILE.jsonl [options]

Finds the earliest wrong step of every labelled solution in FILE and scores each checker as ProcessBench does:
accuracy on the solutions with an error (the exact step), accuracy on the correct ones (no step), and their
harmonic mean (F1). FILE holds ProcessBench records ({"problem", "steps": [...], "label": index or -1}) or
PRM800K records (human step ratings; the earliest step rated -1 is the label, give-ups are skipped).

Checkers: the symbolic checker always; with --sandbox the symbolic checker plus SymPy checks in the Python
sandbox; the model critic when one is configured (alone, without the checkers' evidence); and combined (the
earliest step any of them calls wrong).

Options:
  --json                  print one JSON object instead of the table
  --out FILE              write one JSON line per solution with every checker's prediction
  --prompt P              the critic's prompt: processbench (earliest wrong step in \\boxed{}, default) or
                          automathcritique (a verdict per step; the first Wrong one is the prediction)
  --limit N               only the first N solutions
  --concurrency N         model requests in flight (default 4)
  --sandbox               also check the steps the symbolic checker cannot read with SymPy in the sandbox (Docker)
  --no-model              do not use the critic even if one is configured
  --critic-base-url URL   OpenAI-compatible endpoint (env MPLSANDBOX_CRITIC_BASE_URL)
  --critic-model NAME     critic model (env MPLSANDBOX_CRITIC_MODEL)

Exit codes: 0 evaluated, 2 bad usage or unreadable data set, 3 model endpoint unreachable or failing.
`;

function positiveInt(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`${flag} takes a positive whole number, got '${raw}'`);
  return Number(raw);
}

async function runSteps(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    prompt: { type: 'string' },
    limit: { type: 'string' },
    concurrency: { type: 'string' },
    'no-model': { type: 'boolean', default: false },
    sandbox: { type: 'boolean', default: false },
    'critic-base-url': { type: 'string' },
    'critic-model': { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError(`expected one data set file, got ${positionals.length}. ${USAGE.split('\n')[0]}`);
  const file = positionals[0];
  const prompt = (values.prompt ?? 'processbench') as CriticPromptStyle;
  if (!CRITIC_PROMPT_STYLES.includes(prompt)) throw new UsageError(`--prompt is ${CRITIC_PROMPT_STYLES.join(' or ')}, got '${values.prompt}'`);
  const limit = positiveInt('--limit', values.limit);
  const concurrency = positiveInt('--concurrency', values.concurrency);

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let dataset;
  try {
    dataset = readStepDataset(text, file);
  } catch (err) {
    if (err instanceof StepDatasetError) throw new UsageError(err.message);
    throw err;
  }
  const solutions = limit ? dataset.solutions.slice(0, limit) : dataset.solutions;
  if (solutions.length === 0) throw new UsageError(`${file} has no labelled solutions`);

  let critic: ChatClient | undefined;
  if (!values['no-model']) {
    try {
      const roles = resolveModelRoles(io.env, { critic: { baseURL: values['critic-base-url'], model: values['critic-model'] } });
      if (roles.critic) critic = new ChatClient(roles.critic, { role: 'critic' });
    } catch (err) {
      if (err instanceof ModelConfigError) throw new UsageError(err.message);
      throw err;
    }
  }

  const engine = values.sandbox ? await openEngine(io) : undefined;
  let result;
  try {
    result = await evaluateSteps(solutions, {
      critic,
      ...(engine ? { sandbox: async (problem, findings, signal) => (await verifyInSandbox(engine, problem, findings, signal)).findings } : {}),
      prompt,
      concurrency,
      signal: io.signal,
      onSolution: critic && !values.json ? (done, total) => done % 25 === 0 && io.stderr.write(`${done}/${total} solutions\n`) : undefined,
    });
  } catch (err) {
    if (err instanceof ModelCancelledError || io.signal.aborted) throw new Error('cancelled');
    if (isEndpointFailure(err)) throw new EnvironmentError(err.message);
    throw err;
  } finally {
    await engine?.close();
  }
  if (values.out) {
    await writeFile(values.out, result.predictions.map((p) => JSON.stringify(p)).join('\n') + '\n', 'utf8');
  }
  const report = stepEvalReport(file, solutions, dataset.skipped, result, critic ? { prompt, model: critic.config.model } : {});
  io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderStepEvalText(report));
  return 0;
}

const SUBCOMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = { steps: runSteps };

async function run(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  const handler = sub ? SUBCOMMANDS[sub] : undefined;
  if (!handler) throw new UsageError(`expected 'eval steps FILE.jsonl'${sub ? `, got 'eval ${sub}'` : ''}. ${USAGE.split('\n')[0]}`);
  return handler(rest, io);
}

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'score the checkers and the critic on labelled solutions (ProcessBench / PRM800K format)',
  usage: USAGE,
  run,
};
