// SandboxFusion's `language` field (bytedance/SandboxFusion sandbox/runners/types.py, `Language`) against our
// registry: for every language of ours, the names SandboxFusion gives it and whether its response carries a
// compile_result (SandboxFusion's runner has a compile command: g++, go build, javac, rustc, dmd, scalac,
// iverilog); for every SandboxFusion name we cannot run, why. Its test-framework modes (pytest, jest, junit,
// go_test) are src/core/languages/test-modes.ts. The table is keyed by LanguageId, so a language added to the
// registry without a decision here is a type error; test/service/sandbox-fusion-languages.test.ts checks that
// every name of SandboxFusion's list has exactly one decision.
//
// What SandboxFusion's runners do with the names whose meaning is not obvious (sandbox/runners/minor.py):
//   D_ut           `dmd x.d -unittest` and the program: D whose unittest blocks run, which is how our `d` compiles
//                  (gdc -funittest), so it is our D. Its druntime runs the tests and then main only when there
//                  are no tests, as ours does (the same druntime rule).
//   kotlin_script  `kotlin x.kts`: a Kotlin script (top-level statements, no main), run by kotlinc's script
//                  host; ours runs a source file named *.kts the same way (see the kotlin registry entry).
//   R              `Rscript x.R`; racket `racket x.rkt`; scala `scalac` then `scala <first object>`;
//   verilog        `iverilog -g2012 -s tb` then `vvp -n`: ours too, but every root module is elaborated, not only `tb`.
//   racket         a failed rackunit check outside a test case only prints FAILURE there and the run is a
//                  Success; ours ends such a program with status 1 (see sandbox-images/racket/run.rkt), so it is Failed.
import { getLanguage, LANGUAGES } from '../core/languages/registry';
import { findTestMode, TEST_MODES, type TestModeSpec } from '../core/languages/test-modes';
import type { LanguageId, LanguageSpec } from '../core/languages/types';
import { invalid } from './errors';
import { languageNames, resolveLanguage } from './request-fields';

export interface SandboxFusionDecision {
  /** SandboxFusion's names for the language (our id and aliases are accepted besides). Empty: it has none. */
  names: readonly string[];
  /** The response reports the compile phase as compile_result (else a compile error is reported as the run). */
  compileResult?: true;
}

export const SANDBOX_FUSION_DECISIONS: Record<LanguageId, SandboxFusionDecision> = {
  python: { names: ['python'] },
  javascript: { names: ['nodejs'] },
  typescript: { names: ['typescript'] },
  // Not one of SandboxFusion's languages; its compile_result is reported as for C++.
  c: { names: [], compileResult: true },
  cpp: { names: ['cpp'], compileResult: true },
  java: { names: ['java'], compileResult: true },
  go: { names: ['go'], compileResult: true },
  rust: { names: ['rust'], compileResult: true },
  ruby: { names: ['ruby'] },
  bash: { names: ['bash'] },
  php: { names: ['php'] },
  lua: { names: ['lua'] },
  perl: { names: ['perl'] },
  // SandboxFusion's `dotnet run` builds inside the run; ours compiles with mcs first and reports that.
  csharp: { names: ['csharp'], compileResult: true },
  r: { names: ['R'] },
  scala: { names: ['scala'], compileResult: true },
  d: { names: ['D_ut'], compileResult: true },
  racket: { names: ['racket'] },
  kotlin: { names: [] },
  haskell: { names: [] },
  ocaml: { names: [] },
  elixir: { names: [] },
  erlang: { names: [] },
  fortran: { names: [] },
  pascal: { names: [] },
  nim: { names: [] },
  commonlisp: { names: [] },
  scheme: { names: [] },
  clojure: { names: [] },
  groovy: { names: [] },
  tcl: { names: [] },
  prolog: { names: [] },
  cobol: { names: [] },
  ada: { names: [] },
  octave: { names: [] },
  verilog: { names: ['verilog'], compileResult: true },
  crystal: { names: [] },
  awk: { names: [] },
};

/**
 * SandboxFusion's names for one form of one of our languages: the code runs as a file of that name, which picks
 * the form (kotlin_script: `main.kts`, a script rather than a program with main).
 */
export const SANDBOX_FUSION_FORMS: Record<string, { language: LanguageId; fileName: string }> = {
  kotlin_script: { language: 'kotlin', fileName: 'main.kts' },
};

/** SandboxFusion's names this service cannot run, and why (the reply to a request that names one). */
export const SANDBOX_FUSION_UNAVAILABLE: Record<string, string> = {
  cuda: 'CUDA needs an NVIDIA GPU and its toolkit; the sandboxes here have no GPU',
  python_gpu: 'GPU Python needs an NVIDIA GPU; the sandboxes here have no GPU (use python for CPU code)',
  julia: 'Julia is not packaged in Debian 12, which every sandbox image is built from',
  lean: 'Lean 4 and its Mathlib project are not packaged in Debian 12, which every sandbox image is built from',
  swift: 'Swift is not packaged in Debian 12, which every sandbox image is built from',
  sql: 'SQL is not one of the sandbox languages',
};

/** SandboxFusion's name → our language id, for every language it names (`nodejs` → javascript, `R` → r, …). */
const LANGUAGE_OF_NAME: Record<string, LanguageId> = Object.fromEntries(
  LANGUAGES.flatMap((l) => SANDBOX_FUSION_DECISIONS[l.id].names.map((name) => [name, l.id] as const)),
);

/** The names /run_code takes for a language: our id, then SandboxFusion's names and forms of it. */
export function runCodeNames(id: LanguageId): string[] {
  const forms = Object.entries(SANDBOX_FUSION_FORMS).filter(([, f]) => f.language === id).map(([name]) => name);
  return [...new Set([id, ...SANDBOX_FUSION_DECISIONS[id].names, ...forms])];
}

/**
 * The language a /run_code request names, by SandboxFusion's name or ours, with the file name that picks the
 * form SandboxFusion's name means, or the test-framework mode it names. A name SandboxFusion has and we cannot run, or no language at all, is a 400
 * that lists the names that work.
 */
export function resolveRunCodeLanguage(name: string): { language: LanguageSpec; fileName?: string; mode?: TestModeSpec } {
  const mode = findTestMode(name);
  if (mode) return { language: getLanguage(mode.language), mode };
  const form = SANDBOX_FUSION_FORMS[name];
  if (form) return { language: getLanguage(form.language), fileName: form.fileName };
  const extraNames = {
    ...LANGUAGE_OF_NAME,
    ...Object.fromEntries(Object.entries(SANDBOX_FUSION_FORMS).map(([n, f]) => [n, f.language])),
    ...Object.fromEntries(TEST_MODES.map((m) => [m.id, m.language])),
  };
  const why = SANDBOX_FUSION_UNAVAILABLE[name];
  if (why) {
    const allowed = languageNames(Object.keys(extraNames));
    throw invalid('language', `SandboxFusion's '${name}' cannot run here: ${why}. Supported: ${allowed.join(', ')}`, allowed);
  }
  const language = resolveLanguage(name, 'language', { extraNames });
  if (language === 'auto') throw invalid('language', 'must name a language');
  return { language };
}
