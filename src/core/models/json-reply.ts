// JSON out of a model's reply: bare, inside a Markdown fence, or surrounded by prose; then validated with zod.
import type { z } from 'zod';

/** The first JSON object or array in `text` (a ```json fence wins), or undefined when there is none that parses. */
export function extractJson(text: string): unknown {
  const fence = /```(?:json|JSON)?\s*\n([\s\S]*?)```/.exec(text);
  const candidates = fence ? [fence[1], text] : [text];
  for (const candidate of candidates) {
    const trimmed = candidate.trim();
    try {
      return JSON.parse(trimmed);
    } catch {
      // Prose around the JSON: try the span from the first bracket to its last partner.
    }
    for (const [open, close] of [['{', '}'], ['[', ']']] as const) {
      const start = trimmed.indexOf(open);
      const end = trimmed.lastIndexOf(close);
      if (start >= 0 && end > start) {
        try {
          return JSON.parse(trimmed.slice(start, end + 1));
        } catch {
          // Not this bracket kind.
        }
      }
    }
  }
  return undefined;
}

export type JsonReply<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseJsonReply<T>(text: string, schema: z.ZodType<T>): JsonReply<T> {
  const json = extractJson(text);
  if (json === undefined) return { ok: false, error: 'no JSON found in the reply' };
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: result.error.issues.map((i) => `${i.path.join('.') || 'reply'}: ${i.message}`).join('; ') };
}
