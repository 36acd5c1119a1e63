// A solution the actor wrote, turned into the same shape as a note's problem so that it can be checked and judged.
// Ranges of its steps and answer are relative to the solution text (it has no place in the note yet).
import { extractFinalAnswer } from './answers';
import { LineIndex, splitSolution } from './notes';
import { stripSolutionOpener } from './prompts';
import type { FinalAnswer, MathProblem } from './types';

export function problemWithSolution(base: MathProblem, solutionText: string): { problem: MathProblem; solution: string } {
  const solution = stripSolutionOpener(solutionText).trim();
  const index = new LineIndex(solution);
  const found = extractFinalAnswer(solution);
  const finalAnswer: FinalAnswer | undefined = found && {
    raw: found.raw,
    normalized: found.normalized,
    range: index.range(found.startOffset, found.endOffset),
  };
  const problem: MathProblem = { ...base, steps: splitSolution(solution), finalAnswer };
  if (!finalAnswer) delete problem.finalAnswer;
  return { problem, solution };
}

/** The note's solution as text: its steps, one per line, and the final answer line when no step holds it. */
export function solutionTextOf(problem: MathProblem): string {
  const lines = problem.steps.map((s) => s.source);
  const answer = problem.finalAnswer?.raw;
  if (answer && !lines.some((line) => line.includes(answer))) lines.push(`The answer is ${answer}.`);
  return lines.join('\n');
}
