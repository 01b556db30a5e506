import type { ParsedTable, TableRow } from './types.js';
import { splitSourceLines, tokenCount, trimAround, type SourceLine } from './lines.js';

/** Lines wider than this are not column output; the column scan stays bounded. */
const MAX_WIDTH = 4096;
/** Share of lines allowed to cross a column gutter (a long value pushing the rest of its line right). */
const RAGGED_SHARE = 0.03;
const HEADER_RE = /^[A-Z%#][A-Za-z0-9%#_()./: -]*$/;

/**
 * Space-aligned command output (kubectl get, ps aux, docker ps, df, ls -l). Columns are the runs of character
 * positions between gutters, positions that are blank on (nearly) every line. That handles left- and right-aligned
 * columns and values with single spaces ("Up 2 hours"). The last column runs to the end of the line.
 */
export function parseAligned(text: string): ParsedTable | null {
  const all = splitSourceLines(text);
  const { first, last } = trimAround(all);
  const lines = all.slice(first, last + 1);
  if (lines.length < 3) return null;
  let width = 0;
  for (const l of lines) width = Math.max(width, l.text.length);
  if (width > MAX_WIDTH) return null;

  const headerLine = HEADER_RE.test(lines[0].text.trim()) && tokenCount(lines[0].text) >= 2 ? lines[0] : undefined;
  const body = headerLine ? lines.slice(1) : lines;
  const table = (rows: TableRow[], columns: number, header?: TableRow): ParsedTable => ({
    format: 'aligned',
    delimiter: '  ',
    header,
    rows,
    columns,
    preamble: text.slice(0, lines[0].start),
    postamble: text.slice(lines[lines.length - 1].end),
  });

  // ps-style output has fixed widths that big values overflow, shifting the rest of their line and merging gutters
  // away: when every value sits under its header label (give or take the shift), split on whitespace. Tabwriter-style
  // output (kubectl, docker, df, ls) sizes columns to fit, so blank gutters split it exactly, spaced values included.
  const labels = headerLine ? spans(headerLine.text) : [];
  if (headerLine) {
    const byTokens = splitByTokens(body, labels);
    if (byTokens) return table(byTokens, labels.length, tokenRow(headerLine, labels.length)!);
  }
  const exact = columnSegments(lines, width, headerLine, 0);
  const segments =
    exact.length >= 2 ? exact : columnSegments(lines, width, headerLine, Math.floor(lines.length * RAGGED_SHARE));
  if (segments.length < 2) return null;
  const rows = body.map((l) => cut(l, segments));
  const ragged = rows.filter((r) => r.ragged).length;
  if (ragged > Math.max(1, rows.length * RAGGED_SHARE * 2)) return null;
  return table(rows, segments.length, headerLine ? cut(headerLine, segments) : undefined);
}

/**
 * Whitespace-split rows, the last field taking the rest of the line. A row whose values do not sit under their
 * labels (a value with a space in it shifts the rest) stays verbatim; null when more than a few rows are like that.
 */
function splitByTokens(lines: SourceLine[], labels: Array<[number, number]>): TableRow[] | null {
  const columns = labels.length;
  let ragged = 0;
  const rows = lines.map((l): TableRow => {
    const tokens = spans(l.text);
    let fits = tokens.length >= columns;
    for (let k = 0; k < columns && fits; k++)
      fits = tokens[k][1] + SHIFT >= labels[k][0] && tokens[k][0] - SHIFT <= labels[k][1];
    if (!fits) {
      ragged++;
      return { cells: [l.text.trim()], start: l.start, end: l.end, ragged: true };
    }
    return tokenRow(l, columns)!;
  });
  return ragged <= rows.length * RAGGED_SHARE ? rows : null;
}

/** How far an overflowing value may push the rest of its line. */
const SHIFT = 4;

function spans(t: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1;
  for (let p = 0; p <= t.length; p++) {
    const blank = p === t.length || t.charCodeAt(p) <= 32;
    if (!blank && start < 0) start = p;
    else if (blank && start >= 0) {
      out.push([start, p]);
      start = -1;
    }
  }
  return out;
}

function tokenRow(l: SourceLine, columns: number): TableRow | undefined {
  const tokens = l.text.trim().split(/\s+/);
  if (tokens.length < columns) return undefined;
  const cells = tokens.slice(0, columns - 1);
  cells.push(tokens.slice(columns - 1).join(' '));
  return { cells, start: l.start, end: l.end, ragged: false };
}

type Segment = [number, number];

function columnSegments(
  lines: SourceLine[],
  width: number,
  header: SourceLine | undefined,
  tolerance: number,
): Segment[] {
  const used = new Int32Array(width + 1);
  for (const l of lines) for (let p = 0; p < l.text.length; p++) if (l.text.charCodeAt(p) > 32) used[p]++;
  let segs: Segment[] = [];
  let start = -1;
  for (let p = 0; p <= width; p++) {
    const gutter = p === width || used[p] <= tolerance;
    if (!gutter && start < 0) start = p;
    else if (gutter && start >= 0) {
      segs.push([start, p]);
      start = -1;
    }
  }
  if (header) segs = fitHeader(segs, header.text);
  else segs = foldSparseTail(segs, lines);
  return segs;
}

/**
 * With a header, the last labelled column runs to the end of the line (ps's COMMAND, a file name with spaces), a
 * column without a label joins its left neighbour, and a lower-case label ("Mounted on") continues the previous one.
 */
function fitHeader(segs: Segment[], header: string): Segment[] {
  const labelled = segs.map(([s, e]) => header.slice(s, e).trim());
  const out: Segment[] = [];
  for (let i = 0; i < segs.length; i++) {
    const label = labelled[i];
    const joins = out.length > 0 && (label === '' || (/^[a-z]/.test(label) && i > 0 && /^[A-Z]/.test(labelled[i - 1])));
    if (joins) out[out.length - 1] = [out[out.length - 1][0], segs[i][1]];
    else out.push([segs[i][0], segs[i][1]]);
  }
  return out;
}

/**
 * Without a header, trailing columns that most lines leave empty are the rest of the last value (names with spaces).
 */
function foldSparseTail(segs: Segment[], lines: SourceLine[]): Segment[] {
  const out = segs.slice();
  while (out.length > 2) {
    const [s] = out[out.length - 1];
    const filled = lines.filter((l) => l.text.length > s && l.text.slice(s).trim() !== '').length;
    if (filled * 2 >= lines.length) break;
    const last = out.pop()!;
    out[out.length - 1] = [out[out.length - 1][0], last[1]];
  }
  return out;
}

/** Cells of one line; a line with text across a gutter falls back to splitting on whitespace, else stays verbatim. */
function cut(l: SourceLine, segs: Segment[]): TableRow {
  const t = l.text;
  let crosses = false;
  for (let i = 1; i < segs.length && !crosses; i++) {
    const g = segs[i][0] - 1; // the blank just before each column (after the first)
    crosses = g >= 0 && g < t.length && t.charCodeAt(g) > 32 && t.charCodeAt(g + 1) > 32;
  }
  if (!crosses) {
    // each cell runs to the next column's start, so a character in a gutter still lands in the cell on its left
    const cells = segs.map((_, i) =>
      t.slice(i === 0 ? 0 : segs[i][0], i + 1 < segs.length ? segs[i + 1][0] : t.length).trim(),
    );
    return { cells, start: l.start, end: l.end, ragged: false };
  }
  const tokens = t.trim().split(/\s+/);
  if (tokens.length >= segs.length) {
    const cells = tokens.slice(0, segs.length - 1);
    cells.push(tokens.slice(segs.length - 1).join(' '));
    return { cells, start: l.start, end: l.end, ragged: false };
  }
  return { cells: [t.trim()], start: l.start, end: l.end, ragged: true };
}
