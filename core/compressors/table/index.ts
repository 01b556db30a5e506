import type { CompressContext } from '../../types.js';
import { formatMarker } from '../../ccr/marker.js';
import type { ParsedTable, TableRow } from './types.js';
import { parseMarkdown } from './markdown.js';
import { parseDelimited } from './csv.js';
import { parseAligned } from './aligned.js';
import { constantColumns, constantNote } from './constant-columns.js';
import { mustKeepRows } from './row-signals.js';
import { renderTable, type OutputLine } from './render.js';

/** Tables still longer than this after the lossless pass get lossy row selection. */
export const LOSSY_TABLE_CHARS = 8000;
/** A run of dropped rows shorter than this stays: its marker would cost about as much. */
const MIN_DROPPED_CHARS = 160;
/** Columns with at most this many distinct values can describe a dropped run ("STATUS=Running"). */
const NOTE_MAX_DISTINCT = 12;

/**
 * Tables: CSV/TSV, markdown pipe tables, space-aligned command output. Lossless first (constant columns stated once,
 * padding minified); if the result is still long, keeps the header and the rows that matter (failures, query
 * matches, outliers, rare values, first and last rows) and replaces each run of other rows by one marker whose id
 * retrieves those exact lines.
 */
export function compressTable(text: string, ctx: CompressContext): string | null {
  const table = parseTable(text);
  if (!table || table.rows.length < 2) return null;
  const constant = constantColumns(table);
  const drop = new Set(constant);
  const note = constant.length ? constantNote(table, constant) + '\n' : '';
  const wrap = (body: string): string => table.preamble + note + body + table.postamble;

  const all: OutputLine[] = table.rows.map((row) => ({ row }));
  const lossless = wrap(renderTable(text, table, drop, all));
  if (lossless.length <= LOSSY_TABLE_CHARS || table.rows.length < 12)
    return lossless.length < text.length ? lossless : null;

  const keep = mustKeepRows(table, text, ctx.queryTerms);
  const categorical = noteColumns(table, drop);
  const lines: OutputLine[] = [];
  for (let i = 0; i < table.rows.length; i++) {
    if (keep[i]) {
      lines.push({ row: table.rows[i] });
      continue;
    }
    let j = i;
    while (j + 1 < table.rows.length && !keep[j + 1]) j++;
    const first = table.rows[i],
      last = table.rows[j];
    if (last.end - first.start < MIN_DROPPED_CHARS) {
      for (let k = i; k <= j; k++) lines.push({ row: table.rows[k] });
    } else {
      const id = ctx.stash(text.slice(first.start, last.end));
      lines.push({
        marker: formatMarker({
          count: j - i + 1,
          unit: 'rows',
          id,
          note: runNote(table.rows.slice(i, j + 1), categorical, table),
        }),
      });
    }
    i = j;
  }
  const out = wrap(renderTable(text, table, drop, lines));
  return out.length < text.length ? out : null;
}

/** Markdown first (its pipes would also pass as a delimiter), then CSV/TSV, then aligned columns. */
export function parseTable(text: string): ParsedTable | null {
  if (text.trim().length === 0) return null;
  return parseMarkdown(text) ?? parseDelimited(text) ?? parseAligned(text);
}

/** Varying columns with few distinct values: the ones that can say what a dropped run has in common. */
function noteColumns(table: ParsedTable, drop: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let c = 0; c < table.columns && out.length < 6; c++) {
    if (drop.has(c)) continue;
    const values = new Set<string>();
    for (const r of table.rows) {
      if (r.ragged) continue;
      values.add(r.cells[c] ?? '');
      if (values.size > NOTE_MAX_DISTINCT) break;
    }
    if (values.size <= NOTE_MAX_DISTINCT) out.push(c);
  }
  return out;
}

/** `STATUS=Running` when every row of the run shares that value (at most two such columns). */
function runNote(rows: readonly TableRow[], columns: readonly number[], table: ParsedTable): string | undefined {
  const parts: string[] = [];
  for (const c of columns) {
    if (parts.length >= 2) break;
    const v = rows[0].cells[c];
    if (!v || rows.some((r) => r.ragged || r.cells[c] !== v)) continue;
    const name = table.header?.cells[c]?.trim() || `column ${c + 1}`;
    parts.push(`${name}=${v}`);
  }
  return parts.length ? `all ${parts.join(', ')}` : undefined;
}
