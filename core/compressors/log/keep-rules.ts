/**
 * Which lines of a log the model sees verbatim. Everything answer-bearing is kept: errors and warnings (first
 * copies with context, see diagnostics.ts), stack traces (bounded), summaries and section headers, failure
 * sections, the first and last lines, lines naming the query's selective terms, and anomalies. The rest is left to
 * markers, whose notes name the kinds of line they hold with counts, time spans and ranges.
 */
import type { Templates } from './templates.js';
import { TEMPLATE_PREFIX } from './templates.js';
import { findAnomalies } from './anomalies.js';
import { findTraces, firstAppFrame, keptFrames } from './traces.js';
import { SIG_HEADER, SIG_SUMMARY, lineSignals } from './line-signals.js';
import { keepDiagnostics, type Mark } from './diagnostics.js';
import { lineKinds, type Kinds } from './kinds.js';
import { GIT_COMMIT_RE } from '../../router/signals.js';

const HEAD_LINES = 3;
const TAIL_LINES = 2;
/** Query hits per template: a term that matches a template's fixed text would otherwise keep the whole log. */
const QUERY_PER_TEMPLATE = 5;
/** A query term on more than this share of the lines selects nothing (it names what the whole log is about). */
const MAX_TERM_SHARE = 0.25;
/** Only this much of a long line is searched for query terms. */
const QUERY_SCAN = 4000;
/** Lines whose varying fields hold a query term (an id, a number): all of them, up to this many. */
const QUERY_SPECIFIC_MAX = 300;
const HEADERS_MAX = 100;
const SECTION_MAX = 300;

/** `git log`: a commit's header lines and its subject are what a reader scans for; the stat lines can go. */
const COMMIT_HEAD_MAX = 8;

const PYTEST_SECTION_RE = /^=+ (?:FAILURES|ERRORS) =+$/;
const SECTION_START_RE = /^=+ (?:FAILURES|ERRORS) =+$|^failures:$/;
const SECTION_END_RE = /^=+ .* =+$|^test result:/;

/** Per-line verdicts. `frame` is 1 for a stack frame, 2 for a frame of a trace identical to an earlier one. */
export interface KeepPlan {
  keep: Uint8Array;
  frame: Uint8Array;
  /** Per-line signals (SIG_ERROR, SIG_WARN, …) for the markers' notes. */
  sig: Uint8Array;
  /** Kind of each template id (see kinds.ts). */
  kindOf: Int32Array;
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
  const kinds = lineKinds(t);
  keepTraces(lines, t, frame, mark);
  const sections = failureSections(lines);
  // inside a pytest failure section its own rule decides (keepPytestFailures): an error line there brings no context
  keepDiagnostics(lines, t, kinds, sig, frame, mark, pytestMask(sections, lines.length));
  keepSections(lines, sections, mark);
  keepCommitHeads(lines, mark);

  let headers = 0;
  for (let i = 0; i < n; i++) {
    if (sig[i] & SIG_SUMMARY) keep[i] = 1;
    else if (headers < HEADERS_MAX && sig[i] & SIG_HEADER) {
      keep[i] = 1;
      headers++;
    }
  }
  if (queryTerms.length) keepQueryHits(lines, t, kinds, queryTerms, keep);
  for (const i of findAnomalies(lines, t)) keep[i] = 1;
  return { keep, frame, sig, kindOf: kinds.of };
}

/**
 * First occurrence of each distinct trace: its header line and head and tail frames. A repeat keeps what the
 * context of its error line gives it (the top frames); the rest of it is named in the marker as a repeat.
 */
function keepTraces(lines: readonly string[], t: Templates, frame: Uint8Array, mark: Mark): void {
  const seen = new Set<string>();
  const shownFrames = new Set<string>();
  for (const b of findTraces(lines)) {
    let sig = '';
    for (let i = b.start; i < b.end && i < b.start + 64; i++) sig += t.ids[i] + ',';
    const repeat = seen.has(sig);
    seen.add(sig);
    for (let i = b.start; i < b.end; i++) frame[i] = repeat ? 2 : 1;
    if (repeat) {
      // same frames, other line numbers: where this failure happened is its first frame in the application's own
      // code (`at … (test/shop.test.js:103:12)`), which the repeat shape hides
      const own = firstAppFrame(lines, b.start, b.end);
      if (own >= 0 && !shownFrames.has(lines[own].trim())) {
        shownFrames.add(lines[own].trim());
        mark(own, own + 1);
        frame[own] = 1;
      }
      continue;
    }
    mark(b.start - 1, b.start);
    for (const [from, to] of keptFrames(b, lines)) {
      mark(from, to);
      for (let i = from; i < to; i++) shownFrames.add(lines[i].trim());
    }
  }
}

interface Section {
  /** Header line and one past the section's last line. */
  from: number;
  to: number;
  /** pytest's `=== FAILURES ===`/`=== ERRORS ===` (else cargo test's `failures:`). */
  pytest: boolean;
}

/** pytest's FAILURES/ERRORS sections and cargo test's `failures:` section, each bounded to SECTION_MAX lines. */
function failureSections(lines: readonly string[]): Section[] {
  const out: Section[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!SECTION_START_RE.test(lines[i])) continue;
    let j = i + 1;
    while (j < lines.length && j - i < SECTION_MAX && !SECTION_END_RE.test(lines[j])) j++;
    out.push({ from: i, to: j, pytest: PYTEST_SECTION_RE.test(lines[i]) });
    i = j - 1;
  }
  return out;
}

/** Lines inside pytest's sections (1), or null when there are none. */
function pytestMask(sections: readonly Section[], n: number): Uint8Array | null {
  let out: Uint8Array | null = null;
  for (const s of sections) if (s.pytest) (out ??= new Uint8Array(n)).fill(1, s.from, s.to);
  return out;
}

/** The failure sections are the answer: cargo's whole (bounded), pytest's by keepPytestFailures. */
function keepSections(lines: readonly string[], sections: readonly Section[], mark: Mark): void {
  for (const s of sections) {
    if (s.pytest) keepPytestFailures(lines, s.from, s.to, mark);
    else mark(s.from, s.to);
  }
}

/** pytest's per-failure header, the failing statement, its `E` lines, where it raised, and section rules. */
const PYTEST_KEEP_RE = new RegExp(
  [
    /^_{3,} .* _{3,}$|^>|^E(?: |$)|^\S+\.\w+:\d+:(?: .*)?$|^[a-z_]\w* = \S|^-{3,} .* -{3,}$/.source,
    /^\s*(?:\+ )?Exception Group|^\s*[|+] /.source,
  ].join('|'),
);
/** Captured output printed under a failure: its first lines stay (they often hold the logged error). */
const CAPTURED_LINES = 6;

/**
 * A pytest FAILURES/ERRORS section: what each failure says, not the test source pytest reprints around it. Kept:
 * the section header, each `___ test_name ___` header, the `>` line that failed, every `E` line (the exception and
 * assertion diff), `path:line: ExceptionType` locations, exception-group lines and the first lines of captured output.
 * The source context between goes to markers (the file is on disk; the marker has it exactly).
 */
function keepPytestFailures(lines: readonly string[], from: number, to: number, mark: Mark): void {
  mark(from, from + 1);
  let captured = 0;
  for (let i = from + 1; i < to; i++) {
    const line = lines[i];
    if (/^-{3,} Captured .* -{3,}$/.test(line)) captured = CAPTURED_LINES;
    else if (/^_{3,} .* _{3,}$/.test(line)) captured = 0;
    if (PYTEST_KEEP_RE.test(line)) mark(i, i + 1);
    else if (captured > 0 && line.trim() !== '') {
      mark(i, i + 1);
      captured--;
    }
  }
}

function keepCommitHeads(lines: readonly string[], mark: Mark): void {
  for (let i = 0; i < lines.length; i++) {
    if (!GIT_COMMIT_RE.test(lines[i])) continue;
    // header fields, the blank line, then the subject: the first indented line
    let j = i + 1;
    while (j < lines.length && j - i < COMMIT_HEAD_MAX && !/^ {4}\S/.test(lines[j])) j++;
    mark(i, j < lines.length && j - i < COMMIT_HEAD_MAX ? j + 1 : i + 1);
  }
}

/**
 * Lines that contain a selective query term. A term on more than a quarter of the lines (the service name every line
 * carries) picks out nothing and is ignored. A term found in a field's value (`1450` in `processed job 1450`) picks
 * out its lines and keeps them all (up to a bound); a term found only in a template's fixed text (`job`) would pick
 * every line of that template, so those keep the first few per template.
 */
function keepQueryHits(
  lines: readonly string[],
  t: Templates,
  kinds: Kinds,
  terms: readonly string[],
  keep: Uint8Array,
): void {
  const n = lines.length;
  const used = terms.slice(0, 31);
  const hitMask = new Uint32Array(n);
  const perTerm = new Uint32Array(used.length);
  for (let i = 0; i < n; i++) {
    const line = lines[i].length > QUERY_SCAN ? lines[i].slice(0, QUERY_SCAN) : lines[i];
    const lower = line.toLowerCase();
    let mask = 0;
    for (let k = 0; k < used.length; k++) if (lower.includes(used[k])) mask |= 1 << k;
    hitMask[i] = mask;
    for (let k = 0; mask !== 0 && k < used.length; k++) if (mask & (1 << k)) perTerm[k]++;
  }
  let selective = 0;
  for (let k = 0; k < used.length; k++)
    if (perTerm[k] > 0 && perTerm[k] <= Math.max(3, n * MAX_TERM_SHARE)) selective |= 1 << k;
  if (selective === 0) return;
  // a kind already shown (an error kept by the diagnostic rules) needs no more copies for a word of its fixed text
  const shown = new Uint8Array(kinds.count.length);
  for (let i = 0; i < n; i++) if (keep[i]) shown[kinds.of[t.ids[i]]] = 1;
  const perTemplate = new Map<number, number>();
  const lowerKeys = new Map<number, string>();
  let specific = 0;
  for (let i = 0; i < n; i++) {
    const mask = hitMask[i] & selective;
    if (mask === 0) continue;
    const id = t.ids[i];
    let key = lowerKeys.get(id);
    if (key === undefined) lowerKeys.set(id, (key = t.keys[id].toLowerCase()));
    let inField = false;
    for (let k = 0; k < used.length && !inField; k++) if (mask & (1 << k) && !key.includes(used[k])) inField = true;
    if (specific < QUERY_SPECIFIC_MAX && inField) {
      keep[i] = 1;
      specific++;
      continue;
    }
    if (shown[kinds.of[id]]) continue;
    const c = (perTemplate.get(id) ?? 0) + 1;
    perTemplate.set(id, c);
    if (c <= QUERY_PER_TEMPLATE) keep[i] = 1;
  }
}
