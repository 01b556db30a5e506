import type { SearchFile } from './types.js';
import type { Ranker } from './rank.js';

/** Best matches shown per file, files shown, matches shown in all (lines the query names come on top of these). */
export const PER_FILE = 5;
export const MAX_FILES = 20;
export const MATCH_BUDGET = 50;
/** Leaving out fewer characters than this would cost about as much in marker as it saves: keep them. */
const MIN_DROP_CHARS = 240;

export interface FilePlan {
  file: SearchFile;
  /** Per line of `file.lines`: shown. */
  keep: boolean[];
  /** Per line: a definition of the searched or queried symbol (shown first). */
  def: boolean[];
  /** Per line: the match line it belongs to (itself for a match), -1 if none. */
  owner: number[];
  keptMatches: number;
  droppedMatches: number;
}

export interface SearchPlan {
  /** Shown files, most relevant first; ties keep the tool's order. */
  shown: FilePlan[];
  /** Files left out entirely, in the tool's order. */
  dropped: SearchFile[];
}

interface Analysis {
  file: SearchFile;
  index: number;
  score: number;
  mustShow: boolean;
  /** A line defines the searched or queried symbol. */
  hasDef: boolean;
  allLines: boolean;
  def: boolean[];
  forced: boolean[];
  /** Match-line indexes, best first. */
  ranked: number[];
  /** For each line, the index of the match line it belongs to (itself for matches). */
  owner: number[];
}

/** A file is shown when it scores at least this share of the best file that is neither a definition nor demoted. */
const SHOW_SHARE = 0.25;
/** …but at least this many files are shown, demoted or not (a search of tests still shows tests). */
const MIN_FILES = 3;

/**
 * Decides which files and lines are shown. Definitions and files the query names come first; then files ranked by
 * how well their lines match the query, demoted files (tests, mocks, fixtures, generated output, docs the query does
 * not ask for; see rank.ts) after all others. Files far below the best are left out and named in the marker.
 * Deterministic: every sort breaks ties by original position.
 */
export function planSelection(files: readonly SearchFile[], ranker: Ranker): SearchPlan {
  const analyses = files.map((f, i) => analyse(f, i, ranker));
  // a file's role is looked up only when it competes for a place: a search of thousands of files ranks few
  const role = new Int8Array(analyses.length).fill(-1);
  const demoted = (a: Analysis): boolean => {
    if (role[a.index] < 0) role[a.index] = ranker.demoted(a.file.path) ? 1 : 0;
    return role[a.index] === 1;
  };
  // a definition in a source file beats one in a build output; with none in source, any definition counts
  const defs = analyses.filter((a) => a.hasDef).sort((a, b) => b.score - a.score || a.index - b.index);
  const primaryDef = defs.some((a) => !demoted(a));
  let defsShown = 0;
  for (const a of defs) {
    if (defsShown >= MAX_FILES) break;
    if (primaryDef && demoted(a)) continue;
    a.mustShow = true;
    defsShown++;
  }
  const ordered = [...analyses].sort(
    (a, b) => Number(b.mustShow) - Number(a.mustShow) || b.score - a.score || a.index - b.index,
  );

  const shown: FilePlan[] = [];
  const spare: Analysis[] = [];
  const later: Analysis[] = [];
  let budget = MATCH_BUDGET;
  const show = (a: Analysis): void => {
    const p = planFile(a, a.allLines ? Infinity : Math.min(PER_FILE, Math.max(1, budget)));
    budget -= p.keptMatches;
    shown.push(p);
  };
  let top = -1;
  let k = 0;
  for (; k < ordered.length; k++) {
    const a = ordered[k];
    if (a.mustShow) show(a);
    else if (shown.length >= MAX_FILES || budget <= 0) break;
    else if (demoted(a)) later.push(a);
    else {
      if (top < 0) top = a.score;
      // sorted by score: once one file falls below the bar, all the rest do
      if (a.score < top * SHOW_SHARE) break;
      show(a);
    }
  }
  // fewer than MIN_FILES shown: the best of the rest, files that are not demoted first
  for (; k < ordered.length && shown.length + spare.length < MIN_FILES; k++)
    if (!ordered[k].mustShow && !demoted(ordered[k])) spare.push(ordered[k]);
  for (const a of [...spare, ...later]) if (shown.length < MIN_FILES && budget > 0) show(a);
  const taken = new Set(shown.map((p) => p.file));
  const droppedA = analyses.filter((a) => !taken.has(a.file));
  let droppedChars = 0;
  for (const a of droppedA) for (const r of a.file.raw) droppedChars += r.length + 1;
  if (droppedChars < MIN_DROP_CHARS) {
    for (const a of droppedA) shown.push(planFile(a, Infinity));
    return { shown, dropped: [] };
  }
  return { shown, dropped: droppedA.map((a) => a.file) };
}

function analyse(file: SearchFile, index: number, ranker: Ranker): Analysis {
  const n = file.lines.length;
  const def = new Array<boolean>(n).fill(false);
  const forced = new Array<boolean>(n).fill(false);
  const scores = new Array<number>(n).fill(0);
  const matches: number[] = [];
  let best = 0;
  for (let i = 0; i < n; i++) {
    const l = file.lines[i];
    if (!l.isMatch) continue;
    matches.push(i);
    const r = ranker.rate(l.text);
    scores[i] = r.score;
    def[i] = r.def;
    forced[i] = ranker.isNamed(l.text);
    if (scores[i] > best) best = scores[i];
  }
  const ranked = [...matches].sort((a, b) => Number(def[b]) - Number(def[a]) || scores[b] - scores[a] || a - b);
  const allLines = ranker.pathNamed(file.path);
  return {
    file,
    index,
    score: best + ranker.pathScore(file.path),
    mustShow: allLines || forced.some(Boolean),
    hasDef: def.some(Boolean),
    allLines,
    def,
    forced,
    ranked,
    owner: owners(file),
  };
}

function planFile(a: Analysis, cap: number): FilePlan {
  const n = a.file.lines.length;
  const keepMatch = new Array<boolean>(n).fill(false);
  let taken = 0;
  for (const i of a.ranked) {
    if (taken < cap || a.forced[i]) {
      keepMatch[i] = true;
      taken++;
    }
  }
  const keep = a.owner.map((o) => o >= 0 && keepMatch[o]);
  let droppedChars = 0;
  for (let i = 0; i < n; i++) if (!keep[i]) droppedChars += a.file.lines[i].raw.length + 1;
  if (droppedChars < MIN_DROP_CHARS) keep.fill(true);
  let keptMatches = 0,
    droppedMatches = 0;
  for (let i = 0; i < n; i++) {
    if (!a.file.lines[i].isMatch) continue;
    if (keep[i]) keptMatches++;
    else droppedMatches++;
  }
  return { file: a.file, keep, def: a.def, owner: a.owner, keptMatches, droppedMatches };
}

/**
 * Each context line belongs to the nearest match line of its contiguous run (consecutive line numbers), the earlier
 * one on a tie, so it is shown exactly when that match is. A run without a match falls back to the nearest match.
 */
function owners(file: SearchFile): number[] {
  const lines = file.lines;
  const n = lines.length;
  const owner = new Array<number>(n).fill(-1);
  const prev = new Array<number>(n).fill(-1);
  const next = new Array<number>(n).fill(-1);
  const sameRun = (i: number): boolean => {
    const a = lines[i - 1].line,
      b = lines[i].line;
    return a !== undefined && b !== undefined && b === a + 1;
  };
  let lastAny = -1;
  const prevAnyAt = new Array<number>(n).fill(-1);
  for (let i = 0, last = -1; i < n; i++) {
    if (i > 0 && !sameRun(i)) last = -1;
    if (lines[i].isMatch) last = lastAny = i;
    prev[i] = last;
    prevAnyAt[i] = lastAny;
  }
  let nextAny = -1;
  const nextAnyAt = new Array<number>(n).fill(-1);
  for (let i = n - 1, nxt = -1; i >= 0; i--) {
    if (lines[i].isMatch) nxt = nextAny = i;
    next[i] = nxt;
    nextAnyAt[i] = nextAny;
    if (i > 0 && !sameRun(i)) nxt = -1;
  }
  for (let i = 0; i < n; i++) {
    const p = prev[i] >= 0 ? prev[i] : next[i] >= 0 ? -1 : prevAnyAt[i];
    const q = next[i] >= 0 ? next[i] : prev[i] >= 0 ? -1 : nextAnyAt[i];
    if (p < 0) owner[i] = q;
    else if (q < 0) owner[i] = p;
    else owner[i] = i - p <= q - i ? p : q;
  }
  return owner;
}
