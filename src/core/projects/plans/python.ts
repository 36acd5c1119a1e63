// Python: the project root on sys.path (as an installed project or `pip install -e .` would have it),
// the dependency image's packages after it, and `python -m` for a module inside a package, so that
// relative imports (`from . import util`) work as they do for a developer.
import { DEPENDENCY_PATHS, dirOf, join, nearestUp, type PlanInput, type ProjectPlan } from './types';

export function planPython(input: PlanInput): ProjectPlan {
  const { lang, paths, entry } = input;
  const has = new Set(paths);
  const isPackage = (dir: string) => dir !== '' && has.has(join(dir, '__init__.py'));
  // The outermost package folder above the entry: the folder above it is where `-m` starts.
  let top: string | undefined;
  for (let d = dirOf(entry); isPackage(d); d = dirOf(d)) top = d;
  // src layout: src/<package>/ is importable as <package>.
  const srcLayout = nearestUp(dirOf(entry), (d) => d === 'src') !== undefined && !has.has('src/__init__.py');
  const searchPath = ['/sandbox', ...(srcLayout ? ['/sandbox/src'] : []), DEPENDENCY_PATHS.python];
  if (top !== undefined) {
    const base = dirOf(top);
    const module = entry.slice(base ? base.length + 1 : 0).replace(/\.pyw?$/, '').split('/');
    if (module.at(-1) === '__main__') module.pop();
    const name = module.join('.');
    // The folder above the package goes on the path too (a package under src/ or lib/); the run stays in
    // the root, where tools print paths relative to it.
    const path = base && !searchPath.includes(`/sandbox/${base}`) ? [`/sandbox/${base}`, ...searchPath] : searchPath;
    return {
      compile: lang.compile?.(entry),
      run: ['python3', '-u', '-m', name],
      env: { PYTHONPATH: path.join(':') },
      description: `python -m ${name} (project root on sys.path)`,
    };
  }
  return { compile: lang.compile?.(entry), run: lang.run(entry), env: { PYTHONPATH: searchPath.join(':') }, description: `python ${entry} (project root on sys.path)` };
}
