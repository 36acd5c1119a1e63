// Reads the AutoMathCritique text format:
//   Step sentence: …
//   Correctness of the step: Correct | Wrong
//   Explanation: …
//   …
//   Correctness of the final answer: Correct | Wrong
//   Explanation: …
// tolerating Markdown decoration (bold labels, bullets, headings), blank lines between fields, "Step 3:" labels,
// verdicts on the next line, and a reply that is still streaming or was cut off.
import type { CritiqueEntries, CritiqueEntry } from './reply-entries';
import { readVerdict } from './verdict-words';

type LabelKind = 'sentence' | 'step-verdict' | 'final-verdict' | 'explanation';

const DECORATION = String.raw`\s*(?:[-*+>]\s+|#{1,6}\s*|\d+[.)]\s+)?(?:\*\*|__)?\s*`;
const COLON = String.raw`\s*(?:\(\s*\d+\s*\))?\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s?`;
const LABELS: [LabelKind, RegExp][] = [
  ['final-verdict', new RegExp(`^${DECORATION}(?:correctness of (?:the )?final answer|final answer correctness|final verdict)${COLON}(.*)$`, 'i')],
  ['step-verdict', new RegExp(`^${DECORATION}(?:correctness(?: of (?:the |this )?step)?(?:\\s*\\d+)?|verdict)${COLON}(.*)$`, 'i')],
  ['sentence', new RegExp(`^${DECORATION}(?:step sentence(?:\\s*\\d+)?|step\\s*\\d+(?: sentence)?)${COLON}(.*)$`, 'i')],
  ['explanation', new RegExp(`^${DECORATION}(?:explanation|reason(?:ing)?)${COLON}(.*)$`, 'i')],
];

function label(line: string): { kind: LabelKind; rest: string } | undefined {
  for (const [kind, pattern] of LABELS) {
    const match = pattern.exec(line);
    if (match) return { kind, rest: match[1].replace(/(?:\*\*|__)\s*$/, '').trim() };
  }
  return undefined;
}

function append(existing: string | undefined, line: string): string {
  const trimmed = line.trim();
  if (!trimmed) return existing ?? '';
  return existing ? `${existing}\n${trimmed}` : trimmed;
}

/**
 * `settled`: false while the reply may still grow or was cut off; then a last line without its newline is read
 * for text but not for verdicts ("Correctness of the step: Wr…" decides nothing).
 */
export function parseTextCritique(text: string, settled: boolean): CritiqueEntries {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const lastLineOpen = !settled && !text.endsWith('\n');
  const entries: CritiqueEntry[] = [];
  let current: CritiqueEntry | undefined;
  let field: 'sentence' | 'explanation' | 'final-explanation' | 'step-verdict' | 'final-verdict' | undefined;
  let finalAnswerCorrect: boolean | undefined;
  let finalExplanation: string | undefined;
  let afterFinal = false;

  const setStepVerdict = (value: string) => {
    const verdict = readVerdict(value);
    if (!current) {
      current = { sentence: '' };
      entries.push(current);
    }
    current.verdict = verdict;
  };
  const setFinalVerdict = (value: string) => {
    const verdict = readVerdict(value);
    finalAnswerCorrect = verdict === undefined ? undefined : verdict === 'correct';
    // "Step sentence: The answer is 630." followed directly by the final verdict: that verdict judges the step too.
    if (current && current.verdict === undefined && current.sentence && verdict) {
      current.verdict = verdict;
      current.judgedWithFinalAnswer = true;
    }
  };

  lines.forEach((line, i) => {
    const open = lastLineOpen && i === lines.length - 1;
    const found = label(line);
    if (found) {
      if (found.kind === 'sentence') {
        current = { sentence: found.rest };
        entries.push(current);
        field = 'sentence';
        afterFinal = false;
      } else if (found.kind === 'step-verdict') {
        field = 'step-verdict';
        if (found.rest && !open) setStepVerdict(found.rest);
        afterFinal = false;
      } else if (found.kind === 'final-verdict') {
        field = 'final-verdict';
        if (found.rest && !open) setFinalVerdict(found.rest);
        afterFinal = true;
      } else if (afterFinal) {
        field = 'final-explanation';
        finalExplanation = append(undefined, found.rest);
      } else {
        field = 'explanation';
        if (current) current.explanation = append(undefined, found.rest);
      }
      return;
    }
    if (!line.trim()) return;
    // An unlabelled line continues the field above it; a verdict given on the line after its label counts too.
    if (field === 'sentence' && current) current.sentence = append(current.sentence, line);
    else if (field === 'explanation' && current) current.explanation = append(current.explanation, line);
    else if (field === 'final-explanation') finalExplanation = append(finalExplanation, line);
    else if (field === 'step-verdict' && !open && current?.verdict === undefined) setStepVerdict(line);
    else if (field === 'final-verdict' && !open && finalAnswerCorrect === undefined) setFinalVerdict(line);
  });

  const last = entries.at(-1);
  const endsUnfinished = finalAnswerCorrect === undefined && last !== undefined && last.verdict === undefined;
  return { format: 'text', entries, finalAnswerCorrect, finalExplanation, endsUnfinished };
}
