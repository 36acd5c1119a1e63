// A project as the engine runs it: the files to write (the entry's content is the caller's code, e.g. an
// unsaved buffer), the language's run plan, the dependency set whose image the run uses, and diagnostics
// mapped back to whichever project file a tool named.
import type { Diagnostic } from '../diagnostics/types';
import type { LanguageSpec } from '../languages/types';
import { type DependencySet, libraryDependencies, projectDependencies } from './dependencies';
import { planProjectRun, type ProjectPlan } from './plans';
import { PROJECT_OUT_DIR, relativeTo } from './plans/types';
import type { ProjectFile, ProjectRequest } from './types';

export interface PreparedProject {
  /** The entry's path in the work dir. */
  entry: string;
  files: ProjectFile[];
  plan: ProjectPlan;
  dependencies?: DependencySet;
}

/** The project's files with the entry's content replaced by `code`, plus the plan's output folder. */
function filesToWrite(project: ProjectRequest, entry: string, code: string): ProjectFile[] {
  const files = project.files.filter((f) => f.path !== entry);
  const hostEntry = project.files.find((f) => f.path === entry)?.hostPath;
  return [...files, { path: entry, content: code, hostPath: hostEntry }, { path: `${PROJECT_OUT_DIR}/.keep`, content: '' }];
}

function textOf(f: ProjectFile): string {
  return typeof f.content === 'string' ? f.content : f.content.toString('utf8');
}

/**
 * What the engine needs for a project run or a library set; undefined for a plain single-file run.
 * Throws LibrariesError for libraries it cannot install for the language.
 */
export function prepareProject(
  lang: LanguageSpec,
  req: { code: string; fileName?: string; project?: ProjectRequest; files?: ProjectFile[]; libraries?: readonly string[] },
): PreparedProject | undefined {
  const libraries = req.libraries?.length ? libraryDependencies(lang.id, req.libraries) : undefined;
  const project = req.project ?? (req.files?.length ? { files: req.files } : undefined);
  if (!project) {
    if (!libraries) return undefined;
    const entry = lang.sourceFile(req.code, req.fileName);
    return { entry, files: [{ path: entry, content: req.code }], plan: { compile: lang.compile?.(entry), run: lang.run(entry), description: entry }, dependencies: libraries };
  }
  const entry = project.entry ?? lang.sourceFile(req.code, req.fileName);
  const files = filesToWrite(project, entry, req.code);
  const byPath = new Map(files.map((f) => [f.path, f]));
  const plan = planProjectRun({ lang, paths: [...byPath.keys()], entry, read: (p) => (byPath.has(p) ? textOf(byPath.get(p)!) : '') });
  return { entry, files, plan, dependencies: libraries ?? projectDependencies(lang.id, { files, entry }) };
}

/**
 * Diagnostics of one phase's output on every project file the output names (paths relative to the
 * plan's folder, as tools print them): an error in a helper module lands on the helper, not the entry.
 * `userFileOf` names each file as the user knows it.
 */
export function projectDiagnostics(
  lang: LanguageSpec,
  project: PreparedProject,
  phase: 'compile' | 'run',
  out: { stdout: string; stderr: string },
  userFileOf: (f: ProjectFile) => string,
): Diagnostic[] {
  const text = `${out.stdout}\n${out.stderr}`;
  const cwd = project.plan.cwd ?? '';
  const found: Diagnostic[] = [];
  for (const f of project.files) {
    if (f.path.startsWith(`${PROJECT_OUT_DIR}/`) || (cwd && !f.path.startsWith(`${cwd}/`))) continue;
    const sourceFile = relativeTo(cwd, f.path);
    // Only files the output names are parsed: a project of hundreds of files costs a string search each.
    if (!text.includes(sourceFile)) continue;
    try {
      found.push(...lang.diagnostics({ phase, stdout: out.stdout, stderr: out.stderr, sourceFile, userFile: userFileOf(f), lineOffset: 0, sourceText: textOf(f) }));
    } catch {
      // A parser that chokes on unusual output costs the diagnostics, never the verdict.
    }
  }
  return found;
}
