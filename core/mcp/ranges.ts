/**
 * Exact parts of an original for `headroom_retrieve`: a line range (1-based, inclusive, like an editor or `sed -n`)
 * or a row range of a JSON array / NDJSON (0-based, inclusive, like the JSON markers' "index 10–20"). A part is a
 * substring of the original: the bytes between the first selected line/row and the end of the last one, unchanged.
 */

export interface Range {
  from: number;
  to: number;
}

export type Part = { ok: true; text: string; total: number; from: number; to: number } | { ok: false; message: string };

/** "120-161", "120–161", "120:161" or "7". Undefined when the spec is not a range. */
export function parseRange(spec: string): Range | undefined {
  const m = /^\s*(\d{1,12})\s*(?:[-–:]\s*(\d{1,12}))?\s*$/.exec(spec);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return to >= from ? { from, to } : undefined;
}

/** Offsets where each line starts ('\n' ends a line; a '\r' before it stays part of the line). */
function lineStarts(text: string): number[] {
  const starts = text.length ? [0] : [];
  for (let i = text.indexOf('\n'); i !== -1 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function sliceLines(text: string, range: Range): Part {
  const starts = lineStarts(text);
  const total = starts.length;
  if (range.from < 1) return { ok: false, message: 'lines are numbered from 1' };
  if (range.from > total)
    return {
      ok: false,
      message: `the original has ${total} line${total === 1 ? '' : 's'}; line ${range.from} does not exist`,
    };
  const to = Math.min(range.to, total);
  const end = to < total ? starts[to] : text.length;
  return { ok: true, text: text.slice(starts[range.from - 1], end), total, from: range.from, to };
}

/** Start/end offsets of the top-level elements of a JSON array, or undefined when the text is not one. Linear. */
export function arrayElementSpans(text: string): { start: number; end: number }[] | undefined {
  let i = 0;
  const n = text.length;
  const ws = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
  while (i < n && ws(text.charCodeAt(i))) i++;
  if (text[i] !== '[') return undefined;
  i++;
  const spans: { start: number; end: number }[] = [];
  let depth = 0;
  let start = -1;
  let lastNonWs = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a string: skip to its closing quote
      if (start < 0) start = i;
      for (i++; i < n && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      lastNonWs = i;
      continue;
    }
    if (ws(c)) continue;
    if (depth === 0 && (c === 0x2c || c === 0x5d)) {
      if (start >= 0) spans.push({ start, end: lastNonWs + 1 });
      start = -1;
      if (c === 0x5d) return spans;
      continue;
    }
    if (start < 0) start = i;
    if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) depth--;
    lastNonWs = i;
  }
  return undefined;
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** NDJSON: every non-empty line is a JSON object or array. Rows are then the lines (0-based). */
function looksNdjson(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.length > 0 && lines.every((l) => /^\s*[[{]/.test(l) && isJson(l));
}

export function sliceRows(text: string, range: Range): Part {
  const spans = isJson(text) ? arrayElementSpans(text) : undefined;
  if (spans) {
    const total = spans.length;
    if (range.from >= total)
      return {
        ok: false,
        message:
          `the array has ${total} row${total === 1 ? '' : 's'} (index 0–${Math.max(0, total - 1)}); ` +
          `row ${range.from} does not exist`,
      };
    const to = Math.min(range.to, total - 1);
    return { ok: true, text: text.slice(spans[range.from].start, spans[to].end), total, from: range.from, to };
  }
  if (looksNdjson(text)) {
    const part = sliceLines(text, { from: range.from + 1, to: range.to + 1 });
    return part.ok
      ? { ...part, from: part.from - 1, to: part.to - 1 }
      : { ok: false, message: part.message.replace(/line (\d+)/, (_m, n: string) => `row ${Number(n) - 1}`) };
  }
  return { ok: false, message: 'rows apply to a JSON array or NDJSON; this original is neither (use lines instead)' };
}
