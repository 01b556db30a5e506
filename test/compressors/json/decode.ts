// A reader for the JSON compressor's output, used by the tests to prove nothing is lost: it rebuilds the original
// value from the tables, `all rows` constants, `col = template` lines, references, flattened dotted columns,
// `(more)` cells and `key: value` blocks; given the CCR stash, it puts every marker's stashed rows back in place.
import { cell, inline, Ref, splitCells, splitKey, unquote, type Json } from './decode-cells.js';

type Obj = { [k: string]: Json };

const BLOCK_HEAD = /^\[(\d+) (rows|entries|items|NDJSON lines)(?:, (\d+) shown)?(?:; ([^\]]*))?\]$/;
const MARKER = /^\[… \d+ (\w+) omitted(?::.*)? · retrieve (hr_[0-9a-f]{16})\]$/;
const MORE = '\u0000more';
const KEY_LINE = /^(?:"(?:[^"\\]|\\.)*"|[^\s:"[\]{}]+)(?:\[0\])?:(?: |$)/;

interface Line {
  indent: number;
  text: string;
  raw: string;
}

/** One row of a block: a value (with its entry key for maps) or a marker standing for stashed rows. */
type Row = { key?: string; value: Json } | { marker: string };

/** Decodes compressor output; `stash` (id → content) is needed when the output has markers. */
export function decode(output: string, stash: ReadonlyMap<string, string> = new Map()): Json {
  const lines: Line[] = output.split('\n').map((l) => {
    const text = l.replace(/^ +/, '');
    return { indent: l.length - text.length, text, raw: l };
  });
  const p = new Parser(lines, stash);
  if (BLOCK_HEAD.test(lines[0].text)) {
    p.i = 1;
    return p.block(0, lines[0].text);
  }
  // a one-element array shown by its element
  if (/^\[0\]:( |$)/.test(lines[0].text)) {
    p.i = 1;
    return [p.value(lines[0].text.slice(5), 0)];
  }
  if (lines.length === 1 && !KEY_LINE.test(lines[0].text)) return inline(lines[0].text);
  return p.objectBody(0);
}

class Parser {
  i = 0;
  constructor(
    private readonly lines: Line[],
    private readonly stash: ReadonlyMap<string, string>,
  ) {}

  /** Lines `key: …` at exactly `indent`. */
  objectBody(indent: number): Obj {
    const obj: Obj = {};
    while (this.i < this.lines.length && this.lines[this.i].indent === indent) {
      const { key, rest, index } = splitKey(this.lines[this.i++].text);
      const value = this.value(rest, indent);
      obj[key] = index ? [value] : value;
    }
    return obj;
  }

  /** The value after a head (`key: `, `- `) on a line already consumed at `indent`. */
  value(rest: string, indent: number): Json {
    if (rest === '') {
      const next = this.lines[this.i];
      if (!next || next.indent <= indent) throw new Error(`empty value before line ${this.i + 1}`);
      const t = next.text;
      return t === '-' || t.startsWith('- ')
        ? this.listRows(next.indent, 'items').map(valueOf)
        : this.objectBody(next.indent);
    }
    if (BLOCK_HEAD.test(rest)) return this.block(indent + 2, rest);
    // a value summarised whole (a metrics series): its marker's stash is the value
    const whole = MARKER.exec(rest);
    if (whole) return JSON.parse(this.stashed(whole[2])) as Json;
    return inline(rest);
  }

  stashed(id: string): string {
    const content = this.stash.get(id);
    if (content === undefined) throw new Error(`marker ${id} was never stashed`);
    return content;
  }

  /** `- item` lines (and markers) at `indent`. */
  listRows(indent: number, unit: string): Row[] {
    const rows: Row[] = [];
    for (let l = this.lines[this.i]; l && l.indent === indent; l = this.lines[this.i]) {
      const m = MARKER.exec(l.text);
      if (m) rows.push({ marker: m[2] });
      else if (l.text === '-' || l.text.startsWith('- ')) {
        this.i++;
        rows.push({ value: this.value(l.text === '-' ? '' : l.text.slice(2), indent) });
        continue;
      } else break;
      this.i++;
    }
    return this.expand(rows, unit);
  }

  /** A `[N rows…]` block whose body sits at `inner`. */
  block(inner: number, head: string): Json {
    const m = BLOCK_HEAD.exec(head)!;
    const n = Number(m[1]);
    const noun = m[2];
    const flags = m[4] ?? '';
    const first = this.lines[this.i];
    let rows: Row[];
    if (noun === 'items') {
      rows =
        first && (first.text === '-' || first.text.startsWith('- '))
          ? this.listRows(inner, 'items')
          : this.scalarRuns(inner);
    } else if (
      noun === 'entries' &&
      first &&
      first.indent === inner &&
      KEY_LINE.test(first.text) &&
      m[3] !== undefined
    ) {
      rows = this.scalarEntries(inner);
    } else {
      rows = this.table(inner, n, flags, noun === 'NDJSON lines' ? 'lines' : noun);
    }
    if (rows.length !== n) throw new Error(`block of ${rows.length} rows, header says ${n}`);
    // entries of a map, or reference definitions (`@` key column)
    if (noun === 'entries' || rows.some((r) => 'key' in r && r.key !== undefined)) {
      const out: Obj = {};
      for (const r of rows) out[(r as { key: string }).key] = valueOf(r);
      return out;
    }
    return rows.map(valueOf);
  }

  /** Lossy arrays of scalars: lines of comma-separated JSON values between markers. */
  scalarRuns(inner: number): Row[] {
    const rows: Row[] = [];
    for (let l = this.lines[this.i]; l && l.indent === inner; l = this.lines[++this.i]) {
      const m = MARKER.exec(l.text);
      if (m) rows.push({ marker: m[2] });
      else for (const v of JSON.parse(`[${l.text}]`) as Json[]) rows.push({ value: v });
    }
    return this.expand(rows, 'items');
  }

  /** Lossy maps of scalars: `key: value` lines between markers. */
  scalarEntries(inner: number): Row[] {
    const rows: Row[] = [];
    for (let l = this.lines[this.i]; l && l.indent === inner; l = this.lines[++this.i]) {
      const m = MARKER.exec(l.text);
      if (m) rows.push({ marker: m[2] });
      else {
        const { key, rest } = splitKey(l.text);
        rows.push({ key, value: inline(rest) });
      }
    }
    return this.expand(rows, 'entries');
  }

  table(inner: number, n: number, flags: string, unit: string): Row[] {
    const delim = flags.includes('tab-separated') ? '\t' : ' | ';
    const empty = flags.includes('empty = null') ? 'null' : flags.includes('empty = absent') ? 'absent' : 'none';
    // a row whose first cell is empty starts with the delimiter, so it looks one space deeper than it is
    const here = (): Line | undefined => {
      const l = this.lines[this.i];
      if (!l) return undefined;
      if (l.indent === inner) return l;
      if (l.indent === inner + 1 && l.raw.startsWith(delim.trimStart(), inner + 1))
        return { indent: inner, text: l.raw.slice(inner), raw: l.raw };
      return undefined;
    };
    const isRefs = (t: string): boolean => t.startsWith('refs for ') || /^@\w+ = /.test(t);
    let constants: Obj = {};
    if (here()?.text.startsWith('all rows: '))
      constants = JSON.parse(this.lines[this.i++].text.slice('all rows: '.length)) as Obj;
    const derived: Array<[string, string]> = [];
    for (let l = here(); l && / = /.test(l.text) && !l.text.includes(delim) && !l.text.startsWith('@'); l = here()) {
      const eq = l.text.indexOf(' = ');
      derived.push([unquote(l.text.slice(0, eq)), l.text.slice(eq + 3)]);
      this.i++;
    }
    // `columns left out: a, b [… marker]`: columns taken out of the table, their values for the shown rows stashed
    const stashedColumns: Array<[string, Json[]]> = [];
    const leftOut = here();
    if (leftOut?.text.startsWith('columns left out: ')) {
      const m = /(\[… .*\])$/.exec(leftOut.text);
      const marker = m && MARKER.exec(m[1]);
      if (!marker) throw new Error(`bad left-out line: ${leftOut.text}`);
      for (const [name, values] of Object.entries(JSON.parse(this.stashed(marker[2])) as Record<string, Json[]>))
        stashedColumns.push([name, values]);
      this.i++;
    }
    let names: string[] = [];
    let keyed = false;
    const cellRows: Array<Array<Json | undefined | Ref> | string> = [];
    const header = here();
    if (header && !isRefs(header.text)) {
      // unquoted `(key)`, `@` and `(more)` are the table's own columns; keys really named so are quoted
      const rawNames = splitCells(header.text, delim);
      keyed = rawNames[0] === '(key)' || rawNames[0] === '@';
      names = rawNames.map((h) => (h === '(more)' ? MORE : unquote(h)));
      this.i++;
      for (let l = here(); l && !isRefs(l.text); l = here()) {
        this.i++;
        const marker = MARKER.exec(l.text);
        if (marker) {
          cellRows.push(marker[2]);
          continue;
        }
        const raw = splitCells(l.text, delim);
        // the key column holds entry keys / reference names, never values
        const cells: Array<Json | undefined | Ref> = raw.map((c, k) =>
          keyed && k === 0 ? unquote(c) : cell(c, empty),
        );
        // cells rendered below the row: `name: …` lines two spaces deeper, in column order
        for (let k = 0; k < cells.length; k++) {
          if (raw[k] !== '↓' || (keyed && k === 0)) continue;
          const below = this.lines[this.i++];
          const { rest, index } = splitKey(below.text);
          const v = this.value(rest, below.indent);
          cells[k] = index ? [v] : v;
        }
        cellRows.push(cells);
      }
    }
    const refs = new Map<string, Json>();
    for (let l = here(); l && isRefs(l.text); l = here()) {
      this.i++;
      if (l.text.startsWith('refs for ')) {
        const defs = this.block(inner + 2, l.text.slice(l.text.indexOf(': [') + 2)) as Obj;
        for (const [k, v] of Object.entries(defs)) refs.set(k, v);
      } else {
        const eq = l.text.indexOf(' = ');
        refs.set(l.text.slice(0, eq), JSON.parse(l.text.slice(eq + 3)) as Json);
      }
    }
    const resolve = (v: Json | undefined | Ref): Json | undefined => {
      if (!(v instanceof Ref)) return v;
      const get = (name: string): Json => {
        if (!refs.has(name)) throw new Error(`undefined reference ${name}`);
        return refs.get(name)!;
      };
      if (!v.list) return get(v.items[0]);
      return v.items.map((x) => (x.startsWith('@') ? get(x) : (JSON.parse(x) as Json)));
    };
    const tuples = !keyed && names.length > 0 && names.every((x) => /^\[\d+\]$/.test(x));
    const columns = new Set([
      ...names,
      ...derived.map((d) => d[0]),
      ...stashedColumns.map((c) => c[0]),
      ...Object.keys(constants),
    ]);
    // without shown columns every row is the constants alone
    const source = names.length === 0 ? Array.from({ length: n }, () => [] as Array<Json | undefined | Ref>) : cellRows;
    let shownRow = 0;
    const rows: Row[] = source.map((cells) => {
      if (typeof cells === 'string') return { marker: cells };
      const m = new Map<string, Json>(Object.entries(constants));
      for (const [name, values] of stashedColumns) m.set(name, values[shownRow]);
      shownRow++;
      let key: string | undefined;
      names.forEach((name, c) => {
        if (keyed && c === 0) key = cells[0] as string;
        else {
          const v = resolve(cells[c]);
          if (v !== undefined) m.set(name, v);
        }
      });
      applyTemplates(m, derived, columns);
      const value = tuples
        ? [...m.entries()].sort((a, b) => position(a[0]) - position(b[0])).map((e) => e[1])
        : unflatten(m, flags.includes('dots in names are literal'));
      return key === undefined ? { value } : { key, value };
    });
    return this.expand(rows, unit);
  }

  /**
   * Replaces each marker by the rows it stashed. A marker standing for scattered rows stashes them as an object keyed
   * by index: those go to their positions and the shown rows fill the rest, in order.
   */
  expand(rows: Row[], unit: string): Row[] {
    const gathered = rows.find(
      (r) => 'marker' in r && unit !== 'entries' && unit !== 'lines' && this.stashed(r.marker).startsWith('{'),
    );
    if (gathered && 'marker' in gathered) {
      const byIndex = JSON.parse(this.stashed(gathered.marker)) as Obj;
      const shown = rows.filter((r) => !('marker' in r));
      const total = shown.length + Object.keys(byIndex).length;
      const out: Row[] = [];
      let k = 0;
      for (let i = 0; i < total; i++) out.push(String(i) in byIndex ? { value: byIndex[String(i)] } : shown[k++]);
      return out;
    }
    const out: Row[] = [];
    for (const r of rows) {
      if (!('marker' in r)) {
        out.push(r);
        continue;
      }
      const content = this.stashed(r.marker);
      if (unit === 'lines') for (const line of content.split('\n')) out.push({ value: JSON.parse(line) as Json });
      else if (unit === 'entries')
        for (const [key, value] of Object.entries(JSON.parse(content) as Obj)) out.push({ key, value });
      else for (const value of JSON.parse(content) as Json[]) out.push({ value });
    }
    return out;
  }
}

const position = (name: string): number => Number(name.slice(1, -1));

function valueOf(r: Row): Json {
  if ('marker' in r) throw new Error('unexpanded marker');
  return r.value;
}

/** Fills derived columns; they may use each other. `{x}` is a placeholder only when x is a column. */
function applyTemplates(
  m: Map<string, Json>,
  derived: ReadonlyArray<[string, string]>,
  columns: ReadonlySet<string>,
): void {
  let pending = derived.slice();
  for (let round = 0; pending.length > 0 && round < 20; round++) {
    pending = pending.filter(([name, tpl]) => {
      const used = [...tpl.matchAll(/\{([^{}]*)\}/g)].map((x) => x[1]).filter((x) => columns.has(x));
      if (used.some((x) => !m.has(x))) return true;
      m.set(
        name,
        tpl.replace(/\{([^{}]*)\}/g, (all, col: string) => (columns.has(col) ? String(m.get(col)) : all)),
      );
      return false;
    });
  }
  if (pending.length > 0) throw new Error(`underivable: ${pending.map((d) => d[0]).join(', ')}`);
}

function unflatten(m: Map<string, Json>, literal: boolean): Obj {
  const out: Obj = {};
  for (const [name, v] of m) {
    if (name === MORE) {
      Object.assign(out, v as Obj);
      continue;
    }
    if (literal) {
      out[name] = v;
      continue;
    }
    const path = name.split('.');
    let o: Obj = out;
    for (let i = 0; i < path.length - 1; i++) {
      const wrapped = path[i].endsWith('[0]');
      const key = wrapped ? path[i].slice(0, -3) : path[i];
      if (wrapped) {
        if (!Array.isArray(o[key])) o[key] = [{}];
        o = (o[key] as Obj[])[0];
      } else {
        if (typeof o[key] !== 'object' || o[key] === null) o[key] = {};
        o = o[key] as Obj;
      }
    }
    o[path[path.length - 1]] = v;
  }
  return out;
}
