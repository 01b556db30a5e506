/**
 * Which lines of a log the model sees verbatim. Everything answer-bearing is kept: errors and warnings with a couple
 * of lines of context and their diagnostic block, stack traces (bounded), summaries and section headers, failure
 * sections, the first and last lines, query hits and anomalies, and one representative of each frequent template.
 * The rest is left to markers. Error floods keep their first few copies only.
 */
import type { Templates } from './templates.js';
import { TEMPLATE_PREFIX } from './templates.js';
import { findAnomalies } from './anomalies.js';
import { findTraces, keptFrames } from './traces.js';
import { SIG_ERROR, SIG_HEADER, SIG_STRONG, SIG_SUMMARY, SIG_WARN, indentOf, isContinuation, lineSignals } from './line-signals.js';

const HEAD_LINES = 3;
const TAIL_LINES = 5;
const CONTEXT = 2;
/** A diagnostic's indented block (code frame, assertion diff, notes) is kept up to this many lines. */
const BLOCK_MAX = 30;
/** An error/warning template seen more often than this is a flood… */
const FLOOD_MIN = 30;
/** …of which only the first copies stay verbatim. */
const FLOOD_KEEP = 5;
/** Query hits per template: a term that matches a template's fixed text would otherwise keep the whole log. */
const QUERY_PER_TEMPLATE = 20;
/** Lines whose varying fields hold a query term (an id, a number): all of them, up to this many. */
const QUERY_SPECIFIC_MAX = 300;
const REPRESENTATIVES = 20;
const HEADERS_MAX = 100;
const SECTION_MAX = 300;

/** `git log`: a commit's header lines and its subject are what a reader scans for; the stat lines can go. */
const COMMIT_RE = /^commit [0-9a-f]{7,64}\b/;
const COMMIT_HEAD_MAX = 8;

const SECTION_START_RE = /^=+ (?:FAILURES|ERRORS) =+$|^failures:$/;
const SECTION_END_RE = /^=+ .* =+$|^test result:/;

/** Per-line verdicts. `frame` is 1 for a stack frame, 2 for a frame of a trace identical to an earlier one. */
export interface KeepPlan {
  keep: Uint8Array;
  frame: Uint8Array;
}

export function selectKept(lines: readonly string[], t: Templates, queryTerms: readonly string[]): KeepPlan {
  const n = lines.length;
  const keep = new Uint8Array(n);
  const frame = new Uint8Array(n);
  const mark = (from: number, to: number): void => {
    for (let i = Math.max(0, from); i < Math.min(n, to); i++) keep[i] = 1;
  };

  mark(0, HEAD_LINES);
  let tailStart = n;
  for (let seen = 0; tailStart > 0 && seen < TAIL_LINES; ) if (lines[--tailStart].trim() !== '') seen++;
  mark(tailStart, n);

  const sig = lineSignals(lines, t.ids, t.first, TEMPLATE_PREFIX);
  keepTraces(lines, t, frame, mark);
  keepDiagnostics(lines, t, sig, frame, mark);
  keepSections(lines, mark);
  keepCommitHeads(lines, mark);

  let headers = 0;
  for (let i = 0; i < n; i++) {
    if (sig[i] & SIG_SUMMARY) keep[i] = 1;
    else if (headers < HEADERS_MAX && sig[i] & SIG_HEADER) {
      keep[i] = 1;
      headers++;
    }
  }
  if (queryTerms.length) keepQueryHits(lines, t, queryTerms, keep);
  for (const i of findAnomalies(lines, t)) keep[i] = 1;
  keepRepresentatives(t, keep);
  return { keep, frame };
}

type Mark = (from: number, to: number) => void;

/** Errors and warnings with context and their indented block; floods keep only their first copies. */
function keepDiagnostics(lines: readonly string[], t: Templates, sig: Uint8Array, frame: Uint8Array, mark: Mark): void {
  const n = lines.length;
  // a frame is not a diagnostic even when its path says "errors"; the trace rules bound it
  const isDiagnostic = (i: number): boolean => (sig[i] & (SIG_ERROR | SIG_WARN)) !== 0 && !frame[i];
  const total = new Map<number, number>();
  for (let i = 0; i < n; i++) if (isDiagnostic(i)) total.set(t.ids[i], (total.get(t.ids[i]) ?? 0) + 1);
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!isDiagnostic(i)) continue;
    const id = t.ids[i];
    const k = (seen.get(id) ?? 0) + 1;
    seen.set(id, k);
    if ((total.get(id) ?? 0) > FLOOD_MIN && k > FLOOD_KEEP) continue;
    if (!(sig[i] & (SIG_WARN | SIG_STRONG))) {
      mark(i, i + 1);
      continue;
    }
    mark(i - CONTEXT, i + CONTEXT + 1);
    mark(i + 1, blockEnd(lines, t.ids, i, frame));
  }
}

/**
 * One past the last line of the diagnostic block that starts at line `i`: its deeper-indented and code-frame lines,
 * across single empty lines (tsc's pretty output separates the message from its code frame with one). Stack frames
 * end it: the trace rules keep those.
 */
function blockEnd(lines: readonly string[], ids: Int32Array, i: number, frame: Uint8Array): number {
  const base = indentOf(lines[i]);
  let end = i + 1;
  for (let j = i + 1; j < lines.length && j - i <= BLOCK_MAX && !frame[j]; j++) {
    // an indented listing of one template (`  linking pkg-1`, `  linking pkg-2`, …) is output, not this diagnostic
    if (j - 2 > i && ids[j] === ids[j - 1] && ids[j] === ids[j - 2] && lines[j].trim() !== '') break;
    if (isContinuation(lines[j], base)) end = j + 1;
    else if (!(lines[j].length === 0 && j + 1 < lines.length && !frame[j + 1] && isContinuation(lines[j + 1], base))) break;
  }
  return end;
}

/**
 * First occurrence of each distinct trace: its header line and head and tail frames. A repeat keeps what the
 * context of its error line gives it (the top frames); the rest of it is named in the marker as a repeat.
 */
function keepTraces(lines: readonly string[], t: Templates, frame: Uint8Array, mark: Mark): void {
  const seen = new Set<string>();
  for (const b of findTraces(lines)) {
    let sig = '';
    for (let i = b.start; i < b.end && i < b.start + 64; i++) sig += t.ids[i] + ',';
    const repeat = seen.has(sig);
    seen.add(sig);
    for (let i = b.start; i < b.end; i++) frame[i] = repeat ? 2 : 1;
    if (repeat) continue;
    mark(b.start - 1, b.start);
    for (const [from, to] of keptFrames(b)) mark(from, to);
  }
}

/** pytest's FAILURES/ERRORS sections and cargo test's `failures:` section are the answer; keep them (bounded). */
function keepSections(lines: readonly string[], mark: Mark): void {
  for (let i = 0; i < lines.length; i++) {
    if (!SECTION_START_RE.test(lines[i])) continue;
    let j = i + 1;
    while (j < lines.length && j - i < SECTION_MAX && !SECTION_END_RE.test(lines[j])) j++;
    mark(i, j);
    i = j - 1;
  }
}

function keepCommitHeads(lines: readonly string[], mark: Mark): void {
  for (let i = 0; i < lines.length; i++) {
    if (!COMMIT_RE.test(lines[i])) continue;
    // header fields, the blank line, then the subject: the first indented line
    let j = i + 1;
    while (j < lines.length && j - i < COMMIT_HEAD_MAX && !/^ {4}\S/.test(lines[j])) j++;
    mark(i, j < lines.length && j - i < COMMIT_HEAD_MAX ? j + 1 : i + 1);
  }
}

/**
 * Lines that contain a query term. A term found in a field's value (`1450` in `processed job 1450`) picks out its
 * lines and keeps them all (up to a bound); a term found only in a template's fixed text (`job`) would pick every
 * line of that template, so those keep the first few per template.
 */
function keepQueryHits(lines: readonly string[], t: Templates, terms: readonly string[], keep: Uint8Array): void {
  const perTemplate = new Map<number, number>();
  const lowerKeys = new Map<number, string>();
  let specific = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].length > 4000 ? lines[i].slice(0, 4000) : lines[i];
    const lower = line.toLowerCase();
    const hits = terms.filter((term) => lower.includes(term));
    if (hits.length === 0) continue;
    const id = t.ids[i];
    let key = lowerKeys.get(id);
    if (key === undefined) lowerKeys.set(id, (key = t.keys[id].toLowerCase()));
    if (specific < QUERY_SPECIFIC_MAX && hits.some((term) => !key.includes(term))) {
      keep[i] = 1;
      specific++;
      continue;
    }
    const k = (perTemplate.get(id) ?? 0) + 1;
    perTemplate.set(id, k);
    if (k <= QUERY_PER_TEMPLATE) keep[i] = 1;
  }
}

/** The first line of each of the most frequent templates that has no line kept yet, so every shape is seen once. */
function keepRepresentatives(t: Templates, keep: Uint8Array): void {
  const hasKept = new Uint8Array(t.keys.length);
  for (let i = 0; i < keep.length; i++) if (keep[i]) hasKept[t.ids[i]] = 1;
  const candidates: number[] = [];
  for (let id = 0; id < t.keys.length; id++) if (t.counts[id] >= 3 && !hasKept[id] && t.keys[id].trim() !== '') candidates.push(id);
  candidates.sort((a, b) => t.counts[b] - t.counts[a] || t.first[a] - t.first[b]);
  for (const id of candidates.slice(0, REPRESENTATIVES)) keep[t.first[id]] = 1;
}
