/**
 * `.env` files (`KEY=value` lines, `#` comments, optional `export `), as Gemini CLI reads `~/.gemini/.env` with
 * dotenv. Only top-level keys are paths; a value is written double-quoted when it needs quoting, else bare.
 */
import type { EditRecord, PathSeg } from '../types.js';
import type { FormatOps, Located } from './format-ops.js';
import { detectEol } from './text.js';

const LINE_RE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;

interface EnvLine {
  key: string;
  raw: string;
  /** Offsets of the whole line (without its break) and of the raw value. */
  lineStart: number;
  lineEnd: number;
  valueStart: number;
}

function lines(text: string): EnvLine[] {
  const out: EnvLine[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end).replace(/\r$/, '');
    const m = LINE_RE.exec(line);
    if (m)
      out.push({
        key: m[1],
        raw: m[2],
        lineStart: pos,
        lineEnd: pos + line.length,
        valueStart: pos + line.length - m[2].length - (line.length - line.trimEnd().length),
      });
    if (nl < 0) break;
    pos = nl + 1;
  }
  return out;
}

function unquote(raw: string): string {
  const m = /^(["'])(.*)\1$/.exec(raw);
  if (m) return m[2];
  return raw.replace(/[ \t]+#.*$/, '');
}

function quote(value: string): string {
  return /^[\w.:/@%+,-]*$/.test(value) ? value : JSON.stringify(value);
}

/** The last assignment wins, as dotenv reads it. */
function find(text: string, key: string): EnvLine | undefined {
  return lines(text)
    .filter((l) => l.key === key)
    .pop();
}

export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines(text)) out[l.key] = unquote(l.raw);
  return out;
}

/** Sets `key` to `value`: replaces the existing value in place, or appends a line. Null when it already holds it. */
export function setDotenvValue(text: string, key: string, value: string): { text: string; record: EditRecord } | null {
  const path: PathSeg[] = [key];
  const raw = quote(value);
  const l = find(text, key);
  if (l) {
    if (unquote(l.raw) === value) return null;
    const valueEnd = l.valueStart + l.raw.length;
    return {
      text: text.slice(0, l.valueStart) + raw + text.slice(valueEnd),
      record: { kind: 'replace', path, label: key, removed: l.raw, inserted: raw, value },
    };
  }
  const eol = detectEol(text);
  const inserted = (text === '' || text.endsWith('\n') ? '' : eol) + `${key}=${raw}${eol}`;
  return { text: text + inserted, record: { kind: 'insert', path, label: key, removed: '', inserted, value } };
}

export const dotenvOps: FormatOps = {
  parseError: () => null,
  locate(text: string, path: PathSeg[]): Located | null {
    if (path.length === 0)
      return { valueStart: 0, valueEnd: text.length, entryStart: 0, entryEnd: text.length, value: parseDotenv(text) };
    const key = path[0];
    if (path.length !== 1 || typeof key !== 'string') return null;
    const l = find(text, key);
    if (!l) return null;
    const end = text[l.lineEnd] === '\r' ? l.lineEnd + 2 : l.lineEnd + 1;
    return {
      valueStart: l.valueStart,
      valueEnd: l.valueStart + l.raw.length,
      entryStart: l.lineStart,
      entryEnd: Math.min(end, text.length),
      value: unquote(l.raw),
    };
  },
  removeEntry(text: string, path: PathSeg[]): string | null {
    const loc = dotenvOps.locate(text, path);
    if (!loc || path.length !== 1) return null;
    return text.slice(0, loc.entryStart) + text.slice(loc.entryEnd);
  },
  isEmptyContainer: (text: string, path: PathSeg[]) => path.length === 0 && lines(text).length === 0,
};
