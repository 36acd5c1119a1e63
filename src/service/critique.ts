// POST /v1/critique: the pipeline of `mplsandbox critique` over HTTP. A Markdown note, or a question and its
// steps, in; the report of `critique --json` out. The models are the service's own (MPLSANDBOX_CRITIC_* /
// MPLSANDBOX_ACTOR_* when it started): a request can never point the service's API keys at another server.
import { z } from 'zod';
import { parseNote } from '../core/critique/notes';
import { critiqueProblem, NO_MODEL_MESSAGE, refineProblem, scaleProblem } from '../core/critique/pipeline';
import type { PipelineOptions } from '../core/critique/pipeline-types';
import { problemReport, type CritiqueReport } from '../core/critique/report';
import type { ModelRoles } from '../core/models/config';
import { isEndpointFailure } from '../core/models/errors';
import { ApiError, invalid, parseBody } from './errors';

const critiqueShape = z
  .object({
    note: z.string({ error: 'must be the Markdown text of a note' }).max(1_000_000).optional(),
    question: z.string({ error: 'must be a string' }).optional(),
    steps: z.array(z.string({ error: 'must be a string' }), { error: 'must be a list of solution steps' }).min(1, 'must hold at least one step').max(500).optional(),
    answer: z.string({ error: 'must be a string' }).optional(),
    problem: z.number().int().min(1, 'is 1-based').optional(),
    refine: z.boolean().default(false),
    rounds: z.number().int().min(1).max(20).optional(),
    samples: z.number().int().min(1).max(64).optional(),
    format: z.enum(['text', 'json']).default('text'),
  })
  .refine((b) => (b.note !== undefined) !== (b.question !== undefined || b.steps !== undefined), {
    message: 'give either `note` (Markdown) or `question` with `steps`',
    path: ['note'],
  });

/** A question and its steps as the note the pipeline reads: labelled problem, numbered steps, the answer line. */
export function noteFromSteps(question: string, steps: readonly string[], answer?: string): string {
  const lines = steps.map((s, i) => `${i + 1}. ${s.replace(/\s*\n\s*/g, ' ').trim()}`);
  return `**Problem:** ${question.trim()}\n\n**Solution:**\n\n${lines.join('\n')}\n${answer ? `\nThe answer is ${answer.trim()}.\n` : ''}`;
}

export async function critiqueRequest(body: unknown, models: ModelRoles, signal: AbortSignal): Promise<CritiqueReport> {
  const req = parseBody(critiqueShape, body);
  let text: string;
  if (req.note !== undefined) text = req.note;
  else {
    if (!req.question?.trim()) throw invalid('question', 'is required with steps');
    if (!req.steps) throw invalid('steps', 'are required with a question');
    text = noteFromSteps(req.question, req.steps, req.answer);
  }
  const note = parseNote(text);
  if (note.problems.length === 0) throw invalid(req.note !== undefined ? 'note' : 'steps', note.message ?? 'no problem with a solution found');
  let problems = note.problems;
  if (req.problem !== undefined) {
    problems = problems.filter((p) => p.index === req.problem! - 1);
    if (problems.length === 0) throw invalid('problem', `the note has ${note.problems.length} problem(s)`);
  }
  const options: PipelineOptions = { models, format: req.format, stream: false, signal };
  const report: CritiqueReport = { modelUsed: false, problems: [] };
  try {
    for (const problem of problems) {
      const result = req.samples
        ? await scaleProblem(problem, { ...options, samples: req.samples, source: req.refine ? 'refine' : 'solve', ...(req.rounds ? { maxRounds: req.rounds } : {}) })
        : req.refine
          ? await refineProblem(problem, { ...options, maxRounds: req.rounds ?? 3 })
          : await critiqueProblem(problem, options);
      report.problems.push(problemReport(result));
      if (result.modelUsed) report.modelUsed = result.modelUsed;
    }
  } catch (err) {
    // The model endpoint is the service's dependency, not the caller's mistake.
    if (isEndpointFailure(err)) throw new ApiError(502, 'model_unavailable', `the critique model failed: ${(err as Error).message}`);
    throw err;
  }
  if (!report.modelUsed) report.message = NO_MODEL_MESSAGE;
  return report;
}
