/** Small text helpers shared by the JSON, YAML and TOML editors: line ends, indentation, positions. */
import { readFileSync } from 'node:fs';

/** The file's own line ending, so inserted lines match it. */
export function detectEol(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

export function lineStartOf(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i + 1;
}

/** Offset of the line break (`\r\n` or `\n`) ending the line that holds `offset`, or text.length. */
export function lineBreakOf(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  if (i < 0) return text.length;
  return i > 0 && text[i - 1] === '\r' ? i - 1 : i;
}

/** Offset just after the line break ending the line that holds `offset` (text.length on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i + 1;
}

/** Leading whitespace of the line holding `offset`. */
export function indentOfLine(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** 1-based line and column of an offset, for error messages that name the spot. */
export function lineCol(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  const line = text.slice(0, offset).split('\n').length;
  return `line ${line}, column ${offset - start + 1}`;
}

export function splice(text: string, offset: number, removed: string, inserted: string): string {
  return text.slice(0, offset) + inserted + text.slice(offset + removed.length);
}

/** The file's content, or null if it does not exist. Other read errors (permissions) propagate. */
export function readTextOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Finds the occurrence of `needle` that covers [from, to) — the node we are looking for — so restore removes the
 * text we inserted at that node and not an identical string elsewhere in the file.
 */
export function occurrenceCovering(text: string, needle: string, from: number, to: number): number {
  if (!needle) return -1;
  let i = text.lastIndexOf(needle, from);
  // Walk back over candidates that start at or before the node; the first that also reaches its end wins.
  while (i >= 0) {
    if (i + needle.length >= to) return i;
    i = i === 0 ? -1 : text.lastIndexOf(needle, i - 1);
  }
  return -1;
}

/** Structural equality for JSON-like values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.hasOwn(bo, k) && jsonEqual(ao[k], bo[k]));
}
