// MPLSandbox's analysis keys (`MPLSANDBOX(data).run(analysis_type)` in its tool.py): "all" or one of the five
// names below, each filled with that analysis's report as text, as MPLSandbox returns it.
import { z } from 'zod';
import { formatSection } from './format-report';
import type { AnalysisCategory, AnalysisResult } from './types';

export const MPL_ANALYSIS_KEYS = {
  code_basic_analysis: 'basic',
  code_smell_analysis: 'smell',
  code_bug_analysis: 'bug',
  unit_test_analysis: 'coverage',
  code_efficiency_evaluation: 'efficiency',
} as const satisfies Record<string, AnalysisCategory>;

export type MplAnalysisKey = keyof typeof MPL_ANALYSIS_KEYS;

const keyNames = Object.keys(MPL_ANALYSIS_KEYS) as MplAnalysisKey[];
const analysisTypeShape = z.union([z.enum(['all', ...keyNames] as [string, ...string[]]), z.array(z.enum(keyNames as [string, ...string[]])).min(1)]);

/**
 * The analyses a request asks for: `"all"`, one key, or a list of keys (ours; MPLSandbox takes one).
 * Undefined when the request asks for none. Throws with the accepted names otherwise.
 */
export function parseMplAnalysisType(value: unknown): MplAnalysisKey[] | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const parsed = analysisTypeShape.safeParse(value);
  if (!parsed.success) throw new Error(`analysis_type must be "all" or one of ${keyNames.join(', ')} (or a list of them)`);
  if (parsed.data === 'all') return keyNames;
  return (Array.isArray(parsed.data) ? parsed.data : [parsed.data]) as MplAnalysisKey[];
}

export function categoriesFor(keys: readonly MplAnalysisKey[]): AnalysisCategory[] {
  return [...new Set(keys.map((k) => MPL_ANALYSIS_KEYS[k]))];
}

/** The requested keys filled from an analysis, in MPLSandbox's order. */
export function mplAnalysisFields(keys: readonly MplAnalysisKey[], result: AnalysisResult): Partial<Record<MplAnalysisKey, string>> {
  const fields: Partial<Record<MplAnalysisKey, string>> = {};
  for (const key of keyNames) if (keys.includes(key)) fields[key] = formatSection(MPL_ANALYSIS_KEYS[key], result.sections);
  return fields;
}
