/**
 * A statement-level scanner for TOML (Codex's config.toml): where each table header and each `key = value` sits in
 * the source, with multi-line strings and arrays skipped correctly. It does not interpret values — `smol-toml`
 * validates and reads the document; this only lets us splice one value or one table without touching the rest.
 * It assumes the text already parsed as valid TOML.
 */

export interface TomlHeader {
  kind: 'header';
  keys: string[];
  /** `[[array.of.tables]]` */
  array: boolean;
  start: number;
  /** Just after the header line's line break. */
  end: number;
}

export interface TomlKeyValue {
  kind: 'kv';
  /** Keys of the table it belongs to (`[]` for the root). */
  table: string[];
  keys: string[];
  start: number;
  valueStart: number;
  valueEnd: number;
  /** Just after the statement's line break (comment included). */
  end: number;
}

export type TomlStatement = TomlHeader | TomlKeyValue;

const BARE = /[A-Za-z0-9_-]/;

function skipInline(t: string, i: number): number {
  while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
  return i;
}

/** Skips blanks, line breaks and comments (inside arrays, and between statements). */
function skipAll(t: string, i: number): number {
  for (;;) {
    while (i < t.length && /[ \t\r\n]/.test(t[i])) i++;
    if (t[i] !== '#') return i;
    while (i < t.length && t[i] !== '\n') i++;
  }
}

/** Offset just after the current line's break, past an optional trailing comment. */
function endOfLine(t: string, i: number): number {
  const n = t.indexOf('\n', i);
  return n < 0 ? t.length : n + 1;
}

function skipString(t: string, i: number): number {
  const q = t[i];
  if (t.startsWith(q.repeat(3), i)) {
    let j = i + 3;
    for (;;) {
      const k = t.indexOf(q.repeat(3), j);
      if (k < 0) return t.length;
      if (q === '"' && isEscaped(t, k)) {
        j = k + 1;
        continue;
      }
      // Up to two more quotes may close the string as content (`""""` ends with one quote inside).
      let e = k + 3;
      while (e < t.length && t[e] === q && e - k < 5) e++;
      return e;
    }
  }
  let j = i + 1;
  while (j < t.length && t[j] !== q && t[j] !== '\n') j += q === '"' && t[j] === '\\' ? 2 : 1;
  return j + 1;
}

function isEscaped(t: string, k: number): boolean {
  let n = 0;
  while (k - 1 - n >= 0 && t[k - 1 - n] === '\\') n++;
  return n % 2 === 1;
}

/** Offset just after the value starting at `i`. */
export function skipValue(t: string, i: number): number {
  const c = t[i];
  if (c === '"' || c === "'") return skipString(t, i);
  if (c === '[' || c === '{') {
    const close = c === '[' ? ']' : '}';
    let j = i + 1;
    for (;;) {
      j = skipAll(t, j);
      if (j >= t.length) return j;
      if (t[j] === close) return j + 1;
      if (t[j] === ',') {
        j++;
        continue;
      }
      if (c === '{') {
        j = parseKey(t, j).end;
        j = skipInline(t, j);
        if (t[j] === '=') j = skipInline(t, j + 1);
      }
      j = skipValue(t, j);
    }
  }
  let j = i;
  while (j < t.length && !/[\s,\]}#]/.test(t[j])) j++;
  return j;
}

/** A dotted key starting at `i`: its parts and the offset after it. */
function parseKey(t: string, i: number): { keys: string[]; end: number } {
  const keys: string[] = [];
  let j = i;
  for (;;) {
    j = skipInline(t, j);
    if (t[j] === '"' || t[j] === "'") {
      const e = skipString(t, j);
      const raw = t.slice(j, e);
      keys.push(t[j] === "'" ? raw.slice(1, -1) : decodeBasic(raw));
      j = e;
    } else {
      const s = j;
      while (j < t.length && BARE.test(t[j])) j++;
      keys.push(t.slice(s, j));
    }
    j = skipInline(t, j);
    if (t[j] !== '.') return { keys, end: j };
    j++;
  }
}

function decodeBasic(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

/** Every header and key/value statement, in source order. */
export function scanToml(t: string): TomlStatement[] {
  const out: TomlStatement[] = [];
  let table: string[] = [];
  let i = skipAll(t, 0);
  while (i < t.length) {
    const start = i;
    if (t[i] === '[') {
      const array = t[i + 1] === '[';
      const k = parseKey(t, i + (array ? 2 : 1));
      table = k.keys;
      const end = endOfLine(t, k.end);
      out.push({ kind: 'header', keys: k.keys, array, start, end });
      i = skipAll(t, end);
      continue;
    }
    const k = parseKey(t, i);
    const j = skipInline(t, k.end);
    if (t[j] !== '=') break; // not valid TOML; smol-toml has already said so
    const valueStart = skipInline(t, j + 1);
    const valueEnd = skipValue(t, valueStart);
    const end = endOfLine(t, valueEnd);
    out.push({ kind: 'kv', table, keys: k.keys, start, valueStart, valueEnd, end });
    i = skipAll(t, end);
  }
  return out;
}

/** TOML basic string for our own values (URLs, names): quotes, backslashes and control characters escaped. */
export function tomlString(s: string): string {
  const escape = (c: string) =>
    c === '\\' || c === '"' ? '\\' + c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return `"${s.replace(/[\\"\u0000-\u001f\u007f]/g, escape)}"`;
}
