// Java: every source under the entry's source root is compiled together (classes of one package and
// of others see each other), and the class that holds the entry's `main` runs by its full name. The
// source root is the entry's folder minus its package path (src/main/java for Maven/Gradle layouts).
import { javaMainClass } from '../../languages/registry';
import { dirOf, PROJECT_OUT_DIR, type PlanInput, type ProjectPlan } from './types';

const BUILD_FILES = ['pom.xml', 'build.gradle', 'build.gradle.kts'];
const PACKAGE = /^\s*package\s+([\w.]+)\s*;/m;

/** The package a Java source declares, or '' for the default package. Comments before it are allowed. */
export function javaPackage(code: string): string {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  return PACKAGE.exec(withoutComments)?.[1] ?? '';
}

export function planJava(input: PlanInput): ProjectPlan {
  const { lang, paths, entry } = input;
  const code = input.read(entry);
  const pkg = javaPackage(code);
  const entryDir = dirOf(entry);
  const pkgPath = pkg.replace(/\./g, '/');
  // A file whose folder does not end in its package path is compiled as if it were at its source root.
  const sourceRoot = pkgPath && (entryDir === pkgPath || entryDir.endsWith(`/${pkgPath}`)) ? entryDir.slice(0, entryDir.length - pkgPath.length).replace(/\/$/, '') : entryDir;
  const all = paths.filter((p) => p.endsWith('.java') && (sourceRoot === '' || p.startsWith(`${sourceRoot}/`)));
  // A build (a manifest, or packages) is compiled whole. A loose folder of default-package programs — each its
  // own Main — would clash: there the entry is compiled with the folder as source path (javac compiles what it uses).
  const built = pkg !== '' || BUILD_FILES.some((f) => paths.includes(f));
  const sources = built ? all : [entry];
  const classes = `${PROJECT_OUT_DIR}/classes`;
  const mainClass = javaMainClass(code) ?? entry.slice(entry.lastIndexOf('/') + 1).replace(/\.java$/, '');
  const fullName = pkg ? `${pkg}.${mainClass}` : mainClass;
  // The registry's flags (encoding, fast-start JVM options) with this project's output folder and sources.
  const single = lang.compile?.(entry) ?? [];
  const flags = single.slice(0, single.indexOf('-d'));
  const runFlags = lang.run(entry).slice(0, lang.run(entry).indexOf('-cp'));
  return {
    compile: [...flags, '-d', classes, '-sourcepath', sourceRoot || '.', ...sources],
    run: [...runFlags, '-cp', `${classes}:/opt/mplsandbox/deps/java/*`, fullName],
    description: `javac ${built ? `${sources.length} source(s)` : entry} under ${sourceRoot || '.'}; java ${fullName}`,
  };
}
