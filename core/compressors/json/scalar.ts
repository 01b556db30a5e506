import type { Json } from './types.js';

/** Strings a reader could take for a number, so they stay quoted: "42", "007", "1.", ".5", "1e5". */
const LOOKS_NUMERIC = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
/**
 * Strings that cannot be written bare: empty, edge whitespace, control characters, a leading quote/bracket/brace,
 * a leading `@` (references) or `↓` (cell rendered below). The `|` variant also guards the table delimiter.
 */
const UNSAFE_BARE = /^$|^[\s"[{@↓]|\s$|[\u0000-\u001f\u2028\u2029]/;
const UNSAFE_IN_TABLE = /^$|^[\s"[{@↓]|\s$|[\u0000-\u001f\u2028\u2029|]/;
const KEY_SAFE = /^[^\s"'[\]{}:,#\-][^\s:"[\]{}]*$/;
const HEADER_UNSAFE = /^$|^[\s"[{]|\s$|[\u0000-\u001f\u2028\u2029|]/;
const POSITION = /^\[\d+\]$/;

/**
 * A string written bare when nothing could mistake it for another value, else as a JSON string literal.
 * `guardPipe`: the string sits in a ` | `-delimited table row, so a `|` inside it forces quotes.
 */
export function stringText(s: string, guardPipe: boolean): string {
  if (
    (guardPipe ? UNSAFE_IN_TABLE : UNSAFE_BARE).test(s) ||
    s === 'true' ||
    s === 'false' ||
    s === 'null' ||
    LOOKS_NUMERIC.test(s)
  ) {
    return JSON.stringify(s);
  }
  return s;
}

/** A scalar as text: numbers and literals as in JSON, strings bare when safe. */
export function scalarText(v: null | boolean | number | string, guardPipe: boolean): string {
  if (typeof v === 'string') return stringText(v, guardPipe);
  return JSON.stringify(v);
}

/** Any value on one line: scalars as scalarText, objects and arrays as compact JSON. */
export function inlineText(v: Json, guardPipe: boolean): string {
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return scalarText(v, guardPipe);
}

/** An object key in `key: value` lines; quoted when it has spaces, colons, brackets or could start a list item. */
export function keyText(k: string): string {
  return KEY_SAFE.test(k) ? k : JSON.stringify(k);
}

/** Header words the table itself uses: a key spelled like one is quoted. */
const RESERVED = new Set(['(key)', '(more)', '@', '↓']);

/** A table column name or an entry key in a table's key column; quoted only when it would break the line. */
export function headerText(name: string): string {
  return (HEADER_UNSAFE.test(name) && !POSITION.test(name)) || RESERVED.has(name) ? JSON.stringify(name) : name;
}

/** Number value of a number or numeric string (Prometheus sends samples as strings); undefined otherwise. */
export function numericValue(v: Json | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.length > 0 && v.length < 32 && LOOKS_NUMERIC.test(v)) {
    const x = Number(v);
    return Number.isFinite(x) ? x : undefined;
  }
  return undefined;
}
