// The result of analysing one file: one section per category (MPLSandbox's five analyses).
import type { Diagnostic } from '../diagnostics/types';
import type { ProjectRequest } from '../projects/types';
import type { LimitOverrides } from '../sandbox/limits';
import type { SandboxLimits, TestCase } from '../sandbox/types';

export type AnalysisCategory = 'basic' | 'smell' | 'bug' | 'coverage' | 'efficiency';
export const ANALYSIS_CATEGORIES: readonly AnalysisCategory[] = ['basic', 'smell', 'bug', 'coverage', 'efficiency'];

/**
 * How a section ended. `unavailable`: the language has no tool for this category (or no grammar), said in `reason`;
 * `failed`: the tool exists but could not do its job (sandbox error, unparsable output), said in `reason`.
 */
export type SectionStatus = 'ok' | 'unavailable' | 'failed';

export interface SectionBase {
  status: SectionStatus;
  reason?: string;
  /** Tools that produced the section, e.g. `pylint`, `coverage.py`, `tree-sitter-python`. */
  tools: string[];
  diagnostics: Diagnostic[];
  durationMs: number;
}

export interface LineCounts {
  total: number;
  code: number;
  comment: number;
  blank: number;
}

export interface ControlFlowSummary {
  /** 1-based lines of each kind of control-flow node in the function (nested functions excluded). */
  branches: number[];
  loops: number[];
  returns: number[];
  throws: number[];
  tries: number[];
  handlers: number[];
}

export interface FunctionInfo {
  name: string;
  line: number;
  endLine: number;
  /** Lines of the function, start to end inclusive. */
  length: number;
  /** Name of the class (or impl, module) around it, if any. */
  container?: string;
  /** McCabe: 1 + decision points (branches, loops, handlers, short-circuit operators, non-default cases). */
  complexity: number;
  /** Deepest nesting of control structures inside the function. */
  maxNesting: number;
  controlFlow: ControlFlowSummary;
}

export interface TypeInfo {
  name: string;
  /** The grammar's node kind, shortened: `class`, `struct`, `interface`, `enum`, `trait`, `impl`, `module`. */
  kind: string;
  line: number;
  endLine: number;
}

export interface ImportInfo {
  text: string;
  line: number;
}

export interface BasicSection extends SectionBase {
  /** The grammar used, e.g. `tree-sitter-python`; null for a language without one. */
  grammar: string | null;
  lines: LineCounts;
  functions: FunctionInfo[];
  classes: TypeInfo[];
  imports: ImportInfo[];
  /** Control flow outside any function (scripts): complexity counted the same way as for a function. */
  topLevel: { complexity: number; controlFlow: ControlFlowSummary };
  /** Deepest nesting of control structures in the file. */
  maxNesting: number;
  /** Lines that the grammar could not parse (also reported as diagnostics). */
  syntaxErrorLines: number[];
}

export interface CaseCoverage {
  case: number;
  /** Lines of the user's file that ran / that could run but did not, 1-based, sorted. */
  covered: number[];
  missed: number[];
  /** covered / (covered + missed), 0..1; null when the tool found no executable lines. */
  percent: number | null;
  passed: boolean;
}

export interface CoverageSection extends SectionBase {
  cases: CaseCoverage[];
  /** Union over all cases. */
  total: { covered: number[]; missed: number[]; percent: number | null };
}

export interface ProfileEntry {
  /** Function (or symbol) name and, when known, its line in the user's file. */
  name: string;
  line?: number;
  /** Self cost in the profiler's unit. */
  self: number;
  /** Inclusive cost in the profiler's unit, when the profiler gives it. */
  inclusive?: number;
  calls?: number;
}

export interface CaseEfficiency {
  case: number;
  passed: boolean;
  status: string;
  /** Wall-clock time of the run phase, from the sandbox's process result. */
  durationMs: number;
  /** CPU time (user + system) of the run, when measured. */
  cpuMs: number | null;
  peakMemoryBytes: number | null;
}

export interface ProfileSummary {
  tool: string;
  /** `seconds` (cProfile), `microseconds` (V8 samples), `instructions` (callgrind). */
  unit: string;
  /** Total cost over the profiled run. */
  total: number;
  /** Highest self cost first. */
  entries: ProfileEntry[];
}

export interface EfficiencySection extends SectionBase {
  cases: CaseEfficiency[];
  /** Profile of the first case; null when the language has no profiler here (said in `profileReason`). */
  profile: ProfileSummary | null;
  profileReason?: string;
}

export type SmellSection = SectionBase;
export type BugSection = SectionBase;

export interface AnalysisSections {
  basic?: BasicSection;
  smell?: SmellSection;
  bug?: BugSection;
  coverage?: CoverageSection;
  efficiency?: EfficiencySection;
}

export interface AnalysisRequest {
  code: string;
  /** Language id, alias or `auto`. */
  language: string;
  fileName?: string;
  /** Test cases for coverage and efficiency; without them one run with empty stdin is measured. */
  cases?: TestCase[];
  /** Categories to run; default all. */
  only?: AnalysisCategory[];
  /**
   * Limits over the engine's (the same layers as a run's): `run` applies to the user's program (coverage and
   * efficiency cases), `compile` to the tools (linters, compilers, profilers).
   */
  limits?: LimitOverrides;
  signal?: AbortSignal;
  /** The code's project (its files in the work dir, linters see its imports; builds use the project plan). */
  project?: ProjectRequest;
}

export interface AnalysisResult {
  language: string;
  file: string;
  sections: AnalysisSections;
  /** Every section's diagnostics together, sorted by line. */
  diagnostics: Diagnostic[];
  /** The limits the sandbox sections ran under (absent when none ran in a container). */
  limits?: SandboxLimits;
  durationMs: number;
}
