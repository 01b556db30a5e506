import type { CompressContext } from '../../types.js';
import { formatMarker } from '../../ccr/marker.js';
import type { Unit } from './units.js';

/** A dropped run shorter than this costs more as a marker (~20 tokens with its id) than it saves: keep it. */
export const MIN_RUN_CHARS = 160;

export interface Run {
  /** Indexes into the unit list, inclusive. */
  first: number;
  last: number;
}

/** Maximal runs of consecutive dropped units. */
export function droppedRuns(keep: readonly boolean[]): Run[] {
  const runs: Run[] = [];
  for (let i = 0; i < keep.length; i++) {
    if (keep[i]) continue;
    let j = i;
    while (j + 1 < keep.length && !keep[j + 1]) j++;
    runs.push({ first: i, last: j });
    i = j;
  }
  return runs;
}

/** Keeps runs too short to be worth a marker. Mutates `keep`; returns the runs still dropped. */
export function pruneShortRuns(units: readonly Unit[], keep: boolean[]): Run[] {
  const out: Run[] = [];
  for (const r of droppedRuns(keep)) {
    if (units[r.last].end - units[r.first].start < MIN_RUN_CHARS)
      for (let i = r.first; i <= r.last; i++) keep[i] = true;
    else out.push(r);
  }
  return out;
}

/**
 * Merges dropped runs across the smallest stretches of kept, droppable units until at most `max` runs remain, so a
 * huge document does not turn into tens of thousands of markers (and CCR records). Mutates `keep`.
 */
export function capRuns(
  units: readonly Unit[],
  keep: boolean[],
  candidates: ReadonlyArray<{ mustKeep: boolean }>,
  max: number,
): Run[] {
  const runs = droppedRuns(keep);
  if (runs.length <= max) return runs;
  const gaps: Array<{ at: number; size: number }> = [];
  for (let k = 0; k + 1 < runs.length; k++) {
    const from = runs[k].last + 1,
      to = runs[k + 1].first - 1;
    let pinned = false;
    for (let i = from; i <= to && !pinned; i++) pinned = candidates[i].mustKeep;
    if (!pinned) gaps.push({ at: k, size: units[to].end - units[from].start });
  }
  gaps.sort((a, b) => a.size - b.size || a.at - b.at);
  for (const g of gaps.slice(0, runs.length - max))
    for (let i = runs[g.at].last + 1; i < runs[g.at + 1].first; i++) keep[i] = false;
  return droppedRuns(keep);
}

/**
 * Writes the kept text with each dropped run replaced by one marker. The run's exact original slice (from its first
 * unit's start to its last unit's end) is what gets stashed, so putting the stashed text back where the marker stands
 * rebuilds the input byte for byte.
 */
export function renderWithMarkers(
  text: string,
  units: readonly Unit[],
  runs: readonly Run[],
  ctx: CompressContext,
  note: (run: Run) => string | undefined,
): string {
  const parts: string[] = [];
  let pos = 0;
  for (const r of runs) {
    const start = units[r.first].start;
    const end = units[r.last].end;
    const dropped = text.slice(start, end);
    parts.push(text.slice(pos, start));
    let lines = true;
    for (let i = r.first; i <= r.last && lines; i++) lines = units[i].line === true;
    // a run of record units is whole lines: it is counted (and named) as lines
    const count = lines ? lineCount(dropped) : r.last - r.first + 1;
    const unit = lines ? (count === 1 ? 'line' : 'lines') : count === 1 ? 'sentence' : 'sentences';
    parts.push(formatMarker({ count, unit, id: ctx.stash(dropped), note: note(r), replacedChars: dropped.length }));
    pos = end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

function lineCount(s: string): number {
  let n = 1;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
