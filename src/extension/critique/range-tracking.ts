// Keeps offsets of critiqued text valid while the note is edited: each content change either moves a range
// (text changed before it), leaves it alone (after it) or invalidates it (the change touches the range itself).
// Pure offsets, no VS Code types, so the rules are easy to see and to test.

/** Half-open span of UTF-16 offsets into a document: [start, end). */
export interface OffsetRange {
  start: number;
  end: number;
}

/** One replacement, as VS Code reports it (`rangeOffset`, `rangeLength`, `text`), relative to the text before it. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

/**
 * Where `range` is after `change`, or undefined when the change overlaps it (a step whose text changed loses its
 * verdict). An insertion exactly at the start moves the range; one exactly at the end leaves it as it is.
 */
export function moveRange(range: OffsetRange, change: TextChange): OffsetRange | undefined {
  const changeEnd = change.offset + change.length;
  if (changeEnd <= range.start) {
    const delta = change.text.length - change.length;
    return { start: range.start + delta, end: range.end + delta };
  }
  if (change.offset >= range.end) return range;
  return undefined;
}

/**
 * Like `moveRange` for a range that may change inside (a whole solution): edits strictly within it resize it;
 * an edit across one of its ends invalidates it.
 */
export function moveEnclosingRange(range: OffsetRange, change: TextChange): OffsetRange | undefined {
  const moved = moveRange(range, change);
  if (moved) return moved;
  const changeEnd = change.offset + change.length;
  if (change.offset >= range.start && changeEnd <= range.end) {
    return { start: range.start, end: range.end + change.text.length - change.length };
  }
  return undefined;
}

/** Applies VS Code's content changes of one event in order (they come sorted so that sequential application is right). */
export function moveThrough<R extends OffsetRange>(
  range: R | undefined,
  changes: readonly TextChange[],
  move: (r: OffsetRange, c: TextChange) => OffsetRange | undefined = moveRange,
): OffsetRange | undefined {
  let current: OffsetRange | undefined = range;
  for (const change of changes) {
    if (!current) return undefined;
    current = move(current, change);
  }
  return current;
}
