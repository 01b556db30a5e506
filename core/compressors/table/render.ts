import type { ParsedTable, TableRow } from './types.js';
import { csvField } from './csv.js';

/** A line of output: a table row, or a marker standing for dropped rows. */
export type OutputLine = { row: TableRow } | { marker: string };

/**
 * Writes the table back without the given columns and without alignment padding.
 * CSV rows with no column removed are copied exactly; ragged rows are always copied as they were.
 */
export function renderTable(
  text: string,
  table: ParsedTable,
  drop: ReadonlySet<number>,
  lines: readonly OutputLine[],
): string {
  const keepCols: number[] = [];
  for (let c = 0; c < table.columns; c++) if (!drop.has(c)) keepCols.push(c);
  const pick = (r: TableRow): string[] => keepCols.map((c) => r.cells[c] ?? '');
  const verbatim = (r: TableRow): string => text.slice(r.start, r.end).trimEnd();
  const out: string[] = [];

  if (table.format === 'csv' || table.format === 'tsv') {
    const d = table.delimiter;
    const row = (r: TableRow): string =>
      r.ragged || drop.size === 0
        ? verbatim(r)
        : pick(r)
            .map((v) => csvField(v, d))
            .join(d);
    if (table.header) out.push(row(table.header));
    for (const l of lines) out.push('row' in l ? row(l.row) : l.marker);
  } else if (table.format === 'markdown') {
    const row = (r: TableRow): string => (r.ragged ? verbatim(r) : `| ${pick(r).join(' | ')} |`);
    if (table.header) out.push(row(table.header));
    if (table.separator) out.push(`|${keepCols.map((c) => separatorCell(table.separator!.cells[c] ?? '')).join('|')}|`);
    for (const l of lines) out.push('row' in l ? row(l.row) : l.marker);
  } else {
    // Alignment padding costs tokens (a run of spaces is about one token per gap); single spaces cost least and are
    // unambiguous while no value but the last has a space in it. Otherwise tabs keep "Up 2 hours" in one column.
    const last = keepCols.length - 1;
    const spaced = lines.some(
      (l) => 'row' in l && !l.row.ragged && pick(l.row).some((v, k) => k < last && /\s/.test(v)),
    );
    const gap = spaced || (table.header && pick(table.header).some((v, k) => k < last && /\s/.test(v))) ? '\t' : ' ';
    const row = (r: TableRow): string => (r.ragged ? verbatim(r).trim() : pick(r).join(gap).trimEnd());
    if (table.header) out.push(row(table.header));
    for (const l of lines) out.push('row' in l ? row(l.row) : l.marker);
  }
  return out.join('\n');
}

/** `:---:` keeps its alignment colons, the dashes shrink to three. */
function separatorCell(cell: string): string {
  const t = cell.trim();
  return (t.startsWith(':') ? ':' : '') + '---' + (t.endsWith(':') && t.length > 1 ? ':' : '');
}
