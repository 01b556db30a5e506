import type { CompressContext } from '../../types.js';
import { formatMarker } from '../../ccr/marker.js';
import type { ParsedSearch, SearchFile, SearchLine } from './types.js';
import { matchCount } from './types.js';
import type { FilePlan, SearchPlan } from './select.js';
import type { Ranker } from './rank.js';
import { trimAround } from './trim.js';
import { foldPathGroups } from '../../router/path-fold.js';

/**
 * Compact form: a totals line, the tool's non-result lines verbatim, then per file the path once and `12: text`
 * (`12- text` for context lines), definitions first. Everything not shown whole is stashed exactly, one marker per
 * file and one for the files left out.
 */
export function renderSearch(parsed: ParsedSearch, plan: SearchPlan, ranker: Ranker, ctx: CompressContext): string {
  const out: string[] = [];
  const total = matchCount(parsed.files);
  let shown = 0;
  for (const p of plan.shown) shown += p.keptMatches;
  out.push(totals(total, parsed.files.length, shown));
  for (const o of parsed.other) out.push(o);
  for (const p of plan.shown) {
    out.push('');
    renderFile(p, ranker, ctx, out);
  }
  if (plan.dropped.length > 0) {
    const files = plan.dropped.length;
    const id = ctx.stash(plan.dropped.map((f) => f.raw.join('\n')).join(parsed.format === 'heading' ? '\n\n' : '\n'));
    const n = matchCount(plan.dropped);
    const names = fileList(plan.dropped);
    out.push('');
    out.push(
      formatMarker({
        count: n,
        unit: plural(n, 'match', 'matches'),
        id,
        note: `in ${files} more ${plural(files, 'file', 'files')}${names ? `: ${names}` : ''}`,
      }),
    );
  }
  return out.join('\n');
}

/** Characters of file names a dropped-files marker lists at most (≈ 300 tokens). */
const LIST_BUDGET = 1200;
/** Longer lists that do not fit are folded: paths differing in one segment share a brace group. */
const FOLD_FROM = 12;

/**
 * The files left out, with their match counts, so "which files use X" is answered from the marker alone:
 * `src/a.ts (3), src/b.ts (1)`, or for many files `src/{a,b}.ts (4)`. Cut to the budget with `+N more`.
 */
function fileList(files: readonly SearchFile[]): string {
  const named = files.filter((f) => f.path !== '');
  if (named.length === 0) return '';
  const counts = named.map((f) => f.lines.reduce((k, l) => k + (l.isMatch ? 1 : 0), 0));
  let plain = 0;
  for (const f of named) plain += f.path.length + 6;
  // fold only a list that would not fit as it is
  const entries =
    named.length >= FOLD_FROM && plain > LIST_BUDGET
      ? foldPathGroups(named.map((f) => f.path)).map((g) => ({
          text: g.text,
          count: g.members.reduce((k, i) => k + counts[i], 0),
        }))
      : named.map((f, i) => ({ text: f.path, count: counts[i] }));
  const parts: string[] = [];
  let used = 0;
  for (const e of entries) {
    const part = `${e.text.replace(/[\r\n·]+/g, ' ')} (${e.count})`;
    if (used + part.length + 2 > LIST_BUDGET) break;
    parts.push(part);
    used += part.length + 2;
  }
  const more = entries.length - parts.length;
  return parts.join(', ') + (more > 0 ? ` (+${more} more)` : '');
}

function totals(matches: number, files: number, shown: number): string {
  const base = `${matches} ${plural(matches, 'match', 'matches')} in ${files} ${plural(files, 'file', 'files')}`;
  return shown < matches ? `${base}; showing ${shown}` : base;
}

function renderFile(p: FilePlan, ranker: Ranker, ctx: CompressContext, out: string[]): void {
  const lines = p.file.lines;
  if (p.file.path) out.push(p.file.path);
  const isDef = (i: number): boolean => p.owner[i] >= 0 && p.def[p.owner[i]];
  const order: number[] = [];
  // definitions (with their context) first, then the rest; each part in the tool's order
  for (let i = 0; i < lines.length; i++) if (p.keep[i] && isDef(i)) order.push(i);
  for (let i = 0; i < lines.length; i++) if (p.keep[i] && !isDef(i)) order.push(i);
  const trimmed = new Array<boolean>(lines.length).fill(false);
  for (const i of order) {
    const l = lines[i];
    const short = trimAround(l.text, l.matchStart ?? ranker.anchor(l.text));
    if (short !== undefined) trimmed[i] = true;
    out.push(formatLine(l, short ?? l.text));
  }
  const stashed: string[] = [];
  let droppedMatches = 0,
    droppedContext = 0,
    trimmedCount = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!p.keep[i]) {
      stashed.push(lines[i].raw);
      if (lines[i].isMatch) droppedMatches++;
      else droppedContext++;
    } else if (trimmed[i]) {
      stashed.push(lines[i].raw);
      trimmedCount++;
    }
  }
  if (stashed.length === 0) return;
  const id = ctx.stash(stashed.join('\n'));
  const notes: string[] = [];
  if (droppedContext > 0) notes.push(`with ${droppedContext} context ${plural(droppedContext, 'line', 'lines')}`);
  if (trimmedCount > 0) notes.push(`full text of ${trimmedCount} trimmed ${plural(trimmedCount, 'line', 'lines')}`);
  if (droppedMatches > 0) {
    out.push(
      formatMarker({
        count: droppedMatches,
        unit: `more ${plural(droppedMatches, 'match', 'matches')}`,
        id,
        note: notes.join(', ') || undefined,
      }),
    );
  } else {
    out.push(
      formatMarker({
        count: trimmedCount,
        unit: plural(trimmedCount, 'long line', 'long lines'),
        id,
        note: 'trimmed above, full text',
      }),
    );
  }
}

function formatLine(l: SearchLine, text: string): string {
  if (l.line === undefined) return `  ${text}`;
  return `${l.line}${l.isMatch ? ':' : '-'} ${text}`;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
