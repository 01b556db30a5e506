import type { Crush, Json } from './types.js';
import { flattenColumns, MORE_COLUMN, objectColumns, tupleColumns, type Column } from './columns.js';
import { constantColumns, emptyMeaning, type EmptyMeans } from './factor.js';
import { derivedColumns, templateText, type Derived } from './templates.js';
import { buildRefPool, refCellText, type RefPool } from './refs.js';
import { headerText, scalarText } from './scalar.js';
import { proseScalar } from './prose-strings.js';
import { emitRows, keepMask, keptCount, wouldSelect, type RowSet } from './rows.js';
import type { RowRank } from './select-rows.js';
import { tableSummary, type RunSummary } from './markers.js';
import { timeOrdered } from './stats.js';
import { opaqueColumns } from './opaque.js';
import { categoryColumn, categoryNote, idBudget, identifierColumns, identifierNote } from './identifiers.js';
import { formatMarker } from '../../ccr/marker.js';
import { BIG_CELL, MIN_REF_TABLE, MIN_SELECT_CHARS, MIN_TABLE_DENSITY, MIN_TABLE_ROWS } from './limits.js';

/** Heads the line naming the columns the lossy pass left out of a table (decoders look for it). */
const LEFT_OUT = 'columns left out: ';

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
 * In the lossy pass, big tables keep their selected rows and put a marker where the others were (one marker for all
 * of them when the kept rows are scattered in a list that is not a time series), naming the dropped rows by their
 * identifier columns; opaque ids and columns repeating another leave the table on one `columns left out:` line.
 * False when the rows do not form a table (the caller lists them instead).
 */
export function renderTable(set: RowSet, crush: Crush, indent: string, head: string, out: string[]): boolean {
  const model = analyze(set, crush);
  if (!model) return false;
  const { n, body } = model;
  const approx = approxChars(model, set);
  // when rows will be dropped, generated ids may leave the table too (opaque.ts), and identifiers name the rest
  const selecting = wouldSelect(set, crush, approx, MIN_SELECT_CHARS);
  const candidates = selecting ? opaqueColumns(body, crush.ctx.queryTerms) : new Set<Column>();
  const readable = body.filter((c) => !candidates.has(c));
  const ids = selecting ? identifierColumns(readable) : [];
  // rows without identifiers are told by their kind (an event's `reason`): how many of each a marker holds
  const category = selecting && ids.length === 0 ? categoryColumn(readable) : undefined;
  const rank: RowRank = {};
  const keep = keepMask(set, crush, approx, MIN_SELECT_CHARS, body, ids.length > 0 || category !== undefined, rank);
  const kept: number[] = [];
  for (let r = 0; r < n; r++) if (!keep || keep[r]) kept.push(r);
  const opaque = keep ? [...candidates].filter((col) => kept.every((r) => col.values[r] !== undefined)) : [];
  const shown = opaque.length > 0 ? body.filter((c) => !opaque.includes(c)) : body;
  const pool = buildRefPool(shown, kept, crush.refs, crush.json);
  const inner = head ? `${indent}  ` : indent;
  const delim = model.pipe ? ' | ' : '\t';

  out.push(indent + head + headerLine(set, model, keptCount(keep, n)));
  if (model.constants.length > 0) out.push(`${inner}all rows: ${constantsJson(model.constants)}`);
  for (const d of model.derived) out.push(`${inner}${headerText(d.column.name)} = ${templateText(d)}`);
  if (opaque.length > 0) out.push(`${inner}${leftOutLine(opaque, kept, crush)}`);
  const header = shown.map((c) => (c.extra ? MORE_COLUMN : headerText(c.name)));
  if (set.keys) header.unshift(set.keyHeader ?? '(key)');
  if (header.length > 0) {
    out.push(inner + header.join(delim));
    const budget = idBudget(n - keptCount(keep, n));
    const names = (rows: readonly number[]): string =>
      category ? categoryNote(category, rows, budget) : identifierNote(ids, rows, budget);
    const summary = keep ? runSummary(shown, [...ids, ...(category ? [category] : [])], names) : undefined;
    // scattered records are gathered behind one marker; a time series keeps its runs (each is a span of time) while
    // they are long enough for their notes to say something
    const gather =
      keep && (!timeOrdered(body) || shortRuns(keep))
        ? (rows: readonly number[]) => names(byRelevance(rows, rank))
        : undefined;
    emitRows(
      set,
      keep,
      crush,
      inner,
      out,
      (r) => renderRow(set, model, shown, pool, r, crush, inner, delim, out),
      summary,
      gather,
    );
  }
  renderRefs(pool, crush, inner, out);
  return true;
}

/** Runs of dropped rows shorter than this on average are not worth a marker each, even in a time series. */
const SHORT_RUN = 5;

function shortRuns(keep: Uint8Array): boolean {
  let runs = 0;
  let dropped = 0;
  for (let r = 0; r < keep.length; r++) {
    if (keep[r]) continue;
    dropped++;
    if (r === 0 || keep[r - 1]) runs++;
  }
  return runs > 0 && dropped < SHORT_RUN * runs;
}

/** Rows most relevant to the query first (demoted ones last), so a cut list keeps the best; else as given. */
function byRelevance(rows: readonly number[], rank: RowRank): number[] {
  const rel = rank.relevance;
  if (!rel) return [...rows];
  return [...rows].sort((a, b) => rel.demoted[a] - rel.demoted[b] || rel.scores[b] - rel.scores[a] || a - b);
}

/**
 * `columns left out: sha, node_id [… 28 values omitted: … · retrieve id]`: the stash is a JSON object mapping each
 * column to its values for the shown rows, in order.
 */
function leftOutLine(cols: readonly Column[], kept: readonly number[], crush: Crush): string {
  const byName: Record<string, Json[]> = {};
  for (const col of cols) byName[col.name] = kept.map((r) => col.values[r] as Json);
  const id = crush.ctx.stash(JSON.stringify(byName));
  const marker = formatMarker({
    count: cols.length * kept.length,
    unit: 'values',
    id,
    note: 'ids and repeats of other columns, per shown row',
  });
  return `${LEFT_OUT}${cols.map((c) => headerText(c.name)).join(', ')} ${marker}`;
}

/** A dropped run's note: its rows' names (identifiers, or kinds), then what its rows share. */
function runSummary(
  shown: readonly Column[],
  named: readonly Column[],
  names: (rows: readonly number[]) => string,
): RunSummary {
  const facts = tableSummary(shown.filter((c) => !named.includes(c)));
  return (start, end) => {
    const rows: number[] = [];
    for (let r = start; r < end; r++) rows.push(r);
    const listed = names(rows);
    const rest = facts(start, end);
    return listed && rest ? `${listed}; ${rest}` : listed || rest;
  };
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

function renderRow(
  set: RowSet,
  model: TableModel,
  shown: readonly Column[],
  pool: RefPool,
  r: number,
  crush: Crush,
  inner: string,
  delim: string,
  out: string[],
): void {
  const cells: string[] = [];
  if (set.keys) cells.push(headerText(set.keys[r]));
  let below: Array<[Column, Json]> | undefined;
  for (const col of shown) {
    const v = col.values[r];
    if (v === undefined) cells.push('');
    else if (v === null) cells.push(model.empty === 'null' ? '' : 'null');
    else if (typeof v !== 'object') cells.push(scalarText(proseScalar(v, crush), model.pipe));
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

/**
 * Pooled sub-objects: a table of their own (`refs for user: [5 rows]`, key column `@`) or one `@l1 = {…}` per line.
 */
function renderRefs(pool: RefPool, crush: Crush, inner: string, out: string[]): void {
  for (const group of pool.groups) {
    if (group.values.length >= MIN_REF_TABLE) {
      const defs: RowSet = {
        values: group.values,
        keys: group.names,
        keyHeader: '@',
        noun: 'rows',
        unit: 'rows',
        selectable: false,
      };
      if (renderTable(defs, crush, inner, `refs for ${headerText(group.column.name)}: `, out)) continue;
    }
    for (let i = 0; i < group.names.length; i++)
      out.push(`${inner}${group.names[i]} = ${crush.json.of(group.values[i])}`);
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
