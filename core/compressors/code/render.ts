import { formatMarker } from '../../ccr/marker.js';
import type { SourceLines } from './numbered-lines.js';
import type { Elision } from './elision.js';

export interface RenderOptions {
  comment: string;
  fileName?: string;
  stash(content: string): string;
}

/**
 * Kept lines verbatim (number prefixes included); each elided run becomes one line: for a body, a comment at the body's
 * indentation, `    // [… 40 lines omitted: body of parseHeaders (src/http.ts L121–160) · retrieve hr_…]`;
 * inside a long comment, a line with the comment's own prefix (` * [… 30 lines omitted: comment (L2–31) · …]`).
 * The stash holds exactly the replaced lines, so swapping each marker line for its record gives back the input byte for
 * byte.
 */
export function renderElided(
  src: SourceLines,
  sourceLines: string[],
  elisions: Elision[],
  opts: RenderOptions,
): string {
  const out: string[] = [];
  let next = 0;
  for (const e of elisions) {
    for (let i = next; i < e.first; i++) out.push(src.lines[i]);
    const exact = src.lines.slice(e.first, e.last + 1).join('\n');
    const where = `${opts.fileName ? opts.fileName + ' ' : ''}L${src.numbers[e.first]}–${src.numbers[e.last]}`;
    const marker = formatMarker({
      count: e.last - e.first + 1,
      unit: 'lines',
      id: opts.stash(exact),
      note: `${e.what} (${where})`,
    });
    const cr = src.lines[e.last].endsWith('\r') ? '\r' : '';
    const lead =
      e.kind === 'body'
        ? `${e.indent ?? indentOf(sourceLines, e.first, e.last)}${opts.comment} `
        : commentLead(sourceLines, e.first, e.last);
    out.push(`${src.blankPrefix}${lead}${marker}${cr}`);
    next = e.last + 1;
  }
  for (let i = next; i < src.lines.length; i++) out.push(src.lines[i]);
  return out.join('\n');
}

/** Inside a comment the marker continues the comment's own line prefix (` * `, `/// `, `# `, or the indentation). */
function commentLead(lines: string[], first: number, last: number): string {
  for (let i = first; i <= last; i++) {
    if (lines[i].trim() === '') continue;
    const m = /^[ \t]*(?:\/\/[\/!]?|#+|\*(?!\/)|--|;+)?/.exec(lines[i])!;
    return m[0].trim() ? m[0] + ' ' : m[0];
  }
  return '';
}

/** Indentation of the first non-blank line of the run (the body's own indentation). */
function indentOf(lines: string[], first: number, last: number): string {
  for (let i = first; i <= last; i++) {
    const m = /^[ \t]*/.exec(lines[i])!;
    if (m[0].length < lines[i].replace(/\r$/, '').length) return m[0];
  }
  return '';
}
