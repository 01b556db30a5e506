import type { CompressContext } from '../../types.js';
import { parseDoc, type ParsedDoc } from './parse.js';
import { RefNamer, type Crush, type Json } from './types.js';
import { renderValue, renderList } from './render.js';
import { renderTable } from './table.js';
import type { RowSet } from './rows.js';
import { JsonText } from './json-text.js';
import { LOSSY_THRESHOLD_CHARS, MAX_DEPTH, MIN_GAIN } from './limits.js';
import { hasLongString } from './prose-strings.js';

/** Inputs this many times over the lossy threshold go straight to the lossy pass: no lossless form gets that small. */
const SKIP_LOSSLESS_FACTOR = 50;

/**
 * The JSON compressor ("SmartCrusher"). Lossless first: tables for arrays/maps of records, constant columns stated
 * once, URL-like columns replaced by exact templates over other columns, repeated sub-objects defined once and
 * referenced, nulls as empty cells, everything else minified. When that is still long, big arrays keep their
 * failure, outlier, rare and query-relevant rows (relevance.ts), plus a sample of first and last rows unless the
 * query picked rows and the markers name the rest (identifiers.ts); dropped rows go behind markers whose CCR content
 * is exactly those rows; opaque columns leave the table (opaque.ts); long metric series become one summary line
 * (series.ts). Null for non-JSON, depth bombs, or no clear gain. Never throws.
 */
export function compressJson(text: string, ctx: CompressContext): string | null {
  try {
    const doc = parseDoc(text, MAX_DEPTH);
    if (!doc) return null;
    const out = crushDoc(doc, ctx, text.length);
    return out.length <= text.length * (1 - MIN_GAIN) ? out : null;
  } catch {
    return null;
  }
}

/** Options of crushJsonValue. */
export interface CrushOptions {
  /** False: only the lossless stage (nothing dropped, no markers, nothing stashed). Default true. */
  lossy?: boolean;
}

/**
 * The compact rendering of an already-parsed value (for other compressors, e.g. ripgrep --json records).
 * Null when the value is not an object/array or nests deeper than the compressor accepts.
 */
export function crushJsonValue(value: unknown, ctx: CompressContext, options: CrushOptions = {}): string | null {
  try {
    if (value === null || typeof value !== 'object' || deeperThan(value, MAX_DEPTH)) return null;
    const doc: ParsedDoc = { kind: 'json', value: value as Json };
    if (options.lossy === false) return renderDoc(doc, ctx, new JsonText(), false);
    return crushDoc(doc, ctx, Infinity);
  } catch {
    return null;
  }
}

function crushDoc(doc: ParsedDoc, ctx: CompressContext, inputChars: number): string {
  const json = new JsonText();
  if (inputChars <= LOSSY_THRESHOLD_CHARS * SKIP_LOSSLESS_FACTOR) {
    const lossless = renderDoc(doc, ctx, json, false);
    if (lossless.length <= LOSSY_THRESHOLD_CHARS) {
      // small enough to keep every row, but a long issue body or description inside is still prose worth condensing
      if (!ctx.prose || !(doc.kind === 'json' ? hasLongString(doc.value) : doc.values.some((v) => hasLongString(v))))
        return lossless;
      const condensed = renderDoc(doc, ctx, json, false, true);
      return condensed.length < lossless.length ? condensed : lossless;
    }
  }
  return renderDoc(doc, ctx, json, true, true);
}

function renderDoc(doc: ParsedDoc, ctx: CompressContext, json: JsonText, lossy: boolean, proseStrings = false): string {
  const crush: Crush = { ctx, lossy, proseStrings, refs: new RefNamer(), json, render: renderValue };
  const out: string[] = [];
  if (doc.kind === 'json') renderValue(doc.value, crush, '', '', out);
  else {
    const set: RowSet = { values: doc.values, lines: doc.lines, noun: 'NDJSON lines', unit: 'lines', selectable: true };
    if (!renderTable(set, crush, '', '', out)) renderList(set, crush, '', '', out);
  }
  return out.join('\n');
}

/** Iterative depth check for values handed in already parsed. */
function deeperThan(value: object, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > limit) return true;
    if (v === null || typeof v !== 'object') continue;
    for (const x of Array.isArray(v) ? v : Object.values(v))
      if (x !== null && typeof x === 'object') stack.push([x, d + 1]);
  }
  return false;
}
