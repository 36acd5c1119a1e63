// An AnalysisResult as text for people (the CLI, the Output channel, MPLSandbox's analysis keys): one block
// per section, diagnostics as file:line:col lines.
import type { Diagnostic } from '../diagnostics/types';
import type { AnalysisCategory, AnalysisResult, AnalysisSections, BasicSection, CoverageSection, EfficiencySection, SectionBase } from './types';

const mib = (b: number | null) => (b == null ? '?' : `${(b / 1024 / 1024).toFixed(1)} MiB`);
const pct = (p: number | null) => (p == null ? 'n/a' : `${(p * 100).toFixed(0)}%`);

/** `1,2,3,7,8` → `1-3, 7-8`. */
export function lineRanges(lines: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    out.push(i === j ? `${lines[i]}` : `${lines[i]}-${lines[j]}`);
    i = j;
  }
  return out.join(', ');
}

function header(name: string, s: SectionBase): string {
  const status = s.status === 'ok' ? '' : ` — ${s.status}: ${s.reason ?? ''}`;
  return `── ${name}${s.tools.length ? ` (${s.tools.join(', ')})` : ''} ${Math.round(s.durationMs)} ms${status}`;
}

function basic(s: BasicSection): string[] {
  const out = [header('basic', s)];
  out.push(`  lines: ${s.lines.total} (code ${s.lines.code}, comment ${s.lines.comment}, blank ${s.lines.blank}); max nesting ${s.maxNesting}`);
  if (s.imports.length) out.push(`  imports: ${s.imports.map((i) => `${i.text} (line ${i.line})`).join('; ')}`);
  for (const c of s.classes) out.push(`  ${c.kind} ${c.name}: lines ${c.line}-${c.endLine}`);
  for (const f of s.functions) {
    const cf = f.controlFlow;
    out.push(
      `  function ${f.container ? `${f.container}.` : ''}${f.name}: lines ${f.line}-${f.endLine}, complexity ${f.complexity}, nesting ${f.maxNesting}; ` +
        `${cf.branches.length} branches, ${cf.loops.length} loops, ${cf.returns.length} returns, ${cf.throws.length} throws, ${cf.handlers.length} handlers`,
    );
  }
  return out;
}

function coverage(s: CoverageSection): string[] {
  const out = [header('coverage', s)];
  for (const c of s.cases) out.push(`  case ${c.case} (${c.passed ? 'passed' : 'failed'}): ${pct(c.percent)} of lines; missed ${lineRanges(c.missed) || 'none'}`);
  if (s.status === 'ok') out.push(`  all cases: ${pct(s.total.percent)}; never run: ${lineRanges(s.total.missed) || 'none'}`);
  return out;
}

function efficiency(s: EfficiencySection): string[] {
  const out = [header('efficiency', s)];
  for (const c of s.cases) out.push(`  case ${c.case} (${c.status}): wall ${c.durationMs} ms, CPU ${c.cpuMs ?? '?'} ms, peak ${mib(c.peakMemoryBytes)}`);
  if (s.profile) {
    out.push(`  profile (${s.profile.tool}, total ${s.profile.total.toLocaleString('en-US')} ${s.profile.unit}):`);
    for (const e of s.profile.entries.slice(0, 8)) out.push(`    ${String(Math.round(e.self * 1e6) / 1e6).padStart(12)}  ${e.name}${e.line ? ` (line ${e.line})` : ''}${e.calls ? ` ×${e.calls}` : ''}`);
  } else if (s.profileReason) out.push(`  profile: ${s.profileReason}`);
  return out;
}

function sectionLines(category: AnalysisCategory, s: AnalysisSections): string[] {
  switch (category) {
    case 'basic':
      return s.basic ? basic(s.basic) : [];
    case 'coverage':
      return s.coverage ? coverage(s.coverage) : [];
    case 'efficiency':
      return s.efficiency ? efficiency(s.efficiency) : [];
    case 'smell':
    case 'bug': {
      const section = s[category];
      if (!section) return [];
      return [header(category, section), ...(section.status === 'ok' && section.diagnostics.length === 0 ? ['  no findings'] : [])];
    }
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${d.code ? ` [${d.code}]` : ''} (${d.source})`;
}

/** One section with its own findings, e.g. for MPLSandbox's per-analysis keys. */
export function formatSection(category: AnalysisCategory, sections: AnalysisSections): string {
  const section = sections[category];
  if (!section) return '';
  return `${[...sectionLines(category, sections), ...section.diagnostics.map(formatDiagnostic)].join('\n')}\n`;
}

export function formatAnalysis(r: AnalysisResult): string {
  const out: string[] = [`${r.file} · ${r.language}`];
  for (const category of ['basic', 'smell', 'bug', 'coverage', 'efficiency'] as const) out.push(...sectionLines(category, r.sections));
  out.push(...r.diagnostics.map(formatDiagnostic));
  return `${out.join('\n')}\n`;
}
