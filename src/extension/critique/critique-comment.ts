// "Insert critique as a comment": the verdicts as an HTML comment under the solution, which Markdown renderers hide.
import type { ProblemCritique } from './critique-store';
import { combinedVerdict, verdictSourceLabel } from './critique-store';

const MARK = { correct: '✓', wrong: '✗', unknown: '?' } as const;

/** Model text must not end the comment early: `--` cannot occur inside an HTML comment. */
function commentSafe(text: string): string {
  return text.replace(/-{2,}/g, (dashes) => dashes.split('').join(' ')).replace(/\s*\n\s*/g, ' ');
}

export function renderCritiqueComment(critique: ProblemCritique, eol = '\n'): string {
  const lines = [`<!-- MPLSandbox critique (${commentSafe(critique.modelLabel || 'symbolic checker only')}):`];
  for (const step of critique.steps) {
    const verdicts = step.verdicts.filter((v) => v.verdict !== 'unknown');
    lines.push(`Step ${step.index + 1} ${MARK[combinedVerdict(step.verdicts)]} ${commentSafe(step.source)}`);
    for (const v of verdicts) {
      const detail = [v.explanation, v.computed ? `computed ${v.computed}` : ''].filter(Boolean).join('; ');
      lines.push(`  ${MARK[v.verdict]} ${commentSafe(verdictSourceLabel(v))}${detail ? `: ${commentSafe(detail)}` : ''}`);
    }
  }
  const first = critique.rounds.find((r) => r.round.round === 0 && r.sample === undefined)?.round;
  const final = first?.critique.finalAnswerCorrect;
  if (final !== undefined) {
    lines.push(`Final answer ${commentSafe(first?.finalAnswer?.raw ?? '')}: ${final ? '✓ correct' : '✗ wrong'}${first?.reply?.finalExplanation ? ` (${commentSafe(first.reply.finalExplanation)})` : ''}`);
  }
  lines.push('-->');
  return lines.join(eol);
}
