// Prompts in AutoMathCritique's layout ("Enhancing LLM Reasoning via Critique Models with Test-Time and
// Training-Time Supervision"): the solution is shown one step per line; the critic repeats each step as
// "Step sentence:", judges it ("Correctness of the step: Correct/Wrong") and explains; then judges the final
// answer. The actor's refinement prompt is the corpus's: question, its own solution, then the critique.
import type { ChatMessage } from '../models/chat-client';
import type { MathStep, StepVerdict, SymbolicFinding } from './types';

export const SOLUTION_OPENER = "Let's break it down step by step:";

const PLAIN_FORMAT = "Please also give your final number in the format of 'The answer is [your answer].'";
const BOXED_FORMAT = "Please also give your final number in the format of 'The answer is $\\boxed{[your answer]}$.'";

export interface PromptProblem {
  question: string;
  steps: MathStep[];
  /** The final answer as written, shown as the last line when it is not inside a step. */
  finalAnswerRaw?: string;
}

/** GSM8K-style problems answer "The answer is 18."; LaTeX (MATH-style) ones answer with \boxed{…}. */
export function answerFormatFor(problem: PromptProblem): string {
  const latex = /\\[a-zA-Z]+|\$/.test(problem.question) || problem.steps.some((s) => /\\boxed|\\frac|\$/.test(s.source));
  return latex ? BOXED_FORMAT : PLAIN_FORMAT;
}

/** The solution one step per line, as the critic sees it (and as AutoMathCritique's data shows it). */
export function solutionLines(problem: PromptProblem): string {
  const lines = problem.steps.map((s) => s.text.replace(/\s*\n\s*/g, ' '));
  const answer = problem.finalAnswerRaw;
  if (answer && !lines.some((line) => line.includes(answer))) lines.push(`The answer is ${answer}.`);
  return lines.join('\n');
}

function evidence(steps: MathStep[], findings: SymbolicFinding[]): string {
  const useful = findings.filter((f) => f.status !== 'unchecked');
  if (useful.length === 0) return '';
  const lines = useful.map((f) => {
    const step = steps.find((s) => s.index === f.stepIndex);
    const what = f.checked ? `"${f.checked}"` : `"${step?.text ?? ''}"`;
    const result = f.status === 'verified' ? 'verified' : `contradicted${f.computed ? ` (the checker computed ${f.computed})` : ''}`;
    return `- Step ${f.stepIndex + 1}, ${what}: ${result}${f.explanation ? `. ${f.explanation}` : ''}`;
  });
  return [
    'A symbolic checker recomputed the arithmetic and algebra it could read. Use its results as evidence (it can only check what is written, not whether the step is the right one):',
    ...lines,
    '',
  ].join('\n');
}

const TEXT_INSTRUCTIONS = [
  'Critique the solution step by step. For every step, in order, write exactly these three lines, with a blank line between steps:',
  'Step sentence: <the step, repeated as written>',
  'Correctness of the step: Correct or Wrong',
  'Explanation: <why>',
  '',
  'After the last step write:',
  'Correctness of the final answer: Correct or Wrong',
  'Explanation: <why>',
].join('\n');

const JSON_INSTRUCTIONS = [
  'Critique the solution step by step. Reply with one JSON object and nothing else:',
  '{"steps": [{"step_sentence": "<the step, repeated as written>", "correct": true or false, "explanation": "<why>"}, …],',
  ' "final_answer_correct": true or false, "final_answer_explanation": "<why>"}',
  'with one entry per step, in order.',
].join('\n');

export type CritiqueFormat = 'text' | 'json';

export function buildCriticMessages(problem: PromptProblem, findings: SymbolicFinding[], format: CritiqueFormat): ChatMessage[] {
  const user = [
    'Here is a math question and a solution to it, one step per line.',
    '',
    `Question: ${problem.question.trim()}`,
    '',
    `Solution:\n${SOLUTION_OPENER}\n\n${solutionLines(problem)}`,
    '',
    evidence(problem.steps, findings),
    format === 'json' ? JSON_INSTRUCTIONS : TEXT_INSTRUCTIONS,
  ].join('\n');
  return [
    { role: 'system', content: 'You are a careful math teacher. You check each step of a solution for calculation and reasoning errors.' },
    { role: 'user', content: user },
  ];
}

/** A critique rendered in the corpus's text layout, for the actor (model and symbolic verdicts alike). */
export function renderCritiqueForActor(steps: MathStep[], verdicts: StepVerdict[], finalAnswerCorrect: boolean | undefined, finalExplanation?: string): string {
  const blocks: string[] = [];
  for (const step of steps) {
    const mine = verdicts.filter((v) => v.stepIndex === step.index && v.verdict !== 'unknown');
    if (mine.length === 0) continue;
    const wrong = mine.find((v) => v.verdict === 'wrong');
    const explanations = mine
      .map((v) => (v.source === 'symbolic' && v.computed ? `${v.explanation ?? 'A symbolic check disagrees'} (computed: ${v.computed})` : v.explanation))
      .filter(Boolean);
    blocks.push(
      [`Step sentence: ${step.text}`, `Correctness of the step: ${wrong ? 'Wrong' : 'Correct'}`, `Explanation: ${explanations.join(' ') || '-'}`].join('\n'),
    );
  }
  if (finalAnswerCorrect !== undefined) {
    blocks.push([`Correctness of the final answer: ${finalAnswerCorrect ? 'Correct' : 'Wrong'}`, `Explanation: ${finalExplanation ?? '-'}`].join('\n'));
  }
  return blocks.join('\n\n');
}

/** The actor's prompt for a first solution. */
export function buildSolveMessages(question: string, answerFormat: string): ChatMessage[] {
  return [
    { role: 'system', content: `Solve math problems step by step, one step per line. Begin with "${SOLUTION_OPENER}"` },
    { role: 'user', content: `${question.trim()} ${answerFormat}` },
  ];
}

/** AutoMathCritique's refinement prompt as a chat: question, the actor's own solution, then the critique. */
export function buildRefineMessages(problem: PromptProblem, critiqueText: string): ChatMessage[] {
  const answerFormat = answerFormatFor(problem);
  return [
    { role: 'user', content: `${problem.question.trim()} ${answerFormat}` },
    { role: 'assistant', content: `${SOLUTION_OPENER}\n\n${solutionLines(problem)}` },
    {
      role: 'user',
      content:
        'I have made a step-by-step critic for your solution. Please read the following critic and use this critic as a reference to provide a new detailed, step-by-step solution, including all reasoning and intermediate steps. ' +
        `${answerFormat}\n\n${critiqueText}`,
    },
  ];
}

/** The actor's solution without the "Let's break it down step by step:" opener. */
export function stripSolutionOpener(text: string): string {
  const trimmed = text.replace(/^\s+/, '');
  return trimmed.toLowerCase().startsWith(SOLUTION_OPENER.toLowerCase()) ? trimmed.slice(SOLUTION_OPENER.length).replace(/^\s+/, '') : trimmed;
}
