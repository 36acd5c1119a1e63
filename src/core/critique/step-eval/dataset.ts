/**
 * Solutions labelled with their earliest wrong step, read from ProcessBench's JSONL (`problem`, `steps`,
 * `label` = index of the earliest wrong step or −1) or from PRM800K's records (human ratings −1/0/+1 per
 * step). Every record is validated with zod; a bad record is reported with its line, never guessed at.
 */
import { z } from 'zod';

export interface LabelledSolution {
  id: string;
  problem: string;
  steps: string[];
  /** 0-based index of the earliest wrong step; −1 when every step is correct. */
  label: number;
  format: 'processbench' | 'prm800k';
}

const processBenchRecord = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  problem: z.string().min(1),
  steps: z.array(z.string()).min(1),
  label: z.number().int().min(-1),
  generator: z.string().optional(),
  final_answer_correct: z.boolean().optional(),
});

const prmCompletion = z.object({ text: z.string(), rating: z.number().int().min(-1).max(1).nullable().optional() });
const prm800kRecord = z.object({
  question: z.object({ problem: z.string().min(1), pre_generated_steps: z.array(z.string()).optional() }),
  label: z.object({
    steps: z.array(
      z.object({
        completions: z.array(prmCompletion).nullable(),
        human_completion: prmCompletion.nullable().optional(),
        chosen_completion: z.number().int().nullable().optional(),
      }),
    ),
    finish_reason: z.string(),
  }),
});

export class StepDatasetError extends Error {}

/** JSON values one after another: JSONL, or pretty-printed objects concatenated (as PRM800K's samples are). */
export function jsonValues(text: string): { value: unknown; line: number }[] {
  const values: { value: unknown; line: number }[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) if (text[i++] === '\n') line++;
    if (i >= text.length) break;
    const start = i;
    const startLine = line;
    let depth = 0;
    let inString = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') line++;
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (--depth === 0) {
          i++;
          break;
        }
      } else if (depth === 0 && /\s/.test(c)) break;
    }
    const raw = text.slice(start, i);
    try {
      values.push({ value: JSON.parse(raw), line: startLine });
    } catch {
      throw new StepDatasetError(`line ${startLine}: not JSON (${raw.slice(0, 60)}…)`);
    }
  }
  return values;
}

function problems(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`).join('; ');
}

/** PRM800K: the model's own steps when it has them (phase 2), else the labeller's chosen path (phase 1). */
function fromPrm800k(record: z.output<typeof prm800kRecord>, id: string): LabelledSolution | undefined {
  const { finish_reason: finish, steps: rated } = record.label;
  // Give-ups and bad problems have no solution to judge.
  if (finish !== 'solution' && finish !== 'found_error') return undefined;
  const generated = record.question.pre_generated_steps;
  if (generated) {
    // Phase 2: the model's whole solution, rated step by step until the labeller found the first error.
    const label = rated.findIndex((step) => step.completions?.[0]?.rating === -1);
    if (label >= generated.length || (finish === 'found_error' && label < 0)) return undefined;
    return { id, problem: record.question.problem, steps: generated, label, format: 'prm800k' };
  }
  // Phase 1: the path the labeller took (chosen completions, or their own where none was good enough).
  const steps: string[] = [];
  let label = -1;
  for (const step of rated) {
    const chosen = step.chosen_completion;
    const taken = chosen !== null && chosen !== undefined ? step.completions?.[chosen] : (step.human_completion ?? step.completions?.find((c) => c.rating === -1));
    if (!taken) break;
    steps.push(taken.text);
    if (taken.rating === -1) {
      label = steps.length - 1;
      break;
    }
  }
  if (steps.length === 0) return undefined;
  return { id, problem: record.question.problem, steps, label, format: 'prm800k' };
}

/** Reads a data set; `label` must name a step of its solution. Records PRM800K cannot label (give-ups) are skipped. */
export function readStepDataset(text: string, name = 'input'): { solutions: LabelledSolution[]; skipped: number } {
  const solutions: LabelledSolution[] = [];
  let skipped = 0;
  for (const [n, { value, line }] of jsonValues(text).entries()) {
    const where = `${name} line ${line}`;
    const asProcessBench = processBenchRecord.safeParse(value);
    if (asProcessBench.success) {
      const r = asProcessBench.data;
      if (r.label >= r.steps.length) throw new StepDatasetError(`${where}: label ${r.label} but only ${r.steps.length} steps`);
      solutions.push({ id: String(r.id ?? `#${n + 1}`), problem: r.problem, steps: r.steps, label: r.label, format: 'processbench' });
      continue;
    }
    const asPrm = prm800kRecord.safeParse(value);
    if (asPrm.success) {
      const solution = fromPrm800k(asPrm.data, `#${n + 1}`);
      if (solution) solutions.push(solution);
      else skipped++;
      continue;
    }
    const looksPrm = typeof value === 'object' && value !== null && 'question' in value;
    throw new StepDatasetError(
      `${where}: neither a ProcessBench record (problem, steps, label) nor a PRM800K one (question, label.steps) — ${problems(looksPrm ? asPrm.error : asProcessBench.error)}`,
    );
  }
  return { solutions, skipped };
}
