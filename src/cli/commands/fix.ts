import { basename } from 'node:path';
import type { CliCommand, CliIO } from '../cli-types';
import { EnvironmentError, UsageError } from '../cli-types';
import { openEngine } from '../open-engine';
import { checkLanguage, parseCommandArgs, readCasesFile, readText } from '../input';
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFromFlags } from '../limit-flags';
import { ChatClient } from '../../core/models/chat-client';
import { describeModel, resolveModelRoles, type ModelRoleConfig } from '../../core/models/config';
import { ModelCancelledError, ModelConfigError, ModelError } from '../../core/models/errors';
import { repairWithFeedback, type RepairResult, type RepairRound } from '../../core/repair/repair-loop';

const USAGE = `Usage:
  mplsandbox fix FILE --cases FILE [--lang ID|auto] [--rounds K] [--timeout SEC] [--memory MB] [--cpus N] [--json]

  Lets a model repair the program with the sandbox's feedback: it proposes a fix, the sandbox runs the
  cases, the result goes back to the model — up to K rounds (default 3) or until every case passes.
  Every round is printed; FILE is never changed (the best version is printed for you to apply).

  --cases FILE   test cases ({"inputs": [...], "outputs": [...]} or [{"input": ..., "expected": ...}])
  --rounds K     most model attempts (default 3)
${LIMIT_USAGE}
  --json         print every round (code, verdict, feedback, reply) as JSON

Model (an OpenAI-compatible endpoint, e.g. Ollama, vLLM, llama.cpp):
  MPLSANDBOX_ACTOR_BASE_URL   e.g. http://127.0.0.1:11434/v1  (falls back to MPLSANDBOX_CRITIC_BASE_URL)
  MPLSANDBOX_ACTOR_MODEL      model name                       (falls back to MPLSANDBOX_CRITIC_MODEL)
  MPLSANDBOX_ACTOR_API_KEY    only when the server needs one   (or OPENAI_API_KEY)

Exit code 0 when the program passes every case at the end, 1 when it does not, 2 for bad usage,
3 when the sandbox or the model cannot be reached (or no model is configured).`;

export const NO_MODEL_MESSAGE =
  'no model configured: set MPLSANDBOX_ACTOR_BASE_URL (an OpenAI-compatible endpoint such as http://127.0.0.1:11434/v1) ' +
  'and MPLSANDBOX_ACTOR_MODEL (the model name); MPLSANDBOX_ACTOR_API_KEY if the server needs a key';

function actorConfig(env: NodeJS.ProcessEnv): ModelRoleConfig {
  let actor: ModelRoleConfig | undefined;
  try {
    actor = resolveModelRoles(env).actor;
  } catch (err) {
    if (err instanceof ModelConfigError) throw new EnvironmentError(err.message);
    throw err;
  }
  if (!actor) throw new EnvironmentError(NO_MODEL_MESSAGE);
  return actor;
}

function roundJson(r: RepairRound) {
  return { round: r.round, code: r.code, verdict: r.verdict, passed: r.passed, total: r.total, feedback: r.feedback, reply: r.reply ?? null };
}

function formatRound(r: RepairRound): string {
  const title = r.round === 0 ? 'round 0 (your program)' : `round ${r.round} (model)`;
  return `── ${title}: ${r.verdict}, ${r.passed}/${r.total} cases passed\n${r.round === 0 ? '' : `${r.code.replace(/\n$/, '')}\n`}`;
}

function summary(result: RepairResult): string {
  const best = result.rounds[result.best];
  const outcome = {
    fixed: `fixed in round ${best.round}`,
    'already-passing': 'your program already passes every case',
    'rounds-exhausted': `not fixed after ${result.rounds.length - 1} rounds; best: round ${best.round} (${best.passed}/${best.total} cases)`,
    'no-code-in-reply': `stopped: the model replied without a program; best: round ${best.round} (${best.passed}/${best.total} cases)`,
  }[result.outcome];
  return `── ${outcome}. Your file was not changed.\n`;
}

export const fixCommand: CliCommand = {
  name: 'fix',
  summary: "Let a model fix a program with the sandbox's feedback on test cases (never writes the file)",
  usage: USAGE,
  async run(argv: string[], io: CliIO) {
    const { values, positionals } = parseCommandArgs(argv, { cases: { type: 'string' }, lang: { type: 'string', default: 'auto' }, rounds: { type: 'string', default: '3' }, ...LIMIT_OPTIONS, json: { type: 'boolean', default: false } });
    if (positionals.length !== 1) throw new UsageError(`expected exactly one FILE\n${USAGE}`);
    if (values.cases === undefined) throw new UsageError('--cases FILE is required: the loop stops when every case passes');
    const rounds = Number(values.rounds);
    if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) throw new UsageError(`--rounds takes a whole number from 1 to 20, got '${values.rounds}'`);
    const language = checkLanguage(values.lang);
    const limits = limitsFromFlags(values);
    const file = positionals[0];
    const code = await readText(file, io, 'program');
    const cases = await readCasesFile(values.cases, io);
    const actor = actorConfig(io.env);
    const model = new ChatClient(actor, { role: 'actor' });
    const engine = await openEngine(io);
    try {
      if (!values.json) io.stderr.write(`fixing with ${describeModel(actor)}, up to ${rounds} rounds\n`);
      const result = await repairWithFeedback(
        {
          code,
          language,
          cases,
          rounds,
          signal: io.signal,
          onRound: (r) => {
            if (!values.json) io.stdout.write(formatRound(r));
          },
        },
        model,
        async (program, signal) => {
          const run = await engine.runCode({ code: program, language, fileName: file === '-' ? undefined : basename(file), cases, limits, signal });
          if (run.status === 'SandboxError') throw new EnvironmentError(run.message ?? 'the sandbox could not run the program');
          return run;
        },
      );
      if (values.json) io.stdout.write(`${JSON.stringify({ outcome: result.outcome, best: result.best, rounds: result.rounds.map(roundJson) }, null, 2)}\n`);
      else io.stdout.write(summary(result));
      return result.outcome === 'fixed' || result.outcome === 'already-passing' ? 0 : 1;
    } catch (err) {
      if (err instanceof ModelCancelledError || io.signal.aborted) throw new EnvironmentError('interrupted');
      if (err instanceof ModelError) throw new EnvironmentError(`the model failed: ${err.message}`);
      throw err;
    } finally {
      await engine.close();
    }
  },
};
