/**
 * Opaque columns: generated ids nobody reads, git shas, UUIDs, GitHub `node_id`s, base64 handles, and columns that
 * only repeat another one. Forty hex digits cost ~25 tokens a row and answer nothing a reader asks about the row.
 * In the lossy pass such a column leaves the table whole, stashed exactly (its values for the shown rows, in order)
 * behind one marker line, unless the query names one of its values.
 */
import type { Column } from './columns.js';

/** Share of a column's values that must look opaque (a random id now and then has too few digits to tell). */
const OPAQUE_SHARE = 0.8;
const MIN_LENGTH = 16;
const HEX_RE = /^(?:0x)?[0-9a-f]{16,}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_RE = /^[A-Za-z0-9_+/=-]+$/;

/** A generated id: long hex or a UUID, or a long run of letters and digits with no words in it. */
export function isOpaque(s: string): boolean {
  if (s.length < MIN_LENGTH || s.length > 200) return false;
  if (HEX_RE.test(s)) return true;
  if (!TOKEN_RE.test(s)) return false;
  // `api-6d9f8b7c4-x2x9z` is a name with ids in it; `I_kwDOHxY7bc6l8cmf8a` is an id with a type prefix
  let longest = '';
  for (const part of s.split(/[-_]/)) if (part.length > longest.length) longest = part;
  if (longest.length < MIN_LENGTH) return false;
  s = longest;
  let digits = 0;
  let switches = 0;
  let prev = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const kind = c >= 48 && c <= 57 ? 1 : c >= 65 && c <= 90 ? 2 : c >= 97 && c <= 122 ? 3 : 0;
    if (kind === 1) digits++;
    if (kind !== 0 && prev !== 0 && kind !== prev) switches++;
    prev = kind;
  }
  // words change class rarely (`sessionCacheV2`); random base62 about every other character
  return digits >= 2 && switches * 4 >= s.length;
}

/**
 * Columns a reader of the lossy form can do without, because they are opaque or repeat another column:
 * - (nearly) all opaque strings (shas, UUIDs, node ids);
 * - surrogate keys: unique integers of 7+ digits (`resourceVersion`, a database id beside a name), unless they
 *   are epoch times in order (a clock);
 * - a copy of another shown column wherever they are both set (`reportingInstance` and `source.host`);
 * - another column's value plus a generated suffix (`cart-5c8d.17b3f9a2c4d5e6f7` beside `cart-5c8d`): Kubernetes
 *   names events, pods and jobs so.
 * None whose values the query mentions.
 */
export function opaqueColumns(body: readonly Column[], queryTerms: readonly string[]): Set<Column> {
  const out = new Set<Column>();
  for (const col of body) {
    if (col.extra || named(col, queryTerms)) continue;
    let opaque = 0;
    for (const v of col.values) if (typeof v === 'string' && isOpaque(v)) opaque++;
    if ((opaque > 0 && opaque >= OPAQUE_SHARE * col.values.length) || surrogateKeys(col)) out.add(col);
  }
  // a repeat's words stay readable in the column it repeats, so the query naming them is no reason to keep it
  for (const col of body) {
    if (col.extra || out.has(col)) continue;
    const other = body.find((o) => o !== col && !o.extra && !out.has(o) && repeats(col, o));
    if (other) out.add(col);
  }
  return out;
}

function named(col: Column, queryTerms: readonly string[]): boolean {
  if (queryTerms.length === 0) return false;
  for (const v of col.values) {
    if (typeof v !== 'string') continue;
    const lower = v.toLowerCase();
    if (queryTerms.some((t) => t.length >= 6 && lower.includes(t))) return true;
  }
  return false;
}

const LONG_DIGITS_RE = /^\d{7,}$/;
/** Surrogate keys are (nearly) unique. */
const UNIQUE_SHARE = 0.95;

function surrogateKeys(col: Column): boolean {
  const n = col.values.length;
  const seen = new Set<string>();
  let up = true;
  let down = true;
  let prev = -Infinity;
  for (let r = 0; r < n; r++) {
    const v = col.values[r];
    const text = typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' ? v : '';
    if (!LONG_DIGITS_RE.test(text)) return false;
    seen.add(text);
    const x = Number(text);
    if (r > 0) {
      if (x < prev) up = false;
      if (x > prev) down = false;
    }
    prev = x;
  }
  // a sorted column of epoch-sized numbers is a clock; any other one is a sequence of ids like the rest
  const epoch = (prev >= 1e9 && prev < 1e10) || (prev >= 1e12 && prev < 1e13);
  return n >= 3 && seen.size >= UNIQUE_SHARE * n && !(epoch && (up || down));
}

/** A generated suffix: a separator and 5+ characters of hex or digits (`.17b3f9a2c4d5e6f7`, `-28529548`). */
const SUFFIX_RE = /^[-_.][0-9a-f]{5,}$/;

/**
 * Every set value of `col` is `other`'s value in its row, or that value plus a generated suffix; and `col` is never
 * set where `other` is not (an empty string where it is absent counts as unset).
 */
function repeats(col: Column, other: Column): boolean {
  let same = 0;
  for (let r = 0; r < col.values.length; r++) {
    const v = col.values[r];
    const o = other.values[r];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string' || typeof o !== 'string' || o.length < 3) return false;
    if (v !== o && !(v.startsWith(o) && SUFFIX_RE.test(v.slice(o.length)))) return false;
    same++;
  }
  return same >= 2;
}
