import type { Unit, UnitKind } from './units.js';
import { splitSentences, trimEnd } from './sentences.js';

/**
 * Cuts a document (markdown, plain-text README, text extracted from HTML) into units. Headings, fenced code, indented
 * verbatim blocks, list items and table rows stay whole; paragraphs are cut into sentences. Every regex below is
 * anchored and tested on one line at a time.
 */
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_RE = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const RULE_RE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const UNDERLINE_RE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const ITEM_RE = /^[ \t]*(?:[-*+•]|\d{1,9}[.)])[ \t]+\S/;
const TABLE_SEP_RE = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/;
/**
 * A short line alone in its paragraph, without closing punctuation: a plain-text heading ("What we need") or, up to
 * three words, a term whose definition follows (a <dt> from HTML, "dialout").
 */
const PLAIN_HEADING_RE = /^[ \t]*[A-Z0-9][^.!?:;,]{0,60}$/;
const TERM_RE = /^[ \t]*[\p{L}\p{N}_][^.!?:;,]{0,40}$/u;

/** Lines that are units of their own inside a paragraph: badges, link reference definitions, lines of raw HTML. */
const LINE_UNIT_RE = /^[ \t]*(?:\[?!\[|\[[^\]\n]{1,200}\]:[ \t]*\S|<\/?[A-Za-z][\w-]*(?:[ \t>\/]|$))/;
/** Longer `#` lines are prose or comments, not headings. */
const MAX_HEADING = 160;

interface Line {
  start: number;
  /** End of the line's content (before `\r\n` / `\n`). */
  end: number;
  text: string;
}

export function segment(text: string): Unit[] {
  const lines = splitLines(text);
  const baseline = commonIndent(lines);
  const units: Unit[] = [];
  let block = 0;
  const add = (start: number, end: number, kind: UnitKind, lead: boolean, fixed: boolean, line?: boolean): void => {
    units.push({ start, end: trimEnd(text, start, end), kind, block, lead, fixed, ...(line ? { line } : {}) });
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line.text)) {
      i++;
      continue;
    }
    const fence = FENCE_RE.exec(line.text);
    if (fence) {
      const j = fenceEnd(lines, i, fence[1]);
      add(line.start, lines[j].end, 'code', true, false);
      i = j + 1;
    } else if (isAtxHeading(lines, i)) {
      add(line.start, line.end, 'heading', true, true);
      i++;
    } else if (RULE_RE.test(line.text)) {
      add(line.start, line.end, 'structure', true, true);
      i++;
    } else if (isTableLine(line.text) && i + 1 < lines.length && isTableLine(lines[i + 1].text)) {
      let j = i;
      while (j < lines.length && isTableLine(lines[j].text)) {
        const structural = j === i || TABLE_SEP_RE.test(lines[j].text);
        add(lines[j].start, lines[j].end, 'row', j === i, structural);
        j++;
      }
      i = j;
    } else if (ITEM_RE.test(line.text)) {
      let j = i + 1;
      while (j < lines.length && !isBlank(lines[j].text) && !startsBlock(lines, j)) j++;
      add(line.start, lines[j - 1].end, 'item', true, false);
      i = j;
    } else if (i + 1 < lines.length && UNDERLINE_RE.test(lines[i + 1].text) && !isBlank(line.text)) {
      add(line.start, lines[i + 1].end, 'heading', true, true);
      i += 2;
    } else {
      let j = i + 1;
      while (j < lines.length && !isBlank(lines[j].text) && !startsBlock(lines, j)) j++;
      paragraph(text, lines, i, j, baseline, add);
      i = j;
    }
    block++;
  }
  return units;
}

function paragraph(
  text: string,
  lines: Line[],
  from: number,
  to: number,
  baseline: number,
  add: (start: number, end: number, kind: UnitKind, lead: boolean, fixed: boolean, line?: boolean) => void,
): void {
  const start = lines[from].start;
  const end = lines[to - 1].end;
  let verbatim = true;
  for (let k = from; k < to && verbatim; k++) verbatim = indentOf(lines[k].text) >= baseline + 4;
  if (verbatim) {
    add(start, end, 'code', true, false);
    return;
  }
  const words = to - from === 1 ? wordCount(lines[from].text) : 0;
  if (
    words > 0 &&
    ((words <= 8 && PLAIN_HEADING_RE.test(lines[from].text)) || (words <= 3 && TERM_RE.test(lines[from].text)))
  ) {
    add(start, end, 'heading', true, true);
    return;
  }
  // lines that are records (a table, a log, a listing that landed in prose) are units whole: a sentence end inside
  // one (`?` in ps's TTY column) must not let a marker join the start of one record to the end of another
  const records = isRecordBlock(lines, from, to);
  // badge, link-definition and raw-HTML lines stand alone, so they do not drag the sentence next to them down
  let lead = true;
  let runStart = from;
  const flush = (to2: number): void => {
    if (to2 <= runStart) return;
    let pieces = splitSentences(text, lines[runStart].start, lines[to2 - 1].end);
    // in a block of records a unit may only end where a line ends: when a "sentence" ends mid-line (`?` in ps's TTY
    // column), each line is a unit of its own
    if (records && endsMidLine(text, pieces))
      pieces = lines.slice(runStart, to2).map((l): [number, number] => [l.start, l.end]);
    for (const [s, e] of pieces) {
      add(s, e, 'sentence', lead, false, records);
      lead = false;
    }
  };
  for (let k = from; k < to; k++) {
    if (!LINE_UNIT_RE.test(lines[k].text)) continue;
    flush(k);
    add(lines[k].start, lines[k].end, 'sentence', false, false);
    runStart = k + 1;
  }
  flush(to);
}

/** True when two neighbouring pieces meet inside a line. */
function endsMidLine(text: string, pieces: ReadonlyArray<[number, number]>): boolean {
  for (let k = 1; k < pieces.length; k++) if (!text.slice(pieces[k - 1][1], pieces[k][0]).includes('\n')) return true;
  return false;
}

/**
 * A block of lines that are records rather than a wrapped paragraph. Wrapped prose fills its lines to about the same
 * width, is mostly letters, and seldom starts two lines with the same word; records (ps, ls, logs, test lines) vary in
 * width, carry digits and punctuation, or repeat their first field.
 */
export function isRecordBlock(lines: readonly { text: string }[], from: number, to: number): boolean {
  const n = to - from;
  if (n < 3) return false;
  let width = 0;
  for (let k = from; k < to; k++) width = Math.max(width, lines[k].text.trimEnd().length);
  let filled = 0,
    letters = 0,
    visible = 0;
  const firsts = new Map<string, number>();
  let repeated = 0;
  for (let k = from; k < to; k++) {
    const t = lines[k].text;
    if (k < to - 1 && t.trimEnd().length >= 0.6 * width) filled++;
    for (let c = 0; c < t.length && c < 400; c++) {
      const ch = t.charCodeAt(c);
      if (ch === 32 || ch === 9) continue;
      visible++;
      if ((ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch >= 0xc0) letters++;
    }
    const first = /^\s*(\S+)/.exec(t)?.[1] ?? '';
    const seen = (firsts.get(first) ?? 0) + 1;
    firsts.set(first, seen);
    if (seen > repeated) repeated = seen;
  }
  const wrapped = filled >= 0.7 * (n - 1) && letters >= 0.75 * visible && repeated < Math.max(3, 0.3 * n);
  return !wrapped;
}

/** A line that begins a new block even without a blank line before it. */
function startsBlock(lines: Line[], j: number): boolean {
  const t = lines[j].text;
  if (FENCE_RE.test(t) || isAtxHeading(lines, j) || ITEM_RE.test(t) || RULE_RE.test(t)) return true;
  if (isTableLine(t) && j + 1 < lines.length && isTableLine(lines[j + 1].text)) return true;
  // the line above a setext underline is a heading of its own
  return j + 1 < lines.length && UNDERLINE_RE.test(lines[j + 1].text) && !UNDERLINE_RE.test(t);
}

/**
 * `# text` is a markdown heading unless it is one of three or more `#` lines in a row: in plain text that is a
 * quoted or commented block (shell comments, a quoted standard), which reads as a paragraph.
 */
function isAtxHeading(lines: Line[], i: number): boolean {
  const t = lines[i].text;
  if (t.length > MAX_HEADING || !ATX_RE.test(t)) return false;
  const hashed = (k: number): boolean => k >= 0 && k < lines.length && lines[k].text.trimStart().startsWith('#');
  const before = hashed(i - 1) ? (hashed(i - 2) ? 2 : 1) : 0;
  const after = hashed(i + 1) ? (hashed(i + 2) ? 2 : 1) : 0;
  return before + after < 2;
}

function fenceEnd(lines: Line[], i: number, fence: string): number {
  const ch = fence[0];
  for (let j = i + 1; j < lines.length; j++) {
    const t = lines[j].text.trim();
    if (t.length >= fence.length && t[0] === ch && isRunOf(t, ch)) return j;
  }
  return lines.length - 1;
}

function isRunOf(t: string, ch: string): boolean {
  for (let k = 0; k < t.length; k++) if (t[k] !== ch) return false;
  return true;
}

/** Markdown pipe rows (`| a | b |`) and the ` | `-joined rows the HTML extractor writes. */
function isTableLine(t: string): boolean {
  const s = t.trimStart();
  if (s.startsWith('|')) return s.length > 1;
  return t.includes(' | ');
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lines.push({ start, end, text: text.slice(start, end) });
    start = nl + 1;
  }
  return lines;
}

/** The indentation most prose lines share, so a document indented as a whole is not mistaken for one code block. */
function commonIndent(lines: Line[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) {
    if (isBlank(l.text)) continue;
    const n = Math.min(indentOf(l.text), 40);
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let best = 0,
    bestCount = -1;
  for (const [n, c] of counts) if (c > bestCount || (c === bestCount && n < best)) [best, bestCount] = [n, c];
  return best;
}

function indentOf(t: string): number {
  let n = 0;
  for (let k = 0; k < t.length; k++) {
    if (t[k] === ' ') n++;
    else if (t[k] === '\t') n += 4;
    else break;
  }
  return n;
}

function isBlank(t: string): boolean {
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function wordCount(t: string): number {
  let n = 0,
    inWord = false;
  for (let k = 0; k < t.length; k++) {
    const space = t[k] === ' ' || t[k] === '\t';
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}
