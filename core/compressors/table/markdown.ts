import type { ParsedTable, TableRow } from './types.js';
import { isBlankLine, splitSourceLines, type SourceLine } from './lines.js';

const SEPARATOR_RE = /^\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?\s*$/;

/** Markdown pipe tables: `| a | b |` rows, usually with a `|---|---|` separator under the header. */
export function parseMarkdown(text: string): ParsedTable | null {
  const lines = splitSourceLines(text);
  let first = 0;
  while (first < lines.length && isBlankLine(lines[first].text)) first++;
  let last = lines.length - 1;
  while (last > first && isBlankLine(lines[last].text)) last--;
  if (last - first < 2) return null;
  const body = lines.slice(first, last + 1);
  const hasSeparator = SEPARATOR_RE.test(body[1].text) && body[1].text.includes('-') && body[1].text.includes('|');
  const piped = body.filter((l) => l.text.trimStart().startsWith('|')).length;
  if (!hasSeparator && piped / body.length < 0.9) return null;

  const header = toRow(body[0]);
  const columns = header.cells.length;
  if (columns < 2) return null;
  const rows: TableRow[] = [];
  for (const l of body.slice(hasSeparator ? 2 : 1)) {
    const r = toRow(l);
    r.ragged = r.cells.length !== columns;
    rows.push(r);
  }
  return {
    format: 'markdown',
    delimiter: '|',
    header,
    separator: hasSeparator ? toRow(body[1]) : undefined,
    rows,
    columns,
    preamble: text.slice(0, body[0].start),
    postamble: text.slice(body[body.length - 1].end),
  };
}

/** Cells between unescaped pipes, trimmed; the outer pipes do not make empty cells. */
function toRow(l: SourceLine): TableRow {
  const t = l.text.trim();
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch === '\\' && t[i + 1] === '|') {
      cell += '\\|';
      i++;
    } else if (ch === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  if (t.startsWith('|')) cells.shift();
  if (t.endsWith('|') && !t.endsWith('\\|') && cells.length > 0) cells.pop();
  return { cells, start: l.start, end: l.end, ragged: false };
}
