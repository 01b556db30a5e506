import type { ParsedTable } from './types.js';

/** Fewer rows than this and "same in every row" is not worth a line of its own. */
const MIN_ROWS = 4;

/** Columns whose value is the same on every (well-formed) row; at least one varying column always remains. */
export function constantColumns(table: ParsedTable): number[] {
  const rows = table.rows.filter((r) => !r.ragged);
  if (rows.length < MIN_ROWS) return [];
  const out: number[] = [];
  for (let c = 0; c < table.columns; c++) {
    const v = rows[0].cells[c] ?? '';
    if (rows.every((r) => (r.cells[c] ?? '') === v)) out.push(c);
  }
  return out.length < table.columns ? out : [];
}

/** One line stating the dropped columns' shared values: `Same in all 200 rows: NAMESPACE=default, READY=1/1`. */
export function constantNote(table: ParsedTable, columns: readonly number[]): string {
  const rows = table.rows.filter((r) => !r.ragged);
  const parts = columns.map((c) => {
    const name = table.header?.cells[c]?.trim() || `column ${c + 1}`;
    const value = rows[0].cells[c] ?? '';
    return `${name}=${value === '' ? '(empty)' : /[,=]|^\s|\s$/.test(value) ? JSON.stringify(value) : value}`;
  });
  return `Same in all ${rows.length} rows: ${parts.join(', ')}`;
}
