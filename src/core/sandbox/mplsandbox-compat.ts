// MPLSandbox compatibility: its request dict in, its result dict out, so that scripts written for
// MPLSandbox (github.com/Ablustrund/MPLSandbox, `MPLSANDBOX(data).get_basic_info()`) switch without changes.
//
// Keys matched, from mplsandbox/tool.py (`process_config`, `get_basic_info`) and the README:
//   request: question, code, unit_cases {inputs, outputs}, lang ("AUTO" or a language name), libraries,
//            client, image, docker_file/dockerfile, keep_template, verbose, app
//   result:  reward, compiler_feedback, correct_rate, question, code, inputs, required_outputs, language,
//            compiler_feedback_per_unit (only when asked for, as show_per_unit_feedback does)
//   failure: {error: {type, message, stack_trace}} — what MPLSandbox returns when the run raises.
// Added keys (harmless for dict consumers): status (our verdict), diagnostics.
import { z } from 'zod';
import { MplSandboxError } from '../errors';
import type { Diagnostic } from '../diagnostics/types';
import { CasesFormatError, parseCases } from './judge';
import type { ProcessResult, RunRequest, RunResult, Verdict } from './types';

export class MplRequestError extends MplSandboxError {
  constructor(message: string) {
    super('mpl-request', message);
  }
}

const mplRequestShape = z.object({
  question: z.string().optional(),
  code: z.string({ error: 'code is required and must be a string' }),
  unit_cases: z.unknown().optional(),
  lang: z.string().optional(),
  libraries: z.array(z.string()).nullable().optional(),
  image: z.string().nullable().optional(),
  docker_file: z.string().nullable().optional(),
  dockerfile: z.string().nullable().optional(),
});

export type MplRequest = z.input<typeof mplRequestShape> & Record<string, unknown>;

export interface MplRunRequest {
  request: RunRequest;
  question: string | undefined;
  inputs: string[];
  outputs: string[];
}

/**
 * MPLSandbox's stdin: it feeds each input through `echo -e "<input>"`, which ends it with a newline.
 * Programs that read a line (`input()`, `getline`, `gets`) behave the same only with that newline.
 */
function asEchoed(input: string): string {
  return input === '' || input.endsWith('\n') ? input : `${input}\n`;
}

/**
 * An MPLSandbox request as a RunRequest. `lang: "AUTO"` (or none) becomes language identification.
 * `libraries` become the request's library set: the engine builds (once) an image of the language with them
 * installed, since sandboxes have no network (src/core/projects/dependencies.ts).
 * Rejected, with a message saying why: no code, mismatched unit cases, and `image` /
 * `docker_file` (images are configured on the engine, not per request). `client`, `keep_template`,
 * `verbose` and `app` are MPLSandbox process settings and are ignored.
 */
export function fromMplRequest(data: unknown): MplRunRequest {
  const parsed = mplRequestShape.safeParse(data);
  if (!parsed.success) {
    throw new MplRequestError(parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  }
  const req = parsed.data;
  if (!req.code.trim()) throw new MplRequestError('No code provided');
  const image = req.image ?? req.docker_file ?? req.dockerfile;
  if (image) throw new MplRequestError(`a per-request image or Dockerfile (${image}) is not supported: configure images on the engine (imageOverrides)`);
  let cases;
  try {
    cases = parseCases(req.unit_cases ?? { inputs: [], outputs: [] });
  } catch (err) {
    if (err instanceof CasesFormatError) throw new MplRequestError(err.message);
    throw err;
  }
  const lang = !req.lang || req.lang.toUpperCase() === 'AUTO' ? 'auto' : req.lang;
  return {
    request: {
      code: req.code,
      language: lang,
      cases: cases.map((c) => ({ input: asEchoed(c.input), expected: c.expected })),
      ...(req.libraries?.length ? { libraries: req.libraries } : {}),
    },
    question: req.question,
    inputs: cases.map((c) => c.input),
    outputs: cases.map((c) => c.expected ?? ''),
  };
}

/** Python's `repr` of a string, so that our AssertionError text reads exactly like MPLSandbox's. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

export function pyListRepr(items: readonly string[]): string {
  return `[${items.map(pyRepr).join(', ')}]`;
}

export interface MplResult {
  reward: number;
  compiler_feedback: string[] | string;
  correct_rate: number;
  question: string | undefined;
  code: string;
  inputs: string[];
  required_outputs: string[];
  language: string;
  compiler_feedback_per_unit?: string[] | string;
  status: RunResult['status'];
  diagnostics: Diagnostic[];
}

export interface MplError {
  error: { type: string; message: string; stack_trace: string };
}

const ANSI = /\x1B[@-_][0-?]*[ -/]*[@-~]/g;

/**
 * What MPLSandbox shows per case: the console text of the case — its own shell script compiles and
 * runs in one go, so a compile error appears in every case's text. Our limit verdicts add a line
 * saying which limit was hit (MPLSandbox has no limits, so it has nothing to mirror there).
 */
function caseFeedback(result: RunResult, run: ProcessResult | null, status: Verdict): string {
  if (result.status === 'CompileError') {
    const compile = result.compile;
    return `${compile?.stdout ?? ''}${compile?.stderr ?? ''}${compile?.timedOut && result.message ? `\n${result.message}` : ''}`.replace(ANSI, '');
  }
  if (!run) return '';
  let text = `${run.stdout}${run.stderr}`;
  if (status === 'TimeLimitExceeded' || status === 'MemoryLimitExceeded' || status === 'OutputLimitExceeded') {
    text += `${text && !text.endsWith('\n') ? '\n' : ''}${status}`;
  }
  return text.replace(ANSI, '');
}

/** A RunResult as MPLSandbox's result dict, or its error dict for a SandboxError. */
export function toMplResult(
  result: RunResult,
  source: MplRunRequest,
  opts: { showPerUnitFeedback?: boolean } = {},
): MplResult | MplError {
  if (result.status === 'SandboxError') {
    return { error: { type: 'SandboxError', message: result.message ?? 'the sandbox could not run the code', stack_trace: '' } };
  }
  const results =
    source.inputs.length > 0
      ? source.inputs.map((_, i) => caseFeedback(result, result.cases[i]?.run ?? null, result.cases[i]?.status ?? result.status))
      : [caseFeedback(result, result.run, result.status)];
  let feedback: string[] | string = results;
  let perUnit: string[] | string = results;
  // MPLSandbox replaces the list by an assertion report when the reward says "wrong answer".
  if (result.reward === -0.3) {
    feedback = `AssertionError:\nInput:${pyListRepr(source.inputs)}\nOutput:${pyListRepr(results)}\nRequired Output:${pyListRepr(source.outputs)}`;
    perUnit = `AssertionError:\nInput:${source.inputs[0]}\nOutput:${results[0]}\nRequired Output:${source.outputs[0]}`;
  }
  return {
    reward: result.reward,
    compiler_feedback: feedback,
    correct_rate: result.correctRate,
    question: source.question,
    code: source.request.code,
    inputs: source.inputs,
    required_outputs: source.outputs,
    language: result.language,
    ...(opts.showPerUnitFeedback ? { compiler_feedback_per_unit: perUnit } : {}),
    status: result.status,
    diagnostics: result.diagnostics,
  };
}
