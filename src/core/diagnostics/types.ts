/** One finding on the user's file, from a compiler, a runtime error, a linter or a critic. Lines and columns are 1-based. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Diagnostic {
  /** Path of the file as the user knows it (the name given to the engine), not the name inside the container. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: Severity;
  message: string;
  /** Rule or error id, e.g. `E0308`, `TS2322`, `W0611`. */
  code?: string;
  /** The tool that reported it, e.g. `gcc`, `rustc`, `python`, `pylint`. */
  source: string;
}
