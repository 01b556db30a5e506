/**
 * Long prose inside JSON: issue and pull-request bodies, comments, descriptions, README fields. Such a string is
 * one value to the table and row logic, so without this it would go through whole however long it is. In the
 * lossy pass (and in a prose-only pass over documents otherwise small enough to stay lossless) every string long
 * enough and routed as prose (or as HTML, whose text is prose) goes through the context's prose compressor — the
 * extractive one, or the prose model's answer when `compressAsync` put one in — and the shortened text stays a JSON
 * string with the markers inside it.
 */
import { detect } from '../../router/detect.js';
import { compressHtml } from '../html/index.js';
import type { Crush, Json, JsonObject } from './types.js';

/** Shorter strings are left whole: a marker would eat most of what dropping sentences saves. */
export const MIN_PROSE_STRING_CHARS = 1200;

/** Nested source, logs and listings are compressed by kind from this length (their compressors need some bulk). */
const MIN_NESTED_CHARS = 2000;

/** The string as this pass shows it: condensed when it is long prose and the pass condenses prose. */
export function proseString(s: string, crush: Crush): string {
  if (!crush.proseStrings || s.length < MIN_PROSE_STRING_CHARS || !crush.ctx.prose) return s;
  const cache = (crush.proseCache ??= new Map());
  const seen = cache.get(s);
  if (seen !== undefined) return seen;
  const kind = detect(s).kind;
  // API documentation strings are often HTML (<p>…</p>): its text goes through the prose compressor the same way;
  // a long string of another kind (a file's source in eslint's JSON, a log in an API answer) by its own compressor
  const out =
    (kind === 'text'
      ? crush.ctx.prose(s)
      : kind === 'html'
        ? compressHtml(s, crush.ctx)
        : s.length >= MIN_NESTED_CHARS
          ? (crush.ctx.nested?.(s) ?? null)
          : null) ?? s;
  const shown = out.length < s.length ? out : s;
  cache.set(s, shown);
  return shown;
}

/** The value with its long prose strings condensed (scalars only; containers are rendered element by element). */
export function proseScalar<T extends Json>(v: T, crush: Crush): T | string {
  return typeof v === 'string' ? proseString(v, crush) : v;
}

/** A flat object with its long prose strings condensed (the same object when none is). */
export function proseObject(obj: JsonObject, crush: Crush): JsonObject {
  if (!crush.proseStrings) return obj;
  let copy: JsonObject | undefined;
  for (const k in obj) {
    const v = obj[k];
    if (typeof v !== 'string') continue;
    const shown = proseString(v, crush);
    if (shown !== v) (copy ??= { ...obj })[k] = shown;
  }
  return copy ?? obj;
}

/** Whether a document holds a string long enough to be condensed (bounded walk, like the parser's depth). */
export function hasLongString(v: Json, depth = 0): boolean {
  if (typeof v === 'string') return v.length >= MIN_PROSE_STRING_CHARS;
  if (v === null || typeof v !== 'object' || depth > 64) return false;
  if (Array.isArray(v)) return v.some((x) => hasLongString(x, depth + 1));
  for (const k in v) if (hasLongString(v[k], depth + 1)) return true;
  return false;
}
