// Interpreted languages and C#: the entry runs with the registry's command from the project root, with
// the root (and a lib/ folder) on the language's search path, so local modules resolve as they do for
// a developer; Node finds the dependency image's packages in /node_modules above the work dir.
import { PROJECT_OUT_DIR, type PlanInput, type ProjectPlan } from './types';

const SEARCH_PATH_ENV: Partial<Record<string, (hasLib: boolean) => Record<string, string>>> = {
  ruby: (lib) => ({ RUBYLIB: lib ? '/sandbox/lib:/sandbox' : '/sandbox' }),
  perl: (lib) => ({ PERL5LIB: lib ? '/sandbox/lib:/sandbox' : '/sandbox' }),
  lua: (lib) => ({ LUA_PATH: `/sandbox/?.lua;/sandbox/?/init.lua;${lib ? '/sandbox/lib/?.lua;/sandbox/lib/?/init.lua;' : ''};` }),
};

export function planScript(input: PlanInput): ProjectPlan {
  const { lang, paths, entry } = input;
  const hasLib = paths.some((p) => p.startsWith('lib/'));
  const env = SEARCH_PATH_ENV[lang.id]?.(hasLib);
  return { compile: lang.compile?.(entry), run: lang.run(entry), env, description: `${lang.run(entry)[0]} ${entry} in the project root` };
}

/** TypeScript: tsc follows the entry's imports through the project; output mirrors the project's folders. */
export function planTypeScript(input: PlanInput): ProjectPlan {
  const { lang, entry } = input;
  const single = lang.compile?.(entry) ?? [];
  const outDir = `${PROJECT_OUT_DIR}/out`;
  const at = single.indexOf('--outDir');
  const compile = [...single.slice(0, at), '--outDir', outDir, '--rootDir', '.', ...single.slice(at + 2)];
  const run = lang.run(entry).map((a) => (a.startsWith('out/') ? `${outDir}/${a.slice(4)}` : a));
  return { compile, run, description: `tsc ${entry} and its imports; node ${run.at(-1)}` };
}

const DEFINES_MAIN = /\bstatic\s+(?:async\s+)?(?:void|int|Task(?:<int>)?)\s+Main\s*\(/;

/** C#: the project's .cs files are one assembly. */
export function planCSharp(input: PlanInput): ProjectPlan {
  const { lang, paths, entry } = input;
  // Other programs (their own Main) are left out, as a loose folder of exercises has many.
  const sources = paths.filter((p) => p.endsWith('.cs') && (p === entry || !DEFINES_MAIN.test(input.read(p))));
  const single = lang.compile?.(entry) ?? [];
  const flags = single.filter((a) => a !== entry && !a.startsWith('-out:'));
  const exe = `${PROJECT_OUT_DIR}/main.exe`;
  return {
    compile: [...flags, `-out:${exe}`, ...sources],
    run: lang.run(entry).map((a) => (a === 'main.exe' ? exe : a)),
    description: `mcs ${sources.length} source(s)`,
  };
}
