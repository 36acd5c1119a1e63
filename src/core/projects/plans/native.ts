// C and C++: the project's translation units are compiled and linked together, with every folder that
// holds headers on the include path. Units that define their own `main` (other programs, tests) are
// left out, except the entry. The compiler flags are the registry's (standard, warnings, -O2, -lm).
import { dirOf, PROJECT_OUT_DIR, type PlanInput, type ProjectPlan } from './types';

const UNITS = { c: ['.c'], cpp: ['.cpp', '.cc', '.cxx', '.c++'] } as const;
const HEADERS = ['.h', '.hh', '.hpp', '.hxx', '.inc'];
/** A definition of main at the start of a line (after its return type): `int main(`, `int main (void)`. */
const DEFINES_MAIN = /^[ \t]*(?:(?:static|extern)\s+)?(?:int|void|auto)\s+main\s*\(/m;

function hasExt(path: string, exts: readonly string[]): boolean {
  const lower = path.toLowerCase();
  return exts.some((e) => lower.endsWith(e));
}

const TEST_FOLDER = /(^|\/)(tests?|examples?|bench(marks?)?)\//;

/**
 * Running a file without main (util.c) runs the project's program: the one main beside the file, else
 * the one outside test and example folders.
 */
function programFor(entry: string, mains: string[]): string | undefined {
  const beside = mains.filter((m) => dirOf(m) === dirOf(entry));
  if (beside.length === 1) return beside[0];
  const programs = mains.filter((m) => !TEST_FOLDER.test(m));
  return programs.length === 1 ? programs[0] : mains.length === 1 ? mains[0] : undefined;
}

export function planNative(input: PlanInput): ProjectPlan {
  const { lang, paths, entry } = input;
  const unitExts = lang.id === 'c' ? UNITS.c : UNITS.cpp;
  const units = paths.filter((p) => hasExt(p, unitExts));
  const withMain = new Set(units.filter((p) => DEFINES_MAIN.test(input.read(p))));
  const program = withMain.has(entry) ? entry : (programFor(entry, [...withMain]) ?? entry);
  const chosen = units.filter((p) => !withMain.has(p) || p === program);
  if (!chosen.includes(program) && hasExt(program, unitExts)) chosen.unshift(program);
  const includeDirs = [...new Set(paths.filter((p) => hasExt(p, HEADERS)).map((p) => dirOf(p) || '.'))].sort();
  if (!includeDirs.includes('.')) includeDirs.unshift('.');
  const binary = `${PROJECT_OUT_DIR}/main`;
  // The registry's command, e.g. [gcc, -std=gnu17, -O2, -Wall, …, -o, main, SRC, -lm]: keep its flags and libraries.
  const single = lang.compile?.(entry) ?? [];
  const out = single.indexOf('-o');
  const flags = single.slice(0, out);
  const libs = single.slice(out + 3);
  return {
    compile: [...flags, ...includeDirs.map((d) => `-I${d}`), '-o', binary, ...chosen, ...libs],
    run: [`./${binary}`],
    description: `${flags[0]} ${chosen.length} translation unit(s), include ${includeDirs.join(' ')}`,
  };
}
