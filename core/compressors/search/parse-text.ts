import type { ParsedSearch, SearchFile, SearchLine } from './types.js';

/**
 * Parses grep / ripgrep / git grep text output:
 *  - flat:    `path:12:text` matches and `path-12-text` context lines (-A/-B/-C), `--` between groups;
 *  - flat without -n: `path:text`;
 *  - heading: a path line, then `12:text` / `12-text` lines, a blank line between files (rg --heading,
 *    git grep --heading).
 * Everything is scanned by hand (indexOf and digit runs), so a 50 MB input costs one pass and no regex backtracking.
 */
export function parseTextSearch(lines: readonly string[]): ParsedSearch | undefined {
  const mode = detectMode(lines);
  if (mode === 'heading') return parseHeading(lines);
  if (mode === 'numbered') return parseFlat(lines, true);
  if (mode === 'plain') return parseFlat(lines, false);
  return undefined;
}

/** Paths are found in the first this-many characters of a line; longer prefixes are text, not paths. */
const MAX_PATH = 1024;
/** How many candidate split points one line may try before it counts as not a result line. */
const MAX_TRIES = 8;
const SAMPLE = 200;

type Mode = 'heading' | 'numbered' | 'plain';

interface Split {
  path: string;
  line: number;
  text: string;
}

/** Lines are split on \n only, so a CRLF source line's \r stays in `raw` (exact) but not in what is parsed or shown. */
function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `PATH<sep>123<sep>TEXT` with the first split point whose PATH passes `accept`. Linear in the line's length. */
function splitNumbered(s: string, sep: string, accept: (path: string) => boolean): Split | undefined {
  const limit = Math.min(s.length, MAX_PATH);
  let tries = 0;
  for (let p = s.indexOf(sep, 1); p !== -1 && p < limit && tries < MAX_TRIES; p = s.indexOf(sep, p + 1)) {
    let q = p + 1;
    while (q < s.length && isDigit(s.charCodeAt(q))) q++;
    if (q === p + 1 || q - p > 10 || s[q] !== sep) continue;
    tries++;
    const path = s.slice(0, p);
    if (accept(path)) return { path, line: Number(s.slice(p + 1, q)), text: s.slice(q + 1) };
  }
  return undefined;
}

/** Lines printed for a known path: `PATH:12:text` / `PATH-12-text`, or without numbers `PATH:text` / `PATH-text`. */
function splitKnown(
  s: string,
  path: string,
  numbered: boolean,
): { sep: string; line?: number; text: string } | undefined {
  if (!path || s.length <= path.length || !s.startsWith(path)) return undefined;
  const sep = s[path.length];
  if (sep !== ':' && sep !== '-') return undefined;
  if (!numbered) return { sep, text: s.slice(path.length + 1) };
  let q = path.length + 1;
  while (q < s.length && isDigit(s.charCodeAt(q))) q++;
  if (q === path.length + 1 || s[q] !== sep) return undefined;
  return { sep, line: Number(s.slice(path.length + 1, q)), text: s.slice(q + 1) };
}

/** A path as grep prints it: no leading blank, no URL scheme; `strict` also refuses blanks and quotes anywhere. */
function plausiblePath(p: string, strict: boolean): boolean {
  if (!p || p.length > MAX_PATH) return false;
  const c = p.charCodeAt(0);
  if (c === 32 || c === 9) return false;
  if (p.includes('://')) return false;
  if (strict && /[\s"'`]/.test(p)) return false;
  return true;
}

const strictPath = (p: string): boolean => plausiblePath(p, true);
const loosePath = (p: string): boolean => plausiblePath(p, false);

/** `path:text` without line numbers: the path must look like one (a slash or a file extension). */
function splitPlain(s: string): { path: string; text: string } | undefined {
  let from = 1;
  // a Windows drive letter's colon is part of the path
  if (/^[A-Za-z]:[\\/]/.test(s)) from = 3;
  const p = s.indexOf(':', from);
  if (p <= 0 || p > MAX_PATH) return undefined;
  const path = s.slice(0, p);
  if (!plausiblePath(path, false) || /\s$/.test(path)) return undefined;
  if (!/[\\/]/.test(path) && !/\.[A-Za-z0-9]{1,10}$/.test(path)) return undefined;
  return { path, text: s.slice(p + 1) };
}

/** `12:text` / `12-text` under a heading. */
function splitBody(s: string): { line: number; isMatch: boolean; text: string } | undefined {
  let q = 0;
  while (q < s.length && isDigit(s.charCodeAt(q))) q++;
  if (q === 0 || q > 10 || (s[q] !== ':' && s[q] !== '-')) return undefined;
  return { line: Number(s.slice(0, q)), isMatch: s[q] === ':', text: s.slice(q + 1) };
}

function detectMode(lines: readonly string[]): Mode | undefined {
  let n = 0,
    body = 0,
    numbered = 0,
    plain = 0;
  let firstIsBody: boolean | undefined;
  for (const raw of lines) {
    if (n >= SAMPLE) break;
    const l = stripCr(raw);
    if (l.trim() === '' || l === '--') continue;
    n++;
    const b = splitBody(l) !== undefined;
    if (firstIsBody === undefined) firstIsBody = b;
    if (b) body++;
    if (splitNumbered(l, ':', loosePath) || splitNumbered(l, '-', strictPath)) numbered++;
    else if (splitPlain(l)) plain++;
  }
  if (n === 0) return undefined;
  if (!firstIsBody && body >= 0.4 * n && body > numbered) return 'heading';
  // grep -n on one file prints no path at all: `12:text` only
  if (firstIsBody && body >= 0.8 * n) return 'heading';
  if (numbered >= 0.5 * n) return 'numbered';
  if (plain >= 0.5 * n) return 'plain';
  return undefined;
}

/** Files keyed by path in order of first appearance (a path printed twice is one file). */
class FileTable {
  readonly files: SearchFile[] = [];
  private readonly byPath = new Map<string, SearchFile>();
  get(path: string): SearchFile {
    let f = this.byPath.get(path);
    if (!f) {
      f = { path, lines: [], raw: [] };
      this.byPath.set(path, f);
      this.files.push(f);
    }
    return f;
  }
}

function parseFlat(lines: readonly string[], numbered: boolean): ParsedSearch {
  // pass 1: paths printed on match lines, so a context line whose text happens to hold `:12:` is not taken for a match
  const known = new Set<string>();
  if (numbered)
    for (const raw of lines) {
      const m = splitNumbered(stripCr(raw), ':', strictPath);
      if (m) known.add(m.path);
    }
  const table = new FileTable();
  const other: string[] = [];
  let cur = '';
  const add = (path: string, raw: string, isMatch: boolean, line: number | undefined, text: string): void => {
    const f = table.get(path);
    const entry: SearchLine = { raw, text, isMatch };
    if (line !== undefined) entry.line = line;
    f.lines.push(entry);
    f.raw.push(raw);
    cur = path;
  };
  for (const raw of lines) {
    const l = stripCr(raw);
    if (l === '' || l === '--') continue;
    const k = splitKnown(l, cur, numbered);
    if (k) {
      add(cur, raw, k.sep === ':', k.line, k.text);
      continue;
    }
    if (!numbered) {
      const p = splitPlain(l);
      if (p) add(p.path, raw, true, undefined, p.text);
      else other.push(raw);
      continue;
    }
    const ctx = splitContextKnown(l, known);
    if (ctx) {
      add(ctx.path, raw, false, ctx.line, ctx.text);
      continue;
    }
    const m = splitNumbered(l, ':', loosePath);
    if (m) {
      add(m.path, raw, true, m.line, m.text);
      continue;
    }
    const c = splitNumbered(l, '-', strictPath);
    if (c) add(c.path, raw, false, c.line, c.text);
    else other.push(raw);
  }
  return { files: table.files, other, format: 'flat' };
}

function splitContextKnown(l: string, known: ReadonlySet<string>): Split | undefined {
  if (known.size === 0) return undefined;
  return splitNumbered(l, '-', (p) => known.has(p));
}

function parseHeading(lines: readonly string[]): ParsedSearch {
  const table = new FileTable();
  const other: string[] = [];
  let cur: SearchFile | undefined;
  for (const raw of lines) {
    const l = stripCr(raw);
    if (l.trim() === '') {
      cur = undefined;
      continue;
    }
    if (l === '--') continue;
    const b = splitBody(l);
    if (b) {
      cur ??= table.get('');
      cur.lines.push({ raw, line: b.line, text: b.text, isMatch: b.isMatch });
      cur.raw.push(raw);
    } else if (loosePath(l)) {
      cur = table.get(l);
      cur.raw.push(raw);
    } else other.push(raw);
  }
  // a "heading" with no result lines under it was a banner or a message, not a file
  const files: SearchFile[] = [];
  for (const f of table.files) {
    if (f.lines.length > 0) files.push(f);
    else other.push(...f.raw);
  }
  return { files, other, format: 'heading' };
}
