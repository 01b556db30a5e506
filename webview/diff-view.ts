/**
 * Renders one unit's diff: original on the left (elided lines marked), what was sent on the right with every CCR
 * marker highlighted (a marker is a button that opens the stored original). Folded stretches expand on click.
 */
import { diffLines, splitLines } from './line-diff.js';
import { diffRows, type DiffRow } from './diff-rows.js';
import { markerSegments } from './markers.js';
import { h } from './dom.js';
import { structuralJson } from './json-structure.js';

/** Top-level rows rendered at once; the rest behind a "show more" button. */
const ROW_BUDGET = 3000;
/** Characters of one line shown (minified JSON can be one megabyte-long line). */
const LINE_CHARS = 4000;

export interface MarkerPatterns {
  /** A whole marker (core's MARKER_RE). */
  whole: RegExp;
  /** The CCR id inside it. */
  id: RegExp;
}

export interface DiffViewOptions {
  split: boolean;
  marker: MarkerPatterns;
  onMarker(id: string): void;
}

export interface DiffStats {
  originalLines: number;
  sentLines: number;
  elidedLines: number;
  markers: number;
  /** Both sides were JSON and are compared formatted alike (formatting differences are not changes). */
  structural: boolean;
}

export function renderDiff(
  original: string,
  compressed: string,
  o: DiffViewOptions,
): { el: HTMLElement; stats: DiffStats } {
  const json = structuralJson(original, compressed);
  const a = splitLines(json ? json.original : original);
  const b = splitLines(json ? json.sent : compressed);
  const runs = diffLines(a, b);
  const rows = diffRows(runs, { split: o.split });
  const el = h('div', {
    class: `diff ${o.split ? 'split' : 'inline'}`,
    role: 'table',
    'aria-label': o.split ? 'Original and sent text side by side' : 'Changes from original to sent text',
  });
  const ctx: Ctx = { a, b, o };
  appendRows(el, rows, ctx);
  const markers = b.reduce(
    (n, line) => n + markerSegments(line, o.marker.whole, o.marker.id).filter((s) => s.marker).length,
    0,
  );
  const elidedLines = runs.filter((r) => r.kind === 'del').reduce((n, r) => n + r.aEnd - r.aStart, 0);
  return { el, stats: { originalLines: a.length, sentLines: b.length, elidedLines, markers, structural: !!json } };
}

interface Ctx {
  a: string[];
  b: string[];
  o: DiffViewOptions;
}

function appendRows(parent: HTMLElement, rows: DiffRow[], ctx: Ctx, before: Node | null = null): void {
  const frag = document.createDocumentFragment();
  const shown = rows.slice(0, ROW_BUDGET);
  for (const r of shown) frag.append(rowEl(r, ctx));
  if (rows.length > ROW_BUDGET) {
    const rest = rows.slice(ROW_BUDGET);
    const more = h('button', { class: 'fold more', type: 'button' }, `Show ${rest.length} more rows`);
    more.addEventListener('click', () => {
      const next = more.nextSibling;
      more.remove();
      appendRows(parent, rest, ctx, next);
    });
    frag.append(more);
  }
  parent.insertBefore(frag, before);
}

function lineText(line: string): string {
  return line.length > LINE_CHARS
    ? `${line.slice(0, LINE_CHARS)} … (${line.length - LINE_CHARS} more characters)`
    : line;
}

function textCell(line: string | undefined, cls: string, ctx: Ctx, markers: boolean): HTMLElement {
  const cell = h('span', { class: `tx ${cls}`, role: 'cell' });
  if (line === undefined) return cell;
  const text = lineText(line);
  if (!markers) {
    cell.textContent = text || '\u200b';
    return cell;
  }
  for (const s of markerSegments(text, ctx.o.marker.whole, ctx.o.marker.id)) {
    if (!s.marker) cell.append(s.text);
    else {
      const m = h(
        'button',
        { class: 'marker', type: 'button', title: s.id ? `Open the original behind ${s.id}` : 'CCR marker' },
        s.text,
      );
      if (s.id) m.addEventListener('click', () => ctx.o.onMarker(s.id!));
      cell.append(m);
    }
  }
  if (!text) cell.append('\u200b');
  return cell;
}

const ln = (n: number | undefined) =>
  h('span', { class: 'ln', role: 'cell', 'aria-hidden': 'true' }, n === undefined ? '' : String(n + 1));

function rowEl(r: DiffRow, ctx: Ctx): HTMLElement {
  const { a, b, o } = ctx;
  if (r.t === 'fold') {
    const label =
      r.kind === 'eq' ? `⋯ ${r.count} unchanged lines` : `⋯ ${r.count} more elided lines (left out of what was sent)`;
    const btn = h('button', { class: `fold ${r.kind}`, type: 'button', 'aria-expanded': 'false' }, label);
    btn.addEventListener('click', () => {
      const next = btn.nextSibling;
      const parent = btn.parentElement!;
      btn.remove();
      appendRows(parent, r.rows, ctx, next);
    });
    return btn;
  }
  if (r.t === 'eq') {
    return o.split
      ? h(
          'div',
          { class: 'd-row eq', role: 'row' },
          ln(r.a),
          textCell(a[r.a], 'eq', ctx, false),
          ln(r.b),
          textCell(b[r.b], 'eq', ctx, true),
        )
      : h(
          'div',
          { class: 'd-row eq', role: 'row' },
          ln(r.a),
          ln(r.b),
          h('span', { class: 'sign', 'aria-hidden': 'true' }, ' '),
          textCell(a[r.a], 'eq', ctx, false),
        );
  }
  if (o.split) {
    return h(
      'div',
      { class: 'd-row chg', role: 'row' },
      ln(r.a),
      textCell(r.a === undefined ? undefined : a[r.a], r.a === undefined ? 'none' : 'del', ctx, false),
      ln(r.b),
      textCell(r.b === undefined ? undefined : b[r.b], r.b === undefined ? 'none' : 'ins', ctx, true),
    );
  }
  const del = r.a !== undefined;
  return h(
    'div',
    { class: `d-row ${del ? 'del' : 'ins'}`, role: 'row', 'aria-label': del ? 'left out' : 'sent instead' },
    ln(r.a),
    ln(r.b),
    h('span', { class: 'sign', 'aria-hidden': 'true' }, del ? '−' : '+'),
    textCell(del ? a[r.a!] : b[r.b!], del ? 'del' : 'ins', ctx, !del),
  );
}
