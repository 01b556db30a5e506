import type { ParsedSearch, SearchFile, SearchLine } from './types.js';

/** ripgrep's `{"text": …}` or, for bytes that are not UTF-8, `{"bytes": base64}`. */
interface RgData {
  text?: unknown;
  bytes?: unknown;
}

interface RgRecord {
  type?: unknown;
  data?: {
    path?: RgData;
    lines?: RgData;
    line_number?: unknown;
    submatches?: Array<{ start?: unknown; end?: unknown }>;
  };
}

/**
 * Parses `rg --json` (NDJSON: begin / match / context / end per file, then summary). Each result keeps its exact
 * NDJSON record as `raw`, so what the compressor drops is stashed as the tool printed it.
 */
export function parseRgJson(lines: readonly string[]): ParsedSearch | undefined {
  const files: SearchFile[] = [];
  const byPath = new Map<string, SearchFile>();
  const other: string[] = [];
  let results = 0;
  let bad = 0;
  for (const raw of lines) {
    const s = raw.trim();
    if (s === '') continue;
    const rec = s[0] === '{' ? parseRecord(s) : undefined;
    const type = rec?.type;
    if (!rec || typeof type !== 'string') {
      bad++;
      other.push(raw);
      continue;
    }
    if (type === 'summary') continue; // the totals line says it in fewer tokens; the original stays retrievable
    const path = decode(rec.data?.path);
    if (path === undefined) {
      if (type !== 'begin' && type !== 'end') bad++;
      continue;
    }
    let file = byPath.get(path);
    if (!file) {
      file = { path, lines: [], raw: [] };
      byPath.set(path, file);
      files.push(file);
    }
    file.raw.push(raw);
    if (type !== 'match' && type !== 'context') continue;
    const text = decode(rec.data?.lines);
    if (text === undefined) continue;
    const entry: SearchLine = { raw, text: stripEol(text), isMatch: type === 'match' };
    const n = rec.data?.line_number;
    if (typeof n === 'number' && Number.isInteger(n)) entry.line = n;
    const sub = rec.data?.submatches?.[0];
    if (sub && typeof sub.start === 'number' && typeof sub.end === 'number') {
      entry.matchStart = charOffset(entry.text, sub.start);
      entry.matchEnd = charOffset(entry.text, sub.end);
    }
    file.lines.push(entry);
    results++;
  }
  if (results === 0 || bad > Math.max(2, results / 4)) return undefined;
  return { files: files.filter((f) => f.lines.length > 0), other, format: 'json' };
}

function parseRecord(s: string): RgRecord | undefined {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as RgRecord) : undefined;
  } catch {
    return undefined;
  }
}

function decode(d: RgData | undefined): string | undefined {
  if (!d || typeof d !== 'object') return undefined;
  if (typeof d.text === 'string') return d.text;
  if (typeof d.bytes === 'string') return Buffer.from(d.bytes, 'base64').toString('utf8');
  return undefined;
}

/** rg reports UTF-8 byte offsets; the trimmer needs UTF-16 indexes (they differ only past non-ASCII text). */
function charOffset(text: string, bytes: number): number {
  const b = Math.max(0, Math.floor(bytes));
  let ascii = true;
  for (let i = 0; i < text.length && i < b; i++)
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  if (ascii) return Math.min(b, text.length);
  return Buffer.from(text, 'utf8').subarray(0, b).toString('utf8').length;
}

function stripEol(s: string): string {
  if (s.endsWith('\r\n')) return s.slice(0, -2);
  if (s.endsWith('\n')) return s.slice(0, -1);
  return s;
}
