// `go vet -json` (one JSON object per package on stderr, after `# package` lines) and `gofmt -d` (a unified diff).
import type { Diagnostic } from '../../diagnostics/types';
import { diagnostic, isSourceFile, ToolOutputError, type ParseContext } from './common';

type VetReport = Record<string, Record<string, { posn: string; message: string }[] | { error: string }>>;

/** Splits concatenated top-level JSON objects (`{…}\n{…}`) by brace depth, strings respected. */
function jsonObjects(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') {
      if (depth++ === 0) start = i;
    } else if (ch === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

export function parseGoVet(output: string, ctx: ParseContext): Diagnostic[] {
  const text = output
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
  let reports: unknown[];
  try {
    reports = jsonObjects(text);
  } catch {
    throw new ToolOutputError(`go vet printed no JSON: ${output.trim().slice(0, 300)}`);
  }
  if (reports.length === 0 && /\S/.test(text)) throw new ToolOutputError(`go vet: ${text.trim().slice(0, 300)}`);
  const out: Diagnostic[] = [];
  for (const report of reports as VetReport[]) {
    for (const analyzers of Object.values(report)) {
      for (const [analyzer, findings] of Object.entries(analyzers)) {
        if (!Array.isArray(findings)) continue;
        for (const f of findings) {
          const m = /^(.*):(\d+):(\d+)$/.exec(f.posn);
          if (!m || !isSourceFile(m[1], ctx)) continue;
          out.push(diagnostic(ctx, { line: Number(m[2]), column: Number(m[3]), severity: 'warning', message: f.message, code: analyzer, source: 'go vet' }));
        }
      }
    }
  }
  return out;
}

/** One diagnostic per hunk of `gofmt -d`: the first changed line of the original file. */
export function parseGofmtDiff(diff: string, ctx: ParseContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = diff.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const hunk = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/.exec(lines[i]);
    if (!hunk) continue;
    let line = Number(hunk[1]);
    for (let j = i + 1; j < lines.length && !lines[j].startsWith('@@'); j++) {
      if (lines[j].startsWith('-')) break;
      if (lines[j].startsWith(' ')) line++;
    }
    out.push(diagnostic(ctx, { line, column: 1, severity: 'info', message: 'not formatted as gofmt formats it', code: 'gofmt', source: 'gofmt' }));
  }
  return out;
}
