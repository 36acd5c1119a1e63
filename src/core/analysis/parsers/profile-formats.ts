// Profiles: Python's pstats (dumped as JSON by a helper), V8's .cpuprofile, and valgrind's callgrind.out format.
import type { ProfileEntry, ProfileSummary } from '../types';
import { isSourceFile, parseJson, ToolOutputError, type ParseContext } from './common';

const TOP = 15;

function summary(tool: string, unit: string, total: number, entries: ProfileEntry[]): ProfileSummary {
  return { tool, unit, total, entries: entries.sort((a, b) => b.self - a.self).slice(0, TOP) };
}

/** `[[file, line, name, primitive calls, total calls, self seconds, inclusive seconds], …]` from PSTATS_TO_JSON. */
export function parsePstatsJson(stdout: string, ctx: ParseContext): ProfileSummary {
  const rows = parseJson(stdout, 'cProfile') as [string, number, string, number, number, number, number][];
  if (!Array.isArray(rows)) throw new ToolOutputError('cProfile: expected a JSON array');
  const entries = rows.map(([file, line, name, , calls, self, inclusive]) => ({
    name: isSourceFile(file, ctx) ? name : `${name} (${file.replace(/^.*\//, '') || 'builtin'})`,
    ...(isSourceFile(file, ctx) ? { line } : {}),
    self,
    inclusive,
    calls,
  }));
  const total = entries.reduce((sum, e) => sum + e.self, 0);
  return summary('cProfile', 'seconds', total, entries);
}

/** Prints the pstats of PROFILE_FILE as JSON rows; run with python3 -c. */
export const PSTATS_TO_JSON = [
  'import json, pstats, sys',
  's = pstats.Stats(sys.argv[1])',
  'print(json.dumps([[f, l, n, cc, nc, tt, ct] for (f, l, n), (cc, nc, tt, ct, _) in s.stats.items()]))',
].join('\n');

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** V8 `--cpu-prof`: samples (node ids) with time deltas in microseconds; self time per function. */
export function parseCpuProfile(json: string, ctx: ParseContext): ProfileSummary {
  const data = parseJson(json, 'cpuprofile') as { nodes?: CpuProfileNode[]; samples?: number[]; timeDeltas?: number[] };
  if (!data.nodes || !data.samples || !data.timeDeltas) throw new ToolOutputError('cpuprofile without nodes or samples');
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const self = new Map<string, ProfileEntry>();
  let total = 0;
  data.samples.forEach((id, i) => {
    const node = byId.get(id);
    const delta = data.timeDeltas?.[i] ?? 0;
    if (!node) return;
    total += delta;
    const frame = node.callFrame;
    const own = isSourceFile(frame.url, ctx);
    const name = frame.functionName || (own ? '(top level)' : `(${frame.url ? 'anonymous' : frame.functionName || 'program'})`);
    const key = `${name}@${frame.url}:${frame.lineNumber}`;
    const entry = self.get(key) ?? { name: own ? name : `${name}${frame.url ? ` (${frame.url.replace(/^.*\//, '')})` : ''}`, ...(own ? { line: frame.lineNumber + 1 } : {}), self: 0 };
    entry.self += delta;
    self.set(key, entry);
  });
  return summary('node --cpu-prof', 'microseconds', total, [...self.values()]);
}

/**
 * callgrind.out: `fn=(id) name` opens a function, cost lines `position cost` add to its self cost, and the cost line
 * after `calls=` is the inclusive cost of that call. Names may be compressed: `(id)` alone refers back.
 */
export function parseCallgrind(text: string, ctx: ParseContext): ProfileSummary {
  if (!/^events:/m.test(text)) throw new ToolOutputError('callgrind output without events');
  const names = new Map<string, string>();
  const files = new Map<string, string>();
  const resolve = (map: Map<string, string>, spec: string) => {
    const m = /^\((\d+)\)(?:\s+(.*))?$/.exec(spec.trim());
    if (!m) return spec.trim();
    if (m[2] !== undefined) map.set(m[1], m[2]);
    return map.get(m[1]) ?? spec;
  };
  const entries = new Map<string, ProfileEntry & { file: string }>();
  let file = '';
  let current: (ProfileEntry & { file: string }) | undefined;
  let callCost = false;
  let position = 0;
  let total = 0;
  for (const line of text.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^fl=(.*)$/.exec(line))) file = resolve(files, m[1]);
    else if ((m = /^f[ie]=(.*)$/.exec(line))) resolve(files, m[1]);
    else if ((m = /^fn=(.*)$/.exec(line))) {
      const name = resolve(names, m[1]);
      const key = `${file}\0${name}`;
      current = entries.get(key) ?? { name, file, self: 0, inclusive: 0 };
      entries.set(key, current);
    } else if ((m = /^c(?:fn|fi|fl|ob)=(.*)$/.exec(line))) {
      if (line.startsWith('cfn=')) resolve(names, m[1]);
      else if (!line.startsWith('cob=')) resolve(files, m[1]);
    } else if (line.startsWith('calls=')) callCost = true;
    else if ((m = /^([+-]?\d+|\*)\s+(\d+)/.exec(line)) && current) {
      // Positions are line numbers, absolute or relative to the previous cost line (`+2`, `-1`, `*` for the same).
      position = m[1] === '*' ? position : /^[+-]/.test(m[1]) ? position + Number(m[1]) : Number(m[1]);
      if (current.line === undefined && position > 0 && !callCost) current.line = position;
      const cost = Number(m[2]);
      if (callCost) current.inclusive = (current.inclusive ?? 0) + cost;
      else {
        current.self += cost;
        current.inclusive = (current.inclusive ?? 0) + cost;
      }
      callCost = false;
    } else if ((m = /^(?:summary|totals):\s*(\d+)/.exec(line))) total = Math.max(total, Number(m[1]));
  }
  const list = [...entries.values()].map(({ file: f, line, ...e }) =>
    isSourceFile(f, ctx) ? { ...e, ...(line !== undefined ? { line } : {}) } : { ...e, name: `${e.name} (${f.replace(/^.*\//, '') || '?'})` },
  );
  return summary('valgrind --tool=callgrind', 'instructions', total, list);
}
