// cppcheck `--xml` (version 2) and gcc's `-fanalyzer` with `-fdiagnostics-format=json`.
import type { Diagnostic } from '../../diagnostics/types';
import { diagnostic, isSourceFile, parseJson, severityOf, ToolOutputError, type ParseContext } from './common';

const XML_ENTITIES: Record<string, string> = { '&apos;': "'", '&quot;': '"', '&lt;': '<', '&gt;': '>', '&amp;': '&' };
const unescapeXml = (s: string) => s.replace(/&(apos|quot|lt|gt|amp);/g, (e) => XML_ENTITIES[e]);

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w-]+)="([^"]*)"/g)) out[m[1]] = unescapeXml(m[2]);
  return out;
}

/** The XML is flat and regular (one `<error>` with its `<location>` children), so a tag scanner reads it fully. */
export function parseCppcheckXml(xml: string, ctx: ParseContext): Diagnostic[] {
  if (!/<results\b/.test(xml)) throw new ToolOutputError(`cppcheck printed no XML results: ${xml.trim().slice(0, 300)}`);
  const out: Diagnostic[] = [];
  for (const m of xml.matchAll(/<error\b([^>]*?)(\/>|>([\s\S]*?)<\/error>)/g)) {
    const error = attributes(m[1]);
    if (error.id === 'missingIncludeSystem' || error.id === 'checkersReport') continue;
    const location = [...(m[3] ?? '').matchAll(/<location\b([^>]*)\/>/g)].map((l) => attributes(l[1])).find((l) => isSourceFile(l.file, ctx));
    if (!location) continue;
    out.push(
      diagnostic(ctx, {
        line: Number(location.line),
        column: Number(location.column || 1),
        severity: severityOf({ error: 'error', warning: 'warning', style: 'info', performance: 'info', portability: 'info', information: 'hint' }, error.severity),
        message: error.msg ?? error.id,
        code: error.id,
        source: 'cppcheck',
      }),
    );
  }
  return out;
}

interface GccJsonDiagnostic {
  kind: string;
  message: string;
  option?: string;
  locations?: { caret?: { file: string; line: number; column: number } }[];
}

export function parseGccJson(stdout: string, ctx: ParseContext, source = 'gcc -fanalyzer'): Diagnostic[] {
  const data = parseJson(stdout.trim() || '[]', 'gcc');
  if (!Array.isArray(data)) throw new ToolOutputError('gcc: expected a JSON array');
  return (data as GccJsonDiagnostic[]).flatMap((d) => {
    const caret = d.locations?.[0]?.caret;
    if (!caret || !isSourceFile(caret.file, ctx)) return [];
    return [
      diagnostic(ctx, {
        line: caret.line,
        column: caret.column,
        severity: severityOf({ error: 'error', 'fatal error': 'error', warning: 'warning', note: 'info' }, d.kind),
        message: d.message,
        code: d.option?.replace(/^-W/, ''),
        source,
      }),
    ];
  });
}
