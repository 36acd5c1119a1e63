// mplsandbox critique NOTE.md: judge the solutions in a Markdown math note step by step (symbolic checker, plus a
// critic model when one is configured), optionally refining them with an actor model or sampling and voting.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CliCommand, CliIO } from '../cli-types';
import { EnvironmentError, UsageError } from '../cli-types';
import { resolveModelRoles, type ModelRoles } from '../../core/models/config';
import { ModelCancelledError, ModelConfigError, isEndpointFailure } from '../../core/models/errors';
import { parseNote } from '../../core/critique/notes';
import { critiqueProblem, NO_MODEL_MESSAGE, refineProblem, scaleProblem } from '../../core/critique/pipeline';
import type { PipelineEvent, PipelineOptions } from '../../core/critique/pipeline-types';
import { CRITIC_PROMPT_STYLES, type CriticPromptStyle } from '../../core/critique/processbench-prompt';
import { openEngine } from '../open-engine';
import { problemReport, renderReportText, type CritiqueReport } from '../../core/critique/report';
import { isAbortError } from '../../core/abort';

const USAGE = `Usage: mplsandbox critique NOTE.md [options]

Judges each solution step of the problems in a Markdown math note: a symbolic checker recomputes what it can and,
when a critic model is configured, the critic judges every step and the final answer (AutoMathCritique format).

Options:
  --problem N             only problem N (1-based, in note order)
  --refine                let the actor rewrite the solution from the critique until the critic accepts it
  --rounds K              at most K refinements (default 3)
  --samples N             sample N solutions (N refinements with --refine), critique each, majority-vote the answers
                          (--rounds then bounds the refinements per sample: default 0, with --refine 1)
  --sandbox               check the steps the symbolic checker cannot read (sums, limits, integrals, modular
                          arithmetic, matrices, equations) with SymPy in the Python sandbox (needs Docker;
                          without it the critique still runs and says what was skipped)
  --model-checks          with --sandbox and a critic: the critic also writes a check program for each step still
                          unchecked, run in the sandbox (shown as model-written: evidence, not proof)
  --json                  print one JSON object instead of text
  --stream                stream model replies (shown on stderr as they arrive)
  --reply-format F        the critic's reply format: text (default) or json
  --prompt P              how the critic is asked: automathcritique (a verdict per step, default) or
                          processbench (only the earliest wrong step, in \boxed{})
  --critic-base-url URL   OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 (env MPLSANDBOX_CRITIC_BASE_URL)
  --critic-model NAME     critic model (env MPLSANDBOX_CRITIC_MODEL)
  --actor-base-url URL    actor endpoint (env MPLSANDBOX_ACTOR_BASE_URL; default: the critic's)
  --actor-model NAME      actor model (env MPLSANDBOX_ACTOR_MODEL; default: the critic's)

API keys come from MPLSANDBOX_CRITIC_API_KEY / MPLSANDBOX_ACTOR_API_KEY, else OPENAI_API_KEY; local servers need none.
Per role (CRITIC or ACTOR) also: MPLSANDBOX_<ROLE>_TIMEOUT_MS (idle time between chunks, default 120000),
MPLSANDBOX_<ROLE>_DEADLINE_MS (whole request incl. retries, default 600000), MPLSANDBOX_<ROLE>_MAX_TOKENS and
MPLSANDBOX_<ROLE>_TOKEN_LIMIT_PARAMETER (auto, max_tokens or max_completion_tokens; auto sends OpenAI's reasoning
models max_completion_tokens and switches once when a server asks for the other).
Without a critic endpoint only the symbolic checker runs, and the output says that no model was used.
Exit codes: 0 judged, 2 bad usage or unreadable note, 3 model endpoint unreachable or failing.
`;

function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--${name} takes a positive whole number, got '${raw}'`);
  return Number(raw);
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        problem: { type: 'string' },
        refine: { type: 'boolean', default: false },
        sandbox: { type: 'boolean', default: false },
        'model-checks': { type: 'boolean', default: false },
        rounds: { type: 'string' },
        samples: { type: 'string' },
        json: { type: 'boolean', default: false },
        stream: { type: 'boolean', default: false },
        'reply-format': { type: 'string' },
        prompt: { type: 'string' },
        'critic-base-url': { type: 'string' },
        'critic-model': { type: 'string' },
        'actor-base-url': { type: 'string' },
        'actor-model': { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function modelRoles(io: CliIO, values: ReturnType<typeof parse>['values']): ModelRoles {
  try {
    return resolveModelRoles(io.env, {
      critic: { baseURL: values['critic-base-url'], model: values['critic-model'] },
      actor: { baseURL: values['actor-base-url'], model: values['actor-model'] },
    });
  } catch (err) {
    if (err instanceof ModelConfigError) throw new UsageError(err.message);
    throw err;
  }
}

function streamPrinter(io: CliIO): (event: PipelineEvent) => void {
  const shown = new Map<string, number>();
  return (event) => {
    if (event.type === 'retry') {
      io.stderr.write(`[${event.role}] retry ${event.retry} in ${event.delayMs} ms: ${event.message}\n`);
      return;
    }
    if (event.type !== 'critique-progress' && event.type !== 'actor-progress') return;
    const text = event.type === 'critique-progress' ? event.critique.raw : event.text;
    const key = `${event.type}/${event.sample ?? 0}/${event.round}`;
    const already = shown.get(key) ?? 0;
    if (already === 0) io.stderr.write(`\n--- ${event.type === 'critique-progress' ? 'critic' : 'actor'}, round ${event.round}${event.sample !== undefined ? `, sample ${event.sample + 1}` : ''}\n`);
    io.stderr.write(text.slice(already));
    shown.set(key, text.length);
  };
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length !== 1) throw new UsageError(`expected one note file, got ${positionals.length}. ${USAGE.split('\n')[0]}`);
  const file = positionals[0];
  const problemNumber = positiveInt('problem', values.problem);
  const rounds = positiveInt('rounds', values.rounds) ?? 3;
  const samples = positiveInt('samples', values.samples);
  const format = values['reply-format'] ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--reply-format is text or json, got '${format}'`);
  const prompt = (values.prompt ?? 'automathcritique') as CriticPromptStyle;
  if (!CRITIC_PROMPT_STYLES.includes(prompt)) throw new UsageError(`--prompt is ${CRITIC_PROMPT_STYLES.join(' or ')}, got '${values.prompt}'`);
  const models = modelRoles(io, values);

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const note = parseNote(text);
  if (note.problems.length === 0) throw new UsageError(`${file}: ${note.message ?? 'no problems found'}`);
  let problems = note.problems;
  if (problemNumber !== undefined) {
    problems = problems.filter((p) => p.index === problemNumber - 1);
    if (problems.length === 0) throw new UsageError(`${file} has ${note.problems.length} problem(s); --problem ${problemNumber} is out of range`);
  }

  if (values['model-checks'] && (!values.sandbox || !models.critic)) throw new UsageError('--model-checks needs --sandbox and a critic model (--critic-base-url and --critic-model, or MPLSANDBOX_CRITIC_*)');
  const engine = values.sandbox ? await openEngine(io) : undefined;
  const options: PipelineOptions = {
    models,
    ...(engine ? { sandbox: engine, modelChecks: values['model-checks'] } : {}),
    format,
    prompt,
    stream: values.stream,
    signal: io.signal,
    onEvent: values.stream ? streamPrinter(io) : undefined,
  };
  const report: CritiqueReport = { file, modelUsed: false, problems: [] };
  try {
    for (const problem of problems) {
      const result = samples
        ? await scaleProblem(problem, { ...options, samples, source: values.refine ? 'refine' : 'solve', ...(values.rounds ? { maxRounds: rounds } : {}) })
        : values.refine
          ? await refineProblem(problem, { ...options, maxRounds: rounds })
          : await critiqueProblem(problem, options);
      report.problems.push(problemReport(result));
      if (result.modelUsed) report.modelUsed = result.modelUsed;
    }
  } catch (err) {
    if (err instanceof ModelCancelledError || isAbortError(err)) throw new Error('cancelled');
    if (isEndpointFailure(err)) throw new EnvironmentError(err.message);
    throw err;
  } finally {
    await engine?.close();
  }
  if (!report.modelUsed) report.message = NO_MODEL_MESSAGE;
  io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderReportText(report));
  return 0;
}

export const critiqueCommand: CliCommand = {
  name: 'critique',
  summary: 'judge the solution steps of a Markdown math note (symbolic checker + optional critic model)',
  usage: USAGE,
  run,
};
