// Go: inside a module (a go.mod at or above the entry), `go build` of the entry's package with module
// mode on and no network (GOPROXY=off; -mod=readonly: go.mod and go.sum are used as they are); required
// modules come from the dependency image's module cache. Outside a module, the entry's folder is
// built as one package in GOPATH mode, as single files are.
import { DEPENDENCY_PATHS, dirOf, join, nearestUp, PROJECT_OUT_DIR, relativeTo, type PlanInput, type ProjectPlan } from './types';

export function planGo(input: PlanInput): ProjectPlan {
  const { paths, entry } = input;
  const has = new Set(paths);
  const entryDir = dirOf(entry);
  const moduleDir = nearestUp(entryDir, (d) => has.has(join(d, 'go.mod')));
  const binary = `/sandbox/${PROJECT_OUT_DIR}/main`;
  if (moduleDir === undefined) {
    return {
      compile: ['go', 'build', '-o', binary, `./${entryDir}`.replace(/\/$/, '')],
      run: [binary],
      description: `go build ./${entryDir} (GOPATH mode: no go.mod)`,
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
