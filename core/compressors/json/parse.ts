import { parseJsonOnce } from '../../util/json-once.js';
import type { Json } from './types.js';

/** A document as the compressor sees it: one JSON value, or NDJSON lines kept with their exact text. */
export type ParsedDoc = { kind: 'json'; value: Json } | { kind: 'ndjson'; values: Json[]; lines: string[] };

/**
 * Why a text cannot be compressed safely, found in one linear pass with strings skipped and no recursion:
 * `deep` when brackets nest deeper than `limit` (a depth bomb is refused before JSON.parse or any walker sees it);
 * `unsafe-number` when an integer has more digits than a double holds (a snowflake id would come out changed).
 */
export function unsafeJson(text: string, limit: number): 'deep' | 'unsafe-number' | undefined {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(text, i + 1);
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return 'deep';
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (depth > 0) depth--;
    } else if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      if (j - i >= 16 && !isFraction(text, i) && !Number.isSafeInteger(Number(text.slice(i, j))) && !zeros(text, i, j))
        return 'unsafe-number';
      i = j - 1;
    }
  }
  return undefined;
}

/** Digits after a decimal point or in an exponent are not an integer's. */
function isFraction(text: string, start: number): boolean {
  const prev = text.charCodeAt(start - 1);
  return (
    prev === 46 /* . */ ||
    prev === 101 /* e */ ||
    prev === 69 /* E */ ||
    prev === 43 /* + */ ||
    (prev === 45 /* - */ && /[eE]/.test(text[start - 2] ?? ''))
  );
}

/** 1000000000000000000000 survives as 1e+21: a long run of trailing zeros alone is not a precision loss. */
function zeros(text: string, start: number, end: number): boolean {
  const digits = text.slice(start, end);
  return BigInt(digits) === BigInt(Number(digits));
}

/** Index of the quote closing a string whose body starts at `from` (text.length when unterminated). */
function stringEnd(text: string, from: number): number {
  let j = from;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return text.length;
    let k = q - 1;
    while (k >= from && text.charCodeAt(k) === 92 /* \ */) k--;
    if ((q - 1 - k) % 2 === 0) return q;
    j = q + 1;
  }
}

/** Parses a JSON object/array document or NDJSON (every non-empty line one JSON value). Null when it is neither. */
export function parseDoc(input: string, maxDepth: number): ParsedDoc | null {
  // JSON.parse rejects a byte-order mark; files saved by Windows tools often start with one
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const start = firstNonSpace(text);
  if (start < 0) return null;
  const c = text[start];
  if (c !== '{' && c !== '[') return null;
  if (unsafeJson(text, maxDepth) !== undefined) return null;
  const parsed = parseJsonOnce(text);
  if (!parsed.ok) return parseNdjson(text);
  const value = parsed.value as Json;
  return value !== null && typeof value === 'object' ? { kind: 'json', value } : null;
}

function parseNdjson(text: string): ParsedDoc | null {
  const values: Json[] = [];
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    start = end + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    try {
      values.push(JSON.parse(line) as Json);
    } catch {
      return null;
    }
    lines.push(line);
  }
  return values.length >= 2 ? { kind: 'ndjson', values, lines } : null;
}

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xfeff) return i;
  }
  return -1;
}
