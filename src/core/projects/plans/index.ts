// The project run plan of each language: how a developer would compile and run this project.
import { planGo } from './go';
import { planJava } from './java';
import { planNative } from './native';
import { planPython } from './python';
import { planRust } from './rust';
import { planCSharp, planScript, planTypeScript } from './scripts';
import type { PlanInput, ProjectPlan } from './types';
import type { LanguageId } from '../../languages/types';

export type { PlanInput, ProjectPlan } from './types';

// A language without an entry runs the entry where it is with its single-file commands (planSingle).
const PLANNERS: Partial<Record<LanguageId, (input: PlanInput) => ProjectPlan | undefined>> = {
  python: planPython,
  javascript: planScript,
  typescript: planTypeScript,
  c: planNative,
  cpp: planNative,
  java: planJava,
  go: planGo,
  // A .rs file outside a crate is compiled by rustc, which reads its `mod` files beside it.
  rust: (input) => planRust(input) ?? planSingle(input),
  ruby: planScript,
  bash: planScript,
  php: planScript,
  lua: planScript,
  perl: planScript,
  csharp: planCSharp,
};

/** The registry's own commands on the entry, where it is. */
function planSingle({ lang, entry }: PlanInput): ProjectPlan {
  return { compile: lang.compile?.(entry), run: lang.run(entry), description: `${entry} with the single-file commands` };
}

/** The plan for running `input.entry` within its project. */
export function planProjectRun(input: PlanInput): ProjectPlan {
  return PLANNERS[input.lang.id]?.(input) ?? planSingle(input);
}
