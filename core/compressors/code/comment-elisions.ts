import { MIN_ELIDED_LINES, type Elision } from './elision.js';
import type { LineTable } from './line-table.js';
import type { CodeDef, Span } from './outline.js';

/** Lines above a kept definition whose comment stays whole (its doc comment, past decorators/annotations). */
const DOC_REACH = 3;

/**
 * Long comments (licence headers, doc comments, module/class docstrings) keep their first line of text and their
 * closing line; the middle becomes a marker inside the comment. A comment stays whole when it documents or sits in a
 * definition the question is about, or when it mentions an identifier the question names (plain words of the
 * question do not count: "array", "error" would keep every doc comment).
 */
export function planCommentElisions(
  comments: Span[],
  relevant: Set<CodeDef>,
  bodies: Elision[],
  named: ReadonlySet<string>,
  table: LineTable,
): Elision[] {
  const taken = new Uint8Array(table.count);
  for (const d of relevant) mark(taken, Math.max(0, table.rowOf(d.start) - DOC_REACH), table.rowOf(d.end));
  for (const e of bodies) mark(taken, e.first, e.last);
  const out: Elision[] = [];
  for (const run of commentRuns(comments, table)) {
    if (anyMarked(taken, run.first, run.last)) continue;
    if (named.size && mentions(table.source.slice(run.start, run.end).toLowerCase(), named)) continue;
    const first = table.hasText(run.first) ? run.first + 1 : run.first + 2;
    const last = table.hasText(run.last) ? run.last : run.last - 1;
    if (last - first + 1 < MIN_ELIDED_LINES) continue;
    out.push({ first, last, what: 'comment', kind: 'comment' });
  }
  return out;
}

interface Run extends Span {
  first: number;
  last: number;
}

/** Whole-line comments on consecutive lines merge into one run (a `///` block is one doc comment). */
function commentRuns(comments: Span[], table: LineTable): Run[] {
  const runs: Run[] = [];
  let cur: Run | undefined;
  for (const c of comments) {
    if (c.end <= c.start || !table.ownsLines(c.start, c.end)) {
      cur = undefined;
      continue;
    }
    const first = table.rowOf(c.start);
    const last = table.rowOf(c.end);
    if (cur && first <= cur.last + 1) {
      cur.end = c.end;
      cur.last = Math.max(cur.last, last);
    } else {
      cur = { start: c.start, end: c.end, first, last };
      runs.push(cur);
    }
  }
  return runs;
}

/** The text holds one of the identifiers as a whole word (`add` in "#add(CharSequence)", not in "address"). */
function mentions(lowerText: string, named: ReadonlySet<string>): boolean {
  for (const id of named) {
    let at = lowerText.indexOf(id);
    while (at !== -1) {
      if (!isWordChar(lowerText.charCodeAt(at - 1)) && !isWordChar(lowerText.charCodeAt(at + id.length))) return true;
      at = lowerText.indexOf(id, at + 1);
    }
  }
  return false;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 65 && c <= 90);
}

function mark(rows: Uint8Array, from: number, to: number): void {
  for (let r = from; r <= to && r < rows.length; r++) rows[r] = 1;
}

function anyMarked(rows: Uint8Array, from: number, to: number): boolean {
  for (let r = from; r <= to; r++) if (rows[r]) return true;
  return false;
}
