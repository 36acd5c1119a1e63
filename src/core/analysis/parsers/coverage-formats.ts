// Line coverage from each tool's machine-readable report, as executed / not-executed line sets of the user's file.
import { isSourceFile, parseJson, ToolOutputError, type ParseContext } from './common';

export interface LineCoverage {
  covered: number[];
  missed: number[];
}

const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

function fromCounts(counts: Map<number, number>): LineCoverage {
  const covered = new Set<number>();
  const missed = new Set<number>();
  for (const [line, count] of counts) (count > 0 ? covered : missed).add(line);
  return { covered: sorted(covered), missed: sorted(missed) };
}

/** coverage.py `coverage json`: `files[name].executed_lines` and `missing_lines`. */
export function parseCoveragePy(stdout: string, ctx: ParseContext): LineCoverage {
  const data = parseJson(stdout, 'coverage.py') as { files?: Record<string, { executed_lines: number[]; missing_lines: number[] }> };
  if (!data.files) throw new ToolOutputError('coverage.py: no files in its JSON');
  const entry = Object.entries(data.files).find(([name]) => isSourceFile(name, ctx));
  if (!entry) return { covered: [], missed: [] };
  return { covered: [...entry[1].executed_lines].sort((a, b) => a - b), missed: [...entry[1].missing_lines].sort((a, b) => a - b) };
}

/** gcov `--json-format --stdout`: per line `count`; lines absent from it are not executable. */
export function parseGcovJson(stdout: string, ctx: ParseContext): LineCoverage {
  const counts = new Map<number, number>();
  // gcov prints one JSON document per data file, one per line.
  for (const doc of stdout.split('\n').filter((l) => l.trim().startsWith('{'))) {
    const data = parseJson(doc, 'gcov') as { files?: { file: string; lines: { line_number: number; count: number }[] }[] };
    for (const file of data.files ?? []) {
      if (!isSourceFile(file.file, ctx)) continue;
      for (const l of file.lines) counts.set(l.line_number, Math.max(counts.get(l.line_number) ?? 0, l.count));
    }
  }
  return fromCounts(counts);
}

/** Go's cover profile: `mode: set` then `file:l1.c1,l2.c2 statements count`; a line is covered if any block over it ran. */
export function parseGoCoverProfile(profile: string, ctx: ParseContext): LineCoverage {
  if (!profile.startsWith('mode:')) throw new ToolOutputError(`go cover profile missing: ${profile.trim().slice(0, 200)}`);
  const counts = new Map<number, number>();
  for (const m of profile.matchAll(/^(.+):(\d+)\.\d+,(\d+)\.\d+ \d+ (\d+)$/gm)) {
    if (!isSourceFile(m[1], ctx)) continue;
    for (let line = Number(m[2]); line <= Number(m[3]); line++) counts.set(line, Math.max(counts.get(line) ?? 0, Number(m[4])));
  }
  return fromCounts(counts);
}

/** Ruby's `Coverage.result` for the file, dumped as JSON: an array with a count per line, null for non-code lines. */
export function parseRubyCoverage(stdout: string, ctx: ParseContext): LineCoverage {
  const data = parseJson(stdout, 'Ruby Coverage') as Record<string, { lines?: (number | null)[] }>;
  const entry = Object.entries(data).find(([name]) => isSourceFile(name, ctx));
  const counts = new Map<number, number>();
  entry?.[1].lines?.forEach((count, i) => {
    if (count !== null) counts.set(i + 1, count);
  });
  return fromCounts(counts);
}

interface V8Range {
  startOffset: number;
  endOffset: number;
  count: number;
}

/**
 * Node's V8 coverage (NODE_V8_COVERAGE): block ranges with counts over the script's characters; nested ranges
 * override outer ones. A line is covered when the count at its first non-blank character is positive; only lines
 * in `codeLines` (lines with code, from the syntax tree) count, so blank lines and comments are neither.
 */
export function parseV8Coverage(json: string, code: string, codeLines: ReadonlySet<number>, ctx: ParseContext): LineCoverage {
  const data = parseJson(json, 'V8 coverage') as { result?: { url: string; functions: { ranges: V8Range[] }[] }[] };
  const script = data.result?.find((r) => r.url.startsWith('file://') && isSourceFile(r.url, ctx));
  if (!script) throw new ToolOutputError('V8 coverage has no entry for the program');
  const ranges = script.functions.flatMap((f) => f.ranges).sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  const countAt = (offset: number) => {
    let count = 0;
    let width = Infinity;
    for (const r of ranges) {
      if (r.startOffset <= offset && offset < r.endOffset && r.endOffset - r.startOffset <= width) {
        count = r.count;
        width = r.endOffset - r.startOffset;
      }
    }
    return count;
  };
  const counts = new Map<number, number>();
  let offset = 0;
  code.split('\n').forEach((text, i) => {
    const line = i + 1;
    const indent = text.length - text.trimStart().length;
    if (codeLines.has(line)) counts.set(line, countAt(offset + indent));
    offset += text.length + 1;
  });
  return fromCounts(counts);
}
