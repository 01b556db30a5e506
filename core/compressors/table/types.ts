export type TableFormat = 'csv' | 'tsv' | 'markdown' | 'aligned';

/** One record: its cells, and the exact `[start, end)` slice of the original it came from (no trailing newline). */
export interface TableRow {
  cells: string[];
  start: number;
  end: number;
  /** The record does not fit the column layout (wrong field count, text across a column gutter): shown verbatim. */
  ragged: boolean;
}

export interface ParsedTable {
  format: TableFormat;
  /** Field delimiter for csv/tsv. */
  delimiter: string;
  /** Absent for headerless output such as `ls -l`. */
  header?: TableRow;
  /** The markdown `|---|---|` row, kept as structure. */
  separator?: TableRow;
  rows: TableRow[];
  columns: number;
  /** Lines before the table (`total 48` above `ls -l`), kept verbatim; ends with its newline when non-empty. */
  preamble: string;
  /** Text after the last row (its newline included), kept verbatim. */
  postamble: string;
}
