// Line-oriented tools whose formats are fixed by the options we pass: perlcritic `--verbose '%l:%c:%s:%p:%m\n'`,
// luacheck `--formatter plain --codes --ranges`, `perl -wc`, `php -l`.
import type { Diagnostic } from '../../diagnostics/types';
import { diagnostic, isSourceFile, type ParseContext } from './common';

export const PERLCRITIC_FORMAT = '%l:%c:%s:%p:%m\\n';

export function parsePerlcritic(stdout: string, ctx: ParseContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of stdout.matchAll(/^(\d+):(\d+):(\d):([\w:]+):(.*)$/gm)) {
    const severity = Number(m[3]);
    out.push(
      diagnostic(ctx, {
        line: Number(m[1]),
        column: Number(m[2]),
        severity: severity >= 4 ? 'warning' : 'info',
        message: `${m[5].trim()} (severity ${severity})`,
        code: m[4],
        source: 'perlcritic',
      }),
    );
  }
  return out;
}

/** `perl -wc`: warnings and errors end with `at FILE line N.` (optionally `, near "…"`). */
export function parsePerlWarnings(stderr: string, ctx: ParseContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of stderr.matchAll(/^(.*?) at (\S+) line (\d+)(?:, near .*)?\.?$/gm)) {
    if (!isSourceFile(m[2], ctx)) continue;
    const message = m[1].trim();
    const fatal = /requires explicit package name|syntax error|Can't locate|Bareword .* not allowed/.test(message);
    const code = /^([A-Z][\w ]*?)(?: ".*")? (?:used|requires|in|is|at)\b/.exec(message)?.[1];
    out.push(diagnostic(ctx, { line: Number(m[3]), column: 1, severity: fatal ? 'error' : 'warning', message, code: code ?? 'perl-warning', source: 'perl -wc' }));
  }
  return out;
}

export function parseLuacheck(stdout: string, ctx: ParseContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of stdout.matchAll(/^(.*?):(\d+):(\d+)(?:-(\d+))?: \(([EW]\d+)\) (.*)$/gm)) {
    if (!isSourceFile(m[1], ctx)) continue;
    out.push(
      diagnostic(ctx, {
        line: Number(m[2]),
        column: Number(m[3]),
        ...(m[4] ? { endLine: Number(m[2]), endColumn: Number(m[4]) + 1 } : {}),
        severity: m[5].startsWith('E') ? 'error' : 'warning',
        message: m[6],
        code: m[5],
        source: 'luacheck',
      }),
    );
  }
  return out;
}

/** luacheck codes that point at likely bugs: reading an undefined variable or field (113, 143), unreachable code and
 * loops, empty or self-assigning statements (5xx), syntax (E). Setting globals and unused values are smells. */
export function isLuacheckBug(code: string | undefined): boolean {
  return !!code && (code.startsWith('E') || code === 'W113' || code === 'W143' || /^W5\d\d$/.test(code));
}

/** `php -l`: `PHP Parse error:  syntax error, … in FILE on line N` (the CLI may print it on both streams: once each). */
export function parsePhpLint(output: string, ctx: ParseContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const m of output.matchAll(/^(?:PHP )?(Parse error|Fatal error|Warning|Deprecated):\s+(.*) in (\S+) on line (\d+)$/gm)) {
    const key = `${m[4]}:${m[2]}`;
    if (!isSourceFile(m[3], ctx) || seen.has(key)) continue;
    seen.add(key);
    out.push(
      diagnostic(ctx, {
        line: Number(m[4]),
        column: 1,
        severity: /error/i.test(m[1]) ? 'error' : 'warning',
        message: m[2].trim(),
        code: m[1].toLowerCase().replace(/\s+/g, '-'),
        source: 'php -l',
      }),
    );
  }
  return out;
}
