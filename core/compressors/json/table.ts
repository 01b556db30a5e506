import type { Crush, Json } from './types.js';
import { flattenColumns, MORE_COLUMN, objectColumns, tupleColumns, type Column } from './columns.js';
import { constantColumns, emptyMeaning, type EmptyMeans } from './factor.js';
import { derivedColumns, templateText, type Derived } from './templates.js';
import { buildRefPool, refCellText, type RefPool } from './refs.js';
import { headerText, scalarText } from './scalar.js';
import { emitRows, keepMask, keptCount, type RowSet } from './rows.js';
import { tableSummary } from './markers.js';
import { BIG_CELL, MIN_REF_TABLE, MIN_SELECT_CHARS, MIN_TABLE_DENSITY, MIN_TABLE_ROWS } from './limits.js';

/** A set of rows seen as a table: which columns are stated once, which are derived, which are shown. */
interface TableModel {
  n: number;
  constants: Column[];
  derived: Derived[];
  body: Column[];
  empty: EmptyMeans;
  /** ` | ` between cells; tab when many cells contain `|` themselves. */
  pipe: boolean;
  /** Some key has a dot or bracket itself: nothing was flattened, and the header says dotted names are literal. */
  literalDots: boolean;
}

/** Builds the table model, or null when the rows are not uniform enough to be a table. */
function analyze(set: RowSet, crush: Crush): TableModel | null {
  const n = set.values.length;
  if (n < MIN_TABLE_ROWS) return null;
  let columns: Column[];
  let literalDots = false;
  if (set.values.every(isPlainObject)) {
    const built = objectColumns(set.values);
    if (!built || built.density < MIN_TABLE_DENSITY) return null;
    // `a.b` must read as one thing: a flattened path, or (when keys have dots of their own) a literal key
    literalDots = built.columns.some((c) => /[.[]/.test(c.name));
    columns = literalDots ? built.columns : flattenColumns(built.columns, n, crush.json);
  } else {
    const tuples = tupleColumns(set.values, crush.json);
    if (!tuples) return null;
    columns = tuples;
  }
  const constant = constantColumns(columns, n, crush.json);
  const derived = derivedColumns(columns, n, constant);
  const derivedSet = new Set(derived.map((d) => d.column));
  const body = columns.filter((c) => !constant.has(c) && !derivedSet.has(c));
  return {
    n,
    constants: columns.filter((c) => constant.has(c)),
    derived,
    body,
    empty: emptyMeaning(body),
    pipe: !manyPipes(body),
    literalDots,
  };
}

function isPlainObject(v: Json): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function manyPipes(body: readonly Column[]): boolean {
  let strings = 0;
  let piped = 0;
  for (const col of body)
    for (const v of col.values)
      if (typeof v === 'string') {
        strings++;
        if (v.includes('|')) piped++;
      }
  return piped >= 3 && piped * 20 > strings;
}

/**
 * Renders rows as a table: a header line `[N rows; …]`, `all rows: {…}` for constant columns, one `col = template`
 * line per derived column, the column names, one line per row, then the definitions of pooled sub-objects.
 * In the lossy pass, big tables keep their selected rows and put a marker where others were. False when the rows
 * do not form a table (the caller lists them instead).
 */
export function renderTable(set: RowSet, crush: Crush, indent: string, head: string, out: string[]): boolean {
  const model = analyze(set, crush);
  if (!model) return false;
  const { n, body } = model;
  const keep = keepMask(set, crush, approxChars(model, set), MIN_SELECT_CHARS, body);
  const kept: number[] = [];
  for (let r = 0; r < n; r++) if (!keep || keep[r]) kept.push(r);
  const pool = buildRefPool(body, kept, crush.refs, crush.json);
  const inner = head ? `${indent}  ` : indent;
  const delim = model.pipe ? ' | ' : '\t';

  out.push(indent + head + headerLine(set, model, keptCount(keep, n)));
  if (model.constants.length > 0) out.push(`${inner}all rows: ${constantsJson(model.constants)}`);
  for (const d of model.derived) out.push(`${inner}${headerText(d.column.name)} = ${templateText(d)}`);
  const names = body.map((c) => (c.extra ? MORE_COLUMN : headerText(c.name)));
  if (set.keys) names.unshift(set.keyHeader ?? '(key)');
  if (names.length > 0) {
    out.push(inner + names.join(delim));
    const summary = keep ? tableSummary(body) : undefined;
    emitRows(set, keep, crush, inner, out, (r) => renderRow(set, model, pool, r, crush, inner, delim, out), summary);
  }
  renderRefs(pool, crush, inner, out);
  return true;
}

function headerLine(set: RowSet, model: TableModel, shown: number): string {
  const flags: string[] = [];
  if (model.empty === 'null') flags.push('empty = null');
  else if (model.empty === 'absent') flags.push('empty = absent');
  if (!model.pipe) flags.push('tab-separated');
  if (model.literalDots) flags.push('dots in names are literal');
  const count = shown < model.n ? `${model.n} ${set.noun}, ${shown} shown` : `${model.n} ${set.noun}`;
  return `[${[count, ...flags].join('; ')}]`;
}

function constantsJson(columns: readonly Column[]): string {
  return `{${columns.map((c) => `${JSON.stringify(c.name)}:${JSON.stringify(c.values[0])}`).join(',')}}`;
}

function renderRow(set: RowSet, model: TableModel, pool: RefPool, r: number, crush: Crush, inner: string, delim: string, out: string[]): void {
  const cells: string[] = [];
  if (set.keys) cells.push(headerText(set.keys[r]));
  let below: Array<[Column, Json]> | undefined;
  for (const col of model.body) {
    const v = col.values[r];
    if (v === undefined) cells.push('');
    else if (v === null) cells.push(model.empty === 'null' ? '' : 'null');
    else if (typeof v !== 'object') cells.push(scalarText(v, model.pipe));
    else {
      const ref = refCellText(v, pool, crush.json);
      if (ref !== undefined) {
        cells.push(ref);
        continue;
      }
      const text = crush.json.of(v);
      if (text.length <= BIG_CELL) cells.push(text);
      else {
        // a whole nested structure in one cell is unreadable; it goes below the row, crushed in turn
        cells.push('↓');
        (below ??= []).push([col, v]);
      }
    }
  }
  out.push(inner + cells.join(delim));
  if (below) for (const [col, v] of below) crush.render(v, crush, `${inner}  `, `${headerText(col.name)}: `, out);
}

/** Pooled sub-objects: a table of their own (`refs for user: [5 rows]`, key column `@`) or one `@l1 = {…}` per line. */
function renderRefs(pool: RefPool, crush: Crush, inner: string, out: string[]): void {
  for (const group of pool.groups) {
    if (group.values.length >= MIN_REF_TABLE) {
      const defs: RowSet = { values: group.values, keys: group.names, keyHeader: '@', noun: 'rows', unit: 'rows', selectable: false };
      if (renderTable(defs, crush, inner, `refs for ${headerText(group.column.name)}: `, out)) continue;
    }
    for (let i = 0; i < group.names.length; i++) out.push(`${inner}${group.names[i]} = ${crush.json.of(group.values[i])}`);
  }
}

/** Rough size of the rendered body, to decide whether selecting rows is worth it (no rendering needed). */
function approxChars(model: TableModel, set: RowSet): number {
  let chars = 0;
  for (const col of model.body) {
    for (const v of col.values) {
      if (typeof v === 'string') chars += v.length + 3;
      else if (v !== null && typeof v === 'object') chars += 40;
      else chars += 6;
    }
  }
  if (set.keys) for (const k of set.keys) chars += k.length + 3;
  return chars;
}
