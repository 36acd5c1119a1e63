// Reads the interpreter out of a `#!` line and maps it to a registry language.
import { LANGUAGES } from './registry';
import type { LanguageSpec } from './types';

/**
 * The interpreter a shebang names: `#!/bin/bash` → `bash`, `#!/usr/bin/env -S python3 -u` → `python3`,
 * `#!/usr/bin/env FOO=1 node` → `node`. Undefined when the first line is not a shebang.
 */
export function shebangInterpreter(code: string): string | undefined {
  const firstLine = code.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  if (!firstLine.startsWith('#!')) return undefined;
  const words = firstLine.slice(2).trim().split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return undefined;
  let program = basename(words[0]);
  if (program === 'env') {
    // env's own options (`-S`, `-i`, `-u NAME`) and VAR=value assignments come before the program.
    const rest = words.slice(1);
    let i = 0;
    while (i < rest.length && (rest[i].startsWith('-') || rest[i].includes('='))) {
      i += rest[i] === '-u' ? 2 : 1;
    }
    if (i >= rest.length) return undefined;
    program = basename(rest[i]);
  }
  return program;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The language whose interpreter the shebang names; versioned names (`python3.12`, `perl5.36`) count too. */
export function languageFromShebang(code: string): LanguageSpec | undefined {
  const interpreter = shebangInterpreter(code)?.toLowerCase();
  if (!interpreter) return undefined;
  const exact = LANGUAGES.find((l) => l.interpreters.includes(interpreter));
  if (exact) return exact;
  const unversioned = interpreter.replace(/[\d.]+$/, '');
  return LANGUAGES.find((l) => l.interpreters.some((name) => name.replace(/[\d.]+$/, '') === unversioned));
}
