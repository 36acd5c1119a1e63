// The go tool: build errors (`./main.go:7:14: undefined: y`) and runtime panics (`panic: …` followed by
// a goroutine trace whose frames name `/sandbox/main.go:9`).
import type { Diagnostic } from './types';
import type { DiagnosticContext } from '../languages/types';
import { collect, isSourcePath, toDiagnostic } from './source-file';

const BUILD_ERROR = /^(\S+?\.go):(\d+)(?::(\d+))?: (.*)$/gm;

function parseBuild(ctx: DiagnosticContext): Diagnostic[] {
  const found = [...ctx.stderr.matchAll(BUILD_ERROR)]
    .filter((m) => isSourcePath(ctx, m[1]))
    .map((m) => {
      const vet = /^(vet: )/.exec(m[4]);
      return toDiagnostic(ctx, 'go', {
        line: Number(m[2]),
        column: m[3] ? Number(m[3]) : undefined,
        severity: 'error',
        message: vet ? m[4].slice(vet[1].length) : m[4],
      });
    });
  return collect(found);
}

function parsePanic(ctx: DiagnosticContext): Diagnostic[] {
  const panic = /^(panic: .*|fatal error: .*)$/m.exec(ctx.stderr);
  if (!panic) return [];
  const trace = ctx.stderr.slice(panic.index);
  // The first frame in the user's file is the innermost one they wrote (runtime frames come first).
  for (const m of trace.matchAll(/^\t(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$/gm)) {
    if (!isSourcePath(ctx, m[1])) continue;
    const message = panic[1].replace(/ \[recovered\]$/, '');
    return collect([toDiagnostic(ctx, 'go', { line: Number(m[2]), severity: 'error', message })]);
  }
  return [];
}

export function parseGo(ctx: DiagnosticContext): Diagnostic[] {
  return ctx.phase === 'compile' ? parseBuild(ctx) : parsePanic(ctx);
}
