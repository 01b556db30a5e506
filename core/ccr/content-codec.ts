import type { SqlValue } from 'sql.js';

/**
 * How CCR content is bound into SQLite, so that bytes in = bytes out for EVERY JavaScript string.
 *
 * - Well-formed strings (the normal case) are bound as their UTF-8 bytes and stored with `CAST(? AS TEXT)`: a TEXT
 *   value any sqlite tool can read, and ~3× faster than sql.js's own string binding (a JS loop). NUL, \r\n and
 *   astral characters survive: sql.js reads text back by length, not up to a NUL.
 * - Ill-formed strings (a lone surrogate, e.g. a tool output cut in the middle of an emoji) have no UTF-8 form:
 *   encoding would replace the surrogate with U+FFFD. They are stored as a BLOB of their raw UTF-16LE code units,
 *   which round-trips exactly. Reading tells the two apart by the value's type.
 */
export interface EncodedContent {
  value: Uint8Array;
  /** True: bind with CAST(? AS TEXT). False: bind as a BLOB of UTF-16LE. */
  text: boolean;
  /** Stored size in bytes (what the size cap counts). */
  bytes: number;
}

// String.prototype.isWellFormed is native in Node 20 (V8 11.3) but not in the ES2022 lib this project compiles with.
const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

export function encodeContent(content: string): EncodedContent {
  const text = isWellFormed(content);
  const value = Buffer.from(content, text ? 'utf8' : 'utf16le');
  return { value, text, bytes: value.byteLength };
}

export function decodeContent(value: SqlValue): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf16le');
  return undefined;
}
