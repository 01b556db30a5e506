/**
 * Minimal, careful edits of TOML (Codex's config.toml): replace one root value, add one root line, append one table,
 * replace one value inside a table. Everything else stays byte for byte. `smol-toml` validates the document before
 * and after every edit; the splice positions come from toml-scan.ts.
 */
import { parse, TomlError } from 'smol-toml';
import type { EditRecord, JsonValue, PathSeg } from '../types.js';
import type { FormatOps, Located } from './format-ops.js';
import { scanToml, tomlString, type TomlKeyValue } from './toml-scan.js';
import { detectEol, lineStartOf, splice } from './text.js';

/** Comment line that tags a table we add (Codex's provider), so restore and re-routing recognise it as ours. */
export const TOML_TAG = '# Added by Headroom (undo with "Headroom: Restore Agent Settings")';

export function tomlParseError(text: string): string | null {
  try {
    parse(text);
    return null;
  } catch (e) {
    if (e instanceof TomlError) return `${e.message.split('\n')[0]} at line ${e.line}, column ${e.column}`;
    return String(e);
  }
}

export function parseTomlValue(text: string): Record<string, unknown> {
  return parse(text) as Record<string, unknown>;
}

function getIn(value: unknown, keys: string[]): unknown {
  let v = value;
  for (const k of keys) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The key/value statement for `keys` in `table`. */
function findKv(text: string, table: string[], keys: string[]): TomlKeyValue | undefined {
  return scanToml(text).find((s): s is TomlKeyValue => s.kind === 'kv' && same(s.table, table) && same(s.keys, keys));
}

/**
 * Source range of a `[table]`: from its header (or the comment line tagging it, right above) to the end of its last
 * statement. Sub-tables (`[table.sub]`) are separate statements and not included.
 */
function findTable(text: string, keys: string[], tag?: string): { start: number; end: number } | undefined {
  const stmts = scanToml(text);
  const h = stmts.findIndex((s) => s.kind === 'header' && !s.array && same(s.keys, keys));
  if (h < 0) return undefined;
  let start = stmts[h].start;
  let end = stmts[h].end;
  for (let i = h + 1; i < stmts.length && stmts[i].kind === 'kv'; i++) end = stmts[i].end;
  if (tag) {
    const prevLineStart = lineStartOf(text, Math.max(start - 1, 0));
    if (start > 0 && text.slice(prevLineStart, start).trim() === tag) start = prevLineStart;
  }
  return { start, end };
}

/** Path conventions: `[key]` a root value; `[t1, t2]` the table `[t1.t2]`; `[t1, t2, key]` a value in it. */
export function tomlOps(tag: string): FormatOps {
  return {
    parseError: tomlParseError,
    locate(text, path): Located | null {
      const keys = path.filter((p): p is string => typeof p === 'string');
      if (keys.length !== path.length || tomlParseError(text)) return null;
      const value = getIn(parse(text), keys);
      if (value === undefined) return null;
      const kv = keys.length === 1 ? findKv(text, [], keys) : findKv(text, keys.slice(0, -1), keys.slice(-1));
      if (kv)
        return { valueStart: kv.valueStart, valueEnd: kv.valueEnd, entryStart: kv.start, entryEnd: kv.end, value };
      const t = findTable(text, keys, tag);
      if (!t) return null;
      return { valueStart: t.start, valueEnd: t.end, entryStart: t.start, entryEnd: t.end, value };
    },
    removeEntry(text, path) {
      const keys = path.filter((p): p is string => typeof p === 'string');
      const kv = keys.length === 1 ? findKv(text, [], keys) : findKv(text, keys.slice(0, -1), keys.slice(-1));
      let start: number;
      let end: number;
      if (kv) {
        start =
          text.slice(lineStartOf(text, kv.start), kv.start).trim() === '' ? lineStartOf(text, kv.start) : kv.start;
        end = kv.end;
      } else {
        const t = findTable(text, keys, tag);
        if (!t) return null;
        ({ start, end } = t);
        // A table we appended was set off by one blank line; take that with it.
        const prev = lineStartOf(text, Math.max(start - 1, 0));
        if (start > 0 && text.slice(prev, start).trim() === '') start = prev;
      }
      const out = text.slice(0, start) + text.slice(end);
      return tomlParseError(out) ? null : out;
    },
    isEmptyContainer() {
      return false;
    },
  };
}

export interface TomlEdit {
  text: string;
  record: EditRecord;
}

/** Sets a root-level string key: replaces its value token, or adds `key = "value"` after the last root value. */
export function setRootString(text: string, key: string, value: string): TomlEdit | null {
  const path: PathSeg[] = [key];
  const kv = findKv(text, [], [key]);
  const newRaw = tomlString(value);
  if (kv) {
    const oldRaw = text.slice(kv.valueStart, kv.valueEnd);
    if (getIn(parse(text), [key]) === value) return null;
    return {
      text: splice(text, kv.valueStart, oldRaw, newRaw),
      record: { kind: 'replace', path, label: key, removed: oldRaw, inserted: newRaw, value },
    };
  }
  // Root keys must come before the first table: put ours after the last root value, or at the very top.
  const eol = detectEol(text);
  const roots = scanToml(text).filter((s) => s.kind === 'kv' && s.table.length === 0);
  const line = `${key} = ${newRaw}`;
  const at = roots.length ? roots[roots.length - 1].end : 0;
  const needsBreak = at > 0 && text[at - 1] !== '\n';
  // At the top of a file that starts with comments or tables, a blank line keeps ours visibly apart.
  const inserted = needsBreak ? eol + line : at === 0 && text.length > 0 ? line + eol + eol : line + eol;
  return {
    text: splice(text, at, '', inserted),
    record: { kind: 'insert', path, label: key, removed: '', inserted, value },
  };
}

/** Appends a new `[table]` with string values at the end of the file, under a tag comment that marks it ours. */
export function appendTable(
  text: string,
  keys: string[],
  entries: [string, string | boolean][],
  tag: string,
): TomlEdit {
  const eol = detectEol(text);
  const body =
    [
      tag,
      `[${keys.join('.')}]`,
      ...entries.map(([k, v]) => `${k} = ${typeof v === 'boolean' ? String(v) : tomlString(v)}`),
    ].join(eol) + eol;
  const sep = text === '' ? '' : text.endsWith('\n') ? eol : eol + eol;
  const inserted = sep + body;
  const value: JsonValue = Object.fromEntries(entries);
  return {
    text: text + inserted,
    record: { kind: 'insert', path: keys, label: `[${keys.join('.')}]`, removed: '', inserted, value, owned: true },
  };
}

/** Replaces a string value inside `[table]`; null if it already holds it. */
export function setTableString(text: string, table: string[], key: string, value: string): TomlEdit | null {
  const kv = findKv(text, table, [key]);
  if (!kv) throw new Error(`[${table.join('.')}] has no ${key}`);
  if (getIn(parse(text), [...table, key]) === value) return null;
  const oldRaw = text.slice(kv.valueStart, kv.valueEnd);
  const newRaw = tomlString(value);
  const path = [...table, key];
  return {
    text: splice(text, kv.valueStart, oldRaw, newRaw),
    record: { kind: 'replace', path, label: path.join('.'), removed: oldRaw, inserted: newRaw, value },
  };
}
