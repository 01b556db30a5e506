import type { CompressContext } from '../../types.js';
import type { JsonText } from './json-text.js';
import type { Json, JsonObject } from './json-value.js';

export type { Json, JsonObject };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Hands out document-wide unique reference names (`@u1`, `@l2`, …) so nested tables never reuse one. */
export class RefNamer {
  private readonly next = new Map<string, number>();
  name(prefix: string): string {
    const n = (this.next.get(prefix) ?? 0) + 1;
    this.next.set(prefix, n);
    return `@${prefix}${n}`;
  }
}

/** Renders a value as lines: `head` goes before the value on its first line (`"key: "`, `"- "` or nothing). */
export type RenderValue = (v: Json, crush: Crush, indent: string, head: string, out: string[]) => void;

/** State of one rendering pass over a document. One per pass; nothing lives at module level. */
export interface Crush {
  ctx: CompressContext;
  /** Second pass: big arrays keep only the rows that matter; the rest goes to CCR behind markers. */
  lossy: boolean;
  refs: RefNamer;
  /** Memoized compact JSON of the document's objects (shared by both passes). */
  json: JsonText;
  /** The value renderer, handed to tables for cells too big to stay inline (keeps the modules acyclic). */
  render: RenderValue;
  /** The time span of the last series summarised in this pass: the next one over the same span says so briefly. */
  lastSpan?: string;
  /** Long prose strings go through the context's prose compressor (prose-strings.ts). Lossy passes always do. */
  proseStrings?: boolean;
  /** Each long string's condensed form in this pass (a string repeated across rows is condensed once). */
  proseCache?: Map<string, string>;
}
