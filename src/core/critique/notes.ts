/**
 * Markdown math notes → problems → steps, with exact source ranges.
 * Structure (paragraphs, lists, headings, fences) comes from markdown-it; display math blocks and
 * labels ("Problem 2:", "**Solution.**") are found on the raw text so that offsets stay exact.
 */
import MarkdownIt from 'markdown-it';
import type { FinalAnswer, MathProblem, MathStep, ParsedNote, SourceRange } from './types';
import { extractFinalAnswer } from './answers';

/** Converts offsets of one text into 1-based line/column ranges. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  range(startOffset: number, endOffset: number): SourceRange {
    const start = this.position(startOffset);
    const end = this.position(endOffset);
    return { startOffset, endOffset, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  }

  get source(): string {
    return this.text;
  }
}

interface Span {
  start: number;
  end: number;
  /** A row (or the whole) of a display math block: all of its text is math. */
  display?: boolean;
  /** The prose that leads into this display row (`Thus,`, `so the expression is`): the step starts there. */
  leadIn?: Span;
}

const md = new MarkdownIt('commonmark');

function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

// ---------------------------------------------------------------------------------------------
// Display math

const MATH_ENVIRONMENTS = 'align\\*?|aligned|alignat\\*?|gather\\*?|gathered|eqnarray\\*?|equation\\*?|multline\\*?|split|flalign\\*?';
const MATH_OPENER = new RegExp(`\\$\\$|\\\\\\[|\\\\begin\\{(${MATH_ENVIRONMENTS})\\}`, 'g');

interface MathBlock extends Span {
  /** The content between the delimiters. */
  inner: Span;
}

/** Display math blocks (`$$…$$`, `\[…\]`, `\begin{align*}…\end{align*}` and kin) inside `span`. */
function findMathBlocks(text: string, span: Span): MathBlock[] {
  const blocks: MathBlock[] = [];
  const slice = text.slice(0, span.end);
  MATH_OPENER.lastIndex = span.start;
  for (let m = MATH_OPENER.exec(slice); m; m = MATH_OPENER.exec(slice)) {
    const closer = m[0] === '$$' ? '$$' : m[0] === '\\[' ? '\\]' : `\\end{${m[1]}}`;
    const innerStart = m.index + m[0].length;
    const close = slice.indexOf(closer, innerStart);
    if (close < 0) break;
    blocks.push({ start: m.index, end: close + closer.length, inner: { start: innerStart, end: close } });
    MATH_OPENER.lastIndex = close + closer.length;
  }
  return blocks;
}

/** Rows of a math block split on top-level `\\` (inside a nested `aligned` too); one row when there are none. */
function mathRows(text: string, block: MathBlock): Span[] {
  let inner = block.inner;
  const nested = new RegExp(`\\\\begin\\{(${MATH_ENVIRONMENTS}|array\\}\\{[^}]*|cases)\\}`).exec(text.slice(inner.start, inner.end));
  if (nested && !nested[1].startsWith('array') && nested[1] !== 'cases') {
    const env = nested[1];
    const nestedStart = inner.start + nested.index + nested[0].length;
    const nestedEnd = text.indexOf(`\\end{${env}}`, nestedStart);
    if (nestedEnd > 0 && nestedEnd <= inner.end) inner = { start: nestedStart, end: nestedEnd };
  }
  const rows: Span[] = [];
  let depth = 0;
  let envDepth = 0;
  let rowStart = inner.start;
  for (let i = inner.start; i < inner.end; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '\\') {
      if (text.startsWith('\\begin{', i)) envDepth++;
      else if (text.startsWith('\\end{', i)) envDepth--;
      else if (text[i + 1] === '\\' && depth === 0 && envDepth === 0) {
        rows.push({ start: rowStart, end: i });
        i++;
        // `\\[2pt]` spacing belongs to the separator
        const spacing = /^\[[^\]]*\]/.exec(text.slice(i + 1, inner.end));
        if (spacing) i += spacing[0].length;
        rowStart = i + 1;
        continue;
      }
      i++;
    }
  }
  rows.push({ start: rowStart, end: inner.end });
  const nonEmpty = rows.map((r) => trimSpan(text, r)).filter((r) => /[^\s&]/.test(text.slice(r.start, r.end)));
  return (nonEmpty.length > 1 ? nonEmpty : [{ start: block.start, end: block.end }]).map((r) => ({ ...r, display: true }));
}

// ---------------------------------------------------------------------------------------------
// Steps

const FINAL_ANSWER_LINE = /^\s*(?:####|[>*_\s]*(?:final\s+)?answer\s*(?:\*\*|__)?\s*:)/i;
const STEP_HEADING_ONLY = /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*step\s*\d+\s*[:.)]?\s*(?:\*\*|__)?\s*$/i;
const CONTINUATION_END = /[,;(=+\-*/×÷]$|\\$/;

/** The plain text of a step: list markers, step labels, math fences, alignment marks and trailing `\\` removed. */
export function stepText(source: string): string {
  return source
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/^\s*(?:\*\*|__)?\s*step\s*\d+\s*[:.)]\s*(?:\*\*|__)?\s*/i, '')
    .replace(/\$\$|\\\[|\\\]/g, ' ')
    .replace(new RegExp(`\\\\(?:begin|end)\\{(?:${MATH_ENVIRONMENTS})\\}`, 'g'), ' ')
    .replace(/(^|[^\\])&/g, '$1')
    .replace(/\\\\\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits prose into steps: one per line, except that wrapped lines (next starts lowercase, or this one ends mid-expression) are joined. */
function proseSteps(text: string, span: Span): Span[] {
  const steps: Span[] = [];
  let current: Span | undefined;
  let lineStart = span.start;
  while (lineStart < span.end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > span.end) lineEnd = span.end;
    const line = trimSpan(text, { start: lineStart, end: lineEnd });
    const content = text.slice(line.start, line.end);
    if (line.end > line.start && !FINAL_ANSWER_LINE.test(content) && !STEP_HEADING_ONLY.test(content)) {
      const previous = current && text.slice(current.start, current.end);
      if (current && previous !== undefined && (/^[a-z(]/.test(content) || CONTINUATION_END.test(previous))) current.end = line.end;
      else {
        current = { ...line };
        steps.push(current);
      }
    } else current = undefined;
    lineStart = lineEnd + 1;
  }
  return steps.filter((s) => /[\p{L}\p{N}]/u.test(text.slice(s.start, s.end)));
}

/** Steps of a block of text that may hold display math: prose around the math, one step per math row. */
/** Asymptote diagrams (`[asy] … [/asy]`, as MATH and AoPS write figures): drawing code, not reasoning steps. */
const ASY_DIAGRAM = /\[asy\][\s\S]*?\[\/asy\]/g;

function blockSteps(text: string, span: Span): Span[] {
  const steps: Span[] = [];
  let cursor = span.start;
  for (const diagram of text.slice(span.start, span.end).matchAll(ASY_DIAGRAM)) {
    const start = span.start + diagram.index;
    steps.push(...diagramFreeSteps(text, { start: cursor, end: start }));
    cursor = start + diagram[0].length;
  }
  steps.push(...diagramFreeSteps(text, { start: cursor, end: span.end }));
  return steps;
}

/** Prose that does not end its sentence (`Thus,`, `and`, `so the expression becomes`) leads into the math after it. */
const SENTENCE_END = /[.?!](?:\$|\*\*|\)|")?\s*$/;

function diagramFreeSteps(text: string, span: Span): Span[] {
  const steps: Span[] = [];
  let cursor = span.start;
  for (const block of findMathBlocks(text, span)) {
    const prose = proseSteps(text, { start: cursor, end: block.start });
    const rows = mathRows(text, block);
    const last = prose[prose.length - 1];
    // One step per sentence: `Thus,` alone is no step a reader (or a critic) can judge.
    if (last && !SENTENCE_END.test(text.slice(last.start, last.end))) {
      prose.pop();
      rows[0] = { ...rows[0], leadIn: last };
    }
    steps.push(...prose, ...rows);
    cursor = block.end;
  }
  steps.push(...proseSteps(text, { start: cursor, end: span.end }));
  return steps;
}

interface Line extends Span {
  /** Start of the next line (or the text end). */
  next: number;
}

function linesOf(text: string, span: Span): Line[] {
  const lines: Line[] = [];
  let start = span.start;
  while (start <= span.end) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > span.end) end = span.end;
    lines.push({ start, end, next: end + 1 });
    if (end >= span.end) break;
    start = end + 1;
  }
  return lines;
}

/** Step spans of a solution region, found with markdown-it (lists, paragraphs, fences) and the math scanner. */
function solutionStepSpans(text: string, region: Span): Span[] {
  const sub = text.slice(region.start, region.end);
  const lines = linesOf(text, region);
  const lineSpan = (from: number, to: number): Span => ({ start: lines[from].start, end: lines[Math.min(to, lines.length) - 1].end });
  const tokens = md.parse(sub, {});
  const units: { span: Span; kind: 'list_item' | 'block' | 'skip' }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token.map) continue;
    if (token.level === 0 && (token.type === 'bullet_list_open' || token.type === 'ordered_list_open')) {
      let depth = 0;
      for (i++; i < tokens.length; i++) {
        const inner = tokens[i];
        if (inner.type === token.type) depth++;
        if (inner.type === token.type.replace('_open', '_close')) {
          if (depth === 0) break;
          depth--;
        }
        if (inner.type === 'list_item_open' && inner.level === 1 && inner.map) units.push({ span: lineSpan(inner.map[0], inner.map[1]), kind: 'list_item' });
      }
    } else if (token.level === 0 && token.nesting !== -1) {
      const kind = token.type === 'fence' || token.type === 'hr' ? 'skip' : 'block';
      units.push({ span: lineSpan(token.map[0], token.map[1]), kind });
    }
  }
  // A display math block or a diagram with blank lines inside is cut into several paragraphs by markdown-it:
  // merge them back (blockSteps then leaves the diagram out).
  const diagrams = [...sub.matchAll(ASY_DIAGRAM)].map((m) => ({ start: region.start + m.index, end: region.start + m.index + m[0].length }));
  for (const math of [...findMathBlocks(text, region), ...diagrams]) {
    const touching = units.filter((u) => u.span.end > math.start && u.span.start < math.end);
    if (touching.length > 1) {
      const merged = { span: { start: touching[0].span.start, end: Math.max(...touching.map((u) => u.span.end)) }, kind: 'block' as const };
      units.splice(units.indexOf(touching[0]), touching.length, merged);
    }
  }
  const steps: Span[] = [];
  for (const unit of units) {
    const span = trimSpan(text, { start: Math.max(unit.span.start, region.start), end: Math.min(unit.span.end, region.end) });
    if (span.end <= span.start || unit.kind === 'skip') continue;
    if (unit.kind === 'list_item') {
      const content = text.slice(span.start, span.end);
      if (!FINAL_ANSWER_LINE.test(content)) steps.push(span);
    } else steps.push(...blockSteps(text, span));
  }
  return steps;
}

function toSteps(index: LineIndex, spans: Span[]): MathStep[] {
  return spans.map((span, i) => {
    const start = span.leadIn?.start ?? span.start;
    const source = index.source.slice(start, span.end);
    // The lead-in stays prose; the math it leads into keeps its fences so that it is still read as math.
    const text = span.leadIn
      ? `${stepText(index.source.slice(span.leadIn.start, span.leadIn.end))} \\[${stepText(index.source.slice(span.start, span.end))}\\]`
      : stepText(source);
    return { index: i, source, text, range: index.range(start, span.end), ...(span.display ? { display: true } : {}) };
  });
}

/**
 * Splits a bare solution (a model's refined solution, a GSM8K answer) into steps; ranges are relative to
 * `solution`. GSM8K's `#### 72` line and "Answer: …" lines are the final answer, not steps.
 */
export function splitSolution(solution: string): MathStep[] {
  const index = new LineIndex(solution);
  return toSteps(index, solutionStepSpans(solution, { start: 0, end: solution.length }));
}

// ---------------------------------------------------------------------------------------------
// Problems

type LabelKind = 'problem' | 'solution' | 'answer';

interface Label {
  kind: LabelKind;
  title: string;
  lineStart: number;
  /** Heading level (1–6) when the label is a heading. */
  level?: number;
  /** Where the labelled content starts: after the label, on the same line or the next. */
  contentStart: number;
}

const LABEL =
  /^[ \t]{0,3}(#{1,6}[ \t]+)?(\*\*|__)?[ \t]*(problem|question|exercise|solution|proof|answer)(?:[ \t]+(\d+[a-z]?|[a-z]|[ivx]+)\b)?[ \t]*(\*\*|__)?[ \t]*([:.)]?)[ \t]*(\*\*|__)?[ \t]*(:?)[ \t]*/i;

function findLabels(text: string): Label[] {
  const labels: Label[] = [];
  const excluded = findMathBlocks(text, { start: 0, end: text.length });
  const fences = md.parse(text, {}).filter((t) => t.type === 'fence' && t.map);
  const lines = linesOf(text, { start: 0, end: text.length });
  for (const fence of fences) excluded.push({ start: lines[fence.map![0]].start, end: lines[fence.map![1] - 1].end, inner: { start: 0, end: 0 } });
  for (const line of lines) {
    if (excluded.some((b) => line.start >= b.start && line.start < b.end)) continue;
    const m = LABEL.exec(text.slice(line.start, line.end));
    if (!m) continue;
    const [, heading, boldOpen, word, number, boldClose, punctuation, boldAfter, colonAfter] = m;
    const emphasised = Boolean(heading) || (Boolean(boldOpen) && Boolean(boldClose || boldAfter));
    const rest = text.slice(line.start + m[0].length, line.end);
    // A plain line needs punctuation after the label ("Solution:"), or nothing else on the line.
    if (!emphasised && !punctuation && !colonAfter && rest.trim() !== '') continue;
    const lower = word.toLowerCase();
    const kind: LabelKind = lower === 'answer' ? 'answer' : lower === 'solution' || lower === 'proof' ? 'solution' : 'problem';
    const label = `${word[0].toUpperCase()}${word.slice(1).toLowerCase()}${number ? ` ${number}` : ''}`;
    // The rest of a heading is its title ("## Problem 1: Eggs"); the rest of a bold or plain label line is content.
    const headingTitle = heading && rest.trim() !== '' ? `${label}: ${rest.replace(/[#*_\s]+$/, '').trim()}` : label;
    const contentOnNextLine = rest.trim() === '' || Boolean(heading);
    labels.push({
      kind,
      title: headingTitle,
      lineStart: line.start,
      ...(heading ? { level: heading.trim().length } : {}),
      contentStart: contentOnNextLine ? Math.min(line.next, text.length) : line.start + m[0].length,
    });
  }
  return labels;
}

/** Headings that are not labels ("## Notes", "# Chapter 2"): they end a solution that is open. */
function otherHeadings(text: string, labels: Label[]): { lineStart: number; level: number }[] {
  const lines = linesOf(text, { start: 0, end: text.length });
  const labelStarts = new Set(labels.map((l) => l.lineStart));
  return md
    .parse(text, {})
    .filter((t) => t.type === 'heading_open' && t.map)
    .map((t) => ({ lineStart: lines[t.map![0]].start, level: t.markup.startsWith('#') ? t.markup.length : t.tag === 'h1' ? 1 : 2 }))
    .filter((h) => !labelStarts.has(h.lineStart));
}

const QUESTION_START = /^\s*(?:find|compute|calculate|evaluate|simplify|solve|determine|what|how|which|show|prove|let|if|suppose|given|a|an|the)\b/i;
const FINAL_ANSWER_MARK = /\\boxed\s*\{|^\s*####|the answer is|final answer|^\s*answer\s*:/im;

/** Question/solution split of an unlabelled region, or undefined when its shape is not clear. */
function splitUnlabelled(text: string, region: Span): { question: Span; solution: Span } | undefined {
  const lines = linesOf(text, region).filter((l) => text.slice(l.start, l.end).trim() !== '');
  if (lines.length < 2) return undefined;
  // The question ends at the first line ending in "?" (GSM8K and most word problems) ...
  const questionEnd = lines.findIndex((l) => /\?[\s$*_)]*$/.test(text.slice(l.start, l.end)));
  if (questionEnd >= 0 && questionEnd < lines.length - 1) {
    return { question: { start: lines[0].start, end: lines[questionEnd].end }, solution: { start: lines[questionEnd + 1].start, end: region.end } };
  }
  // ... or at the first blank line when it reads like a task and the rest ends with a final answer.
  const blank = /\n[ \t]*\n/.exec(text.slice(region.start, region.end));
  if (!blank) return undefined;
  const question = trimSpan(text, { start: region.start, end: region.start + blank.index });
  const solution = { start: region.start + blank.index + blank[0].length, end: region.end };
  const questionText = text.slice(question.start, question.end);
  if (QUESTION_START.test(questionText) && FINAL_ANSWER_MARK.test(text.slice(solution.start, solution.end))) return { question, solution };
  return undefined;
}

interface ProblemDraft {
  title?: string;
  question: Span;
  solution: Span;
}

function problemDrafts(text: string): ProblemDraft[] {
  const labels = findLabels(text);
  const boundaries = otherHeadings(text, labels);
  const drafts: ProblemDraft[] = [];
  type Open = { title?: string; level?: number; questionStart: number; questionEnd?: number; solutionStart?: number };
  let open: Open | undefined;
  const close = (end: number) => {
    if (!open) return;
    if (open.solutionStart !== undefined) {
      drafts.push({ title: open.title, question: { start: open.questionStart, end: open.questionEnd! }, solution: { start: open.solutionStart, end } });
    } else {
      const split = splitUnlabelled(text, { start: open.questionStart, end });
      if (split) drafts.push({ title: open.title, ...split });
    }
    open = undefined;
  };
  // A heading that is no label ends an open solution when it is at the problem's level or above (a
  // "## Notes" after "## Problem 1"), so that what follows is not taken for more steps.
  const closeAtBoundaries = (before: number) => {
    while (boundaries.length && boundaries[0].lineStart < before) {
      const heading = boundaries.shift()!;
      if (open?.solutionStart !== undefined && heading.lineStart >= open.solutionStart && (open.level === undefined || heading.level <= open.level)) close(heading.lineStart);
    }
  };
  for (const label of labels) {
    closeAtBoundaries(label.lineStart);
    if (label.kind === 'problem') {
      close(label.lineStart);
      open = { title: label.title, level: label.level, questionStart: label.contentStart };
    } else if (open?.solutionStart === undefined) {
      // "Answer: 18" after unlabelled solution lines is the final answer of that solution, not its start.
      const inline = label.contentStart < (text.indexOf('\n', label.lineStart) + 1 || text.length + 1);
      if (label.kind === 'answer' && inline && splitUnlabelled(text, { start: open?.questionStart ?? 0, end: label.lineStart })) continue;
      // "Answer:" opens the solution only when there is no "Solution:" (Question/Answer pairs); after one it is the final answer.
      open ??= { questionStart: 0 };
      open.questionEnd = label.lineStart;
      open.solutionStart = label.contentStart;
    }
  }
  closeAtBoundaries(text.length);
  close(text.length);
  if (labels.length === 0) {
    const split = splitUnlabelled(text, { start: 0, end: text.length });
    if (split) drafts.push(split);
  }
  return drafts;
}

function finalAnswerIn(index: LineIndex, solution: Span): FinalAnswer | undefined {
  const found = extractFinalAnswer(index.source.slice(solution.start, solution.end));
  if (!found) return undefined;
  return { raw: found.raw, normalized: found.normalized, range: index.range(solution.start + found.startOffset, solution.start + found.endOffset) };
}

const EXPECTED_SHAPE =
  'expected a question followed by its solution: "Problem"/"Question" and "Solution"/"Answer" labels (headings or bold), or a question ending in "?" followed by solution lines, with steps as lines, list items or rows of a $$…$$ / \\begin{align}…\\end{align} block';

/** Parses a Markdown math note into problems, each with its question, solution steps and final answer. */
export function parseNote(text: string): ParsedNote {
  const index = new LineIndex(text);
  const problems: MathProblem[] = [];
  for (const draft of problemDrafts(text)) {
    const question = trimSpan(text, draft.question);
    const solution = trimSpan(text, draft.solution);
    const steps = toSteps(index, solutionStepSpans(text, solution));
    if (steps.length === 0) continue;
    problems.push({
      index: problems.length,
      ...(draft.title ? { title: draft.title } : {}),
      question: text.slice(question.start, question.end),
      questionRange: index.range(question.start, question.end),
      solutionRange: index.range(solution.start, solution.end),
      steps,
      finalAnswer: finalAnswerIn(index, solution),
    });
  }
  if (problems.length === 0) {
    const what = text.trim() === '' ? 'the note is empty' : 'no question with solution steps was recognised';
    return { problems, message: `no solution steps found: ${what}; ${EXPECTED_SHAPE}.` };
  }
  return { problems };
}
