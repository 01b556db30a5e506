/**
 * One JSON.parse per document per compress(): detection (router/detect.ts), the JSON compressor
 * (compressors/json/parse.ts) and the guard (guard.ts) each parse the same unit, three full parses of a 100 KB API
 * answer where one does. This keeps the last document parsed, by its text; `compress()` drops it when it returns so a
 * big document's tree does not outlive the call. The parsed values are only read, never changed, by all three.
 */
export type JsonParse = { ok: true; value: unknown } | { ok: false };

let lastText: string | undefined;
let last: JsonParse = { ok: false };

/** JSON.parse(text) as a result (the same text parses to the same value: the last one is reused). */
export function parseJsonOnce(text: string): JsonParse {
  if (text === lastText) return last;
  let result: JsonParse;
  try {
    result = { ok: true, value: JSON.parse(text) };
  } catch {
    result = { ok: false };
  }
  lastText = text;
  last = result;
  return result;
}

/** Forgets the kept document (compress() calls this on its way out). */
export function releaseJsonOnce(): void {
  lastText = undefined;
  last = { ok: false };
}
