// The critic's JSON mode: the schema we ask for (sent as `response_format`), and a lenient zod reading of what
// comes back (bare, fenced, camelCase or snake_case keys, booleans or "Correct"/"Wrong"), also while it streams.
import { z } from 'zod';
import type { CritiqueEntries, CritiqueEntry } from './reply-entries';
import { readVerdict } from './verdict-words';

/** What we ask the critic for in JSON mode. */
export const critiqueRequestSchema = z
  .object({
    steps: z.array(
      z
        .object({
          step_sentence: z.string().describe('The step, repeated as written in the solution'),
          correct: z.boolean(),
          explanation: z.string(),
        })
        .strict(),
    ),
    final_answer_correct: z.boolean(),
    final_answer_explanation: z.string(),
  })
  .strict();

export const critiqueRequestJsonSchema = z.toJSONSchema(critiqueRequestSchema) as Record<string, unknown>;

function foldKeys(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.toLowerCase().replace(/[^a-z]/g, ''), inner]));
}

const verdictField = z.union([z.boolean(), z.string(), z.null()]).optional();
const textField = z.union([z.string(), z.number()]).optional();

/** One judged step as models actually write it. */
export const replyStepSchema = z.preprocess(
  foldKeys,
  z.object({
    stepsentence: textField,
    sentence: textField,
    step: textField,
    text: textField,
    correct: verdictField,
    iscorrect: verdictField,
    correctness: verdictField,
    correctnessofthestep: verdictField,
    verdict: verdictField,
    explanation: z.string().optional(),
    reason: z.string().optional(),
  }),
);

export const replySchema = z.preprocess(
  foldKeys,
  z.object({
    steps: z.array(replyStepSchema),
    finalanswercorrect: verdictField,
    correctnessofthefinalanswer: verdictField,
    finalverdict: verdictField,
    finalanswerexplanation: z.string().optional(),
    explanation: z.string().optional(),
  }),
);

type ReplyStep = z.output<typeof replyStepSchema>;

function toEntry(step: ReplyStep): CritiqueEntry {
  const sentence = [step.stepsentence, step.sentence, step.text, step.step].find((v) => typeof v === 'string' && v.trim() !== '');
  const verdictValue = [step.correct, step.iscorrect, step.correctness, step.correctnessofthestep, step.verdict].find((v) => v !== undefined && v !== null);
  return {
    sentence: typeof sentence === 'string' ? sentence.trim() : '',
    verdict: readVerdict(verdictValue),
    explanation: step.explanation ?? step.reason,
  };
}

/** The text between ```json and the closing fence (or the end, while streaming), else the text itself. */
function unfence(text: string): string {
  const open = /```(?:json|JSON)?[ \t]*\n/.exec(text);
  if (!open) return text;
  const body = text.slice(open.index + open[0].length);
  const close = body.indexOf('```');
  return close >= 0 ? body.slice(0, close) : body;
}

/** The complete objects of the `steps` array found so far in a JSON text that may still be growing. */
function completedStepObjects(body: string): unknown[] {
  const key = /"steps"\s*:\s*\[/i.exec(body);
  if (!key) return [];
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = key.index + key[0].length; i < body.length; i++) {
    const ch = body[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === '}') {
      depth--;
      if (depth === 0 && start >= 0) {
        try {
          out.push(JSON.parse(body.slice(start, i + 1)));
        } catch {
          // A malformed step object: skip it, keep the rest.
        }
        start = -1;
      }
    } else if (ch === ']' && depth === 0) break;
  }
  return out;
}

/** Undefined when the text is not a JSON critique at all. */
export function parseJsonCritique(text: string): CritiqueEntries | undefined {
  const body = unfence(text).trim();
  if (!body.startsWith('{')) return undefined;
  let whole: unknown;
  try {
    whole = JSON.parse(body);
  } catch {
    whole = undefined;
  }
  if (whole !== undefined) {
    const parsed = replySchema.safeParse(whole);
    if (!parsed.success) return undefined;
    const reply = parsed.data;
    const finalValue = [reply.finalanswercorrect, reply.correctnessofthefinalanswer, reply.finalverdict].find((v) => v !== undefined && v !== null);
    const final = readVerdict(finalValue);
    return {
      format: 'json',
      entries: reply.steps.map(toEntry),
      finalAnswerCorrect: final === undefined ? undefined : final === 'correct',
      finalExplanation: reply.finalanswerexplanation ?? reply.explanation,
      endsUnfinished: false,
    };
  }
  // Still streaming, or cut off: keep the step objects that are complete.
  const steps = completedStepObjects(body)
    .map((raw) => replyStepSchema.safeParse(raw))
    .filter((r) => r.success)
    .map((r) => toEntry(r.data));
  if (steps.length === 0 && !/"steps"\s*:/i.test(body)) return undefined;
  return { format: 'json', entries: steps, endsUnfinished: true };
}
