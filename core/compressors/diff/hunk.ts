import type { CompressContext } from '../../types.js';
import { formatMarker } from '../../ccr/marker.js';
import type { Hunk } from './parse.js';

/** A hunk that only adds (or only removes) more lines than this is a new (or deleted) file: head, tail, query lines. */
export const LONG_PURE = 200;
const PURE_HEAD = 40;
const PURE_TAIL = 10;
/** Query-matching lines kept from the middle of a long pure hunk, at most. */
const PURE_QUERY_LINES = 60;
/** Gaps shorter than this stay in: a marker would cost as much as the lines. */
const MIN_GAP = 3;
/** Context elision must save at least this many characters to be worth a marker (~20 tokens). */
const MIN_CONTEXT_SAVING = 120;

/** Does a (lower-cased) line mention a query term? Terms shorter than 3 characters match too much to mean anything. */
export function queryHit(line: string, terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  const lower = line.toLowerCase();
  for (const t of terms) if (t.length >= 3 && lower.includes(t)) return true;
  return false;
}

/**
 * Renders one hunk: every changed line verbatim; unchanged context cut to the line next to each change (and lines
 * naming the query), with one marker that retrieves the exact whole hunk; a very long pure addition/removal keeps
 * its head, tail and query lines, and each gap gets a marker with its exact lines.
 */
export function renderHunk(h: Hunk, ctx: CompressContext, out: string[]): void {
  let adds = 0,
    dels = 0,
    context = 0;
  for (const l of h.body) {
    const c = l[0];
    if (c === '+') adds++;
    else if (c === '-') dels++;
    else if (c !== '\\') context++;
  }
  if (context === 0 && (adds === 0 || dels === 0) && adds + dels > LONG_PURE)
    renderLongPure(h, adds > 0 ? 'added' : 'removed', ctx, out);
  else renderTrimmedContext(h, ctx, out);
}

function isChange(l: string | undefined): boolean {
  return l !== undefined && (l[0] === '+' || l[0] === '-');
}

function renderTrimmedContext(h: Hunk, ctx: CompressContext, out: string[]): void {
  const body = h.body;
  const keep = body.map((l, i) => {
    const c = l[0];
    if (c === '+' || c === '-' || c === '\\') return true;
    return isChange(body[i - 1]) || isChange(body[i + 1]) || queryHit(l, ctx.queryTerms);
  });
  let elided = 0,
    saved = 0;
  for (let i = 0; i < body.length; i++) {
    if (keep[i]) continue;
    elided++;
    saved += body[i].length + 1;
  }
  out.push(h.header);
  if (elided < 2 || saved < MIN_CONTEXT_SAVING) {
    for (const l of body) out.push(l);
    return;
  }
  for (let i = 0; i < body.length; i++) if (keep[i]) out.push(body[i]);
  const id = ctx.stash([h.header, ...body].join('\n'));
  out.push(formatMarker({ count: elided, unit: 'unchanged lines', id, note: 'the whole hunk' }));
}

function renderLongPure(h: Hunk, what: 'added' | 'removed', ctx: CompressContext, out: string[]): void {
  const body = h.body;
  const n = body.length;
  let queryLeft = PURE_QUERY_LINES;
  const keep = body.map((l, i) => {
    if (i < PURE_HEAD || i >= n - PURE_TAIL || l[0] === '\\') return true;
    if (queryLeft > 0 && queryHit(l, ctx.queryTerms)) {
      queryLeft--;
      return true;
    }
    return false;
  });
  // close gaps too small to pay for a marker
  for (let i = 0; i < n; ) {
    if (keep[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && !keep[j]) j++;
    if (j - i < MIN_GAP) for (let k = i; k < j; k++) keep[k] = true;
    i = j;
  }
  // file line numbers of the gap (new side for additions), so the agent can also re-read them from the file
  const m = (what === 'added' ? /\+(\d+)/ : /-(\d+)/).exec(h.header);
  const first = m ? Number(m[1]) : 1;
  out.push(h.header);
  for (let i = 0; i < n; ) {
    if (keep[i]) {
      out.push(body[i++]);
      continue;
    }
    let j = i;
    while (j < n && !keep[j]) j++;
    const id = ctx.stash(body.slice(i, j).join('\n'));
    out.push(
      formatMarker({
        count: j - i,
        unit: `${what} lines`,
        id,
        note: `${what === 'added' ? 'new' : 'old'} file lines ${first + i}–${first + j - 1}`,
      }),
    );
    i = j;
  }
}

/** Hunks shorter than this are shown even when the question does not name them. */
const FOLD_MIN_LINES = 16;
/** Changed lines a folded hunk still shows: enough to say what kind of change it is. */
const FOLD_HEAD = 3;

/**
 * A hunk the question does not name, in a diff too long to read whole: its header, its first changed lines and one
 * marker whose stash is the whole hunk exactly (header included).
 */
export function foldHunk(h: Hunk, ctx: CompressContext, out: string[]): void {
  // a short hunk costs less shown than folded
  if (h.body.length < FOLD_MIN_LINES) {
    renderHunk(h, ctx, out);
    return;
  }
  let adds = 0,
    dels = 0;
  for (const l of h.body) {
    if (l[0] === '+') adds++;
    else if (l[0] === '-') dels++;
  }
  const shown: string[] = [];
  for (const l of h.body) {
    if (shown.length >= FOLD_HEAD) break;
    if (isChange(l)) shown.push(l);
  }
  out.push(h.header, ...shown);
  const id = ctx.stash([h.header, ...h.body].join('\n'));
  out.push(
    formatMarker({
      count: h.body.length - shown.length,
      unit: 'lines',
      id,
      note: `the whole hunk, +${adds} −${dels}`,
    }),
  );
}
