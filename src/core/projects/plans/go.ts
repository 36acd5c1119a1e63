// Go: inside a module (a go.mod at or above the entry), `go build` of the entry's package with module
// mode on and no network (GOPROXY=off; -mod=readonly: go.mod and go.sum are used as they are); required
// modules come from the dependency image's module cache. Outside a module, the entry's folder is
// built as one package in GOPATH mode, as single files are.
import { DEPENDENCY_PATHS, dirOf, join, nearestUp, PROJECT_OUT_DIR, relativeTo, type PlanInput, type ProjectPlan } from './types';

const DEFINES_MAIN = /^func\s+main\s*\(\s*\)/m;

export function planGo(input: PlanInput): ProjectPlan {
  const { paths, entry } = input;
  const has = new Set(paths);
  const entryDir = dirOf(entry);
  const moduleDir = nearestUp(entryDir, (d) => has.has(join(d, 'go.mod')));
  const binary = `/sandbox/${PROJECT_OUT_DIR}/main`;
  if (moduleDir === undefined) {
    // The entry's package: the files beside it, except tests and other programs (a folder of loose programs
    // each with its own main would not build as one package).
    const files = paths.filter((p) => dirOf(p) === entryDir && p.endsWith('.go') && !p.endsWith('_test.go') && (p === entry || !DEFINES_MAIN.test(input.read(p))));
    return {
      compile: ['go', 'build', '-o', binary, ...files],
      run: [binary],
      description: `go build of ${files.length} file(s) in ${entryDir || '.'} (GOPATH mode: no go.mod)`,
    };
  }
  const pkg = `./${relativeTo(moduleDir, entryDir)}`.replace(/\/$/, '');
  return {
    compile: ['go', 'build', '-o', binary, pkg],
    run: [binary],
    cwd: moduleDir || undefined,
    env: { GO111MODULE: 'on', GOPROXY: 'off', GOFLAGS: '-mod=readonly', GOMODCACHE: DEPENDENCY_PATHS.goModCache, GOSUMDB: 'off', GOTOOLCHAIN: 'local' },
    description: `go build ${pkg} in module ${moduleDir || '.'}`,
  };
}
