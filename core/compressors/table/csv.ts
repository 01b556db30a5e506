import type { ParsedTable, TableRow } from './types.js';

/** Records sampled to pick the delimiter. */
const SAMPLE_RECORDS = 50;
/** Share of sampled records that must have the header's field count. */
const CONSISTENT = 0.9;

/**
 * CSV/TSV with RFC 4180 quoting: quoted fields may hold delimiters, `""` and newlines. Picks the delimiter whose
 * field count is the same on the header and on nearly every sampled record. Rows with another count are ragged.
 */
export function parseDelimited(text: string): ParsedTable | null {
  let best: { delimiter: string; fields: number } | undefined;
  for (const d of [',', '\t', ';', '|']) {
    const sample = parseRecords(text, d, SAMPLE_RECORDS);
    if (sample.length < 3) continue;
    const fields = sample[0].cells.length;
    if (fields < 2) continue;
    const same = sample.filter((r) => r.cells.length === fields).length;
    if (same / sample.length < CONSISTENT) continue;
    if (!best || fields > best.fields) best = { delimiter: d, fields };
  }
  if (!best) return null;
  const records = parseRecords(text, best.delimiter, Infinity);
  for (const r of records) r.ragged = r.cells.length !== best.fields;
  const [first, ...rest] = records;
  const header = looksLikeHeader(first, rest) ? first : undefined;
  const rows = header ? rest : records;
  const lastEnd = records[records.length - 1].end;
  return {
    format: best.delimiter === '\t' ? 'tsv' : 'csv',
    delimiter: best.delimiter,
    header,
    rows,
    columns: best.fields,
    preamble: '',
    postamble: text.slice(lastEnd),
  };
}

/** A header names columns: none of its fields is a number, and it is not repeated as data. */
function looksLikeHeader(first: TableRow, rest: TableRow[]): boolean {
  if (first.cells.some((c) => /^\s*-?\d[\d.,]*\s*$/.test(c))) return false;
  const key = first.cells.join('\u0000');
  return !rest.slice(0, 20).some((r) => r.cells.join('\u0000') === key);
}

/** Parses up to `limit` records; blank lines are skipped. Linear: fields are sliced, quotes found with indexOf. */
export function parseRecords(text: string, d: string, limit: number): TableRow[] {
  const out: TableRow[] = [];
  const dc = d.charCodeAt(0);
  const n = text.length;
  let i = 0;
  while (i < n && out.length < limit) {
    const start = i;
    const cells: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let value: string;
      if (text.charCodeAt(i) === 34) {
        // quoted field: up to the quote not followed by another quote
        let j = i + 1;
        let parts = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) {
            parts += text.slice(j);
            j = n;
            break;
          }
          parts += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            parts += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        // anything between the closing quote and the next delimiter stays part of the field
        let k = j;
        while (k < n && text.charCodeAt(k) !== dc && text.charCodeAt(k) !== 10) k++;
        value = parts + stripCr(text.slice(j, k));
        i = k;
      } else {
        let k = i;
        while (k < n && text.charCodeAt(k) !== dc && text.charCodeAt(k) !== 10) k++;
        value = stripCr(text.slice(i, k));
        i = k;
      }
      cells.push(value);
      if (i < n && text.charCodeAt(i) === dc) i++;
      else endOfRecord = true;
    }
    let end = Math.min(i, n);
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    i++; // past the newline
    if (end === start || (cells.length === 1 && cells[0].trim() === '')) continue; // blank line
    out.push({ cells, start, end, ragged: false });
  }
  return out;
}

function stripCr(s: string): string {
  return s.length > 0 && s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s;
}

/** Writes one field back, quoting only when the delimiter, a quote, a newline or edge spaces require it. */
export function csvField(value: string, d: string): string {
  if (
    value.includes(d) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    /^\s|\s$/.test(value)
  ) {
    return '"' + value.replace(/"/g, '""') + '"';
  }
  return value;
}
