/**
 * Which error and warning lines stay verbatim, with their indented block (code frame, assertion diff) and, for report
 * lines, a couple of lines of context. Repeats are where logs spend their bulk:
 * - a timestamped line is an event, and its repeats are the same thing happening again: the first copy and the
 *   last (when it started, that it is still going on) stay, the copies between go to markers whose notes name them
 *   with counts and time spans; an event's neighbours are other threads' lines, so it comes without context;
 * - a report line (a compiler's diagnostic, a failed test) differs from its siblings in what its numbers point at,
 *   so all are kept, unless they flood;
 * - a line repeated exactly (the `Caused by:` of a trace thrown again) says nothing new after its first copy.
 */
import type { Templates } from './templates.js';
import type { Kinds } from './kinds.js';
import { SIG_ERROR, SIG_STRONG, SIG_WARN, indentOf, isContinuation } from './line-signals.js';

const CONTEXT = 2;
/** A diagnostic's indented block (code frame, assertion diff, notes) is kept up to this many lines. */
const BLOCK_MAX = 30;
/** Copies of one event kept verbatim (plus the last one). */
const REPEAT_KEEP = 1;
/** Report lines are all kept, unless there are more than FLOOD_MIN of one kind: then the first FLOOD_KEEP. */
const FLOOD_MIN = 30;
const FLOOD_KEEP = 5;
/** The level tag a warning line starts with (`[warn] `, `WARN `, `warning: `, `npm warn `): its flood key. */
const WARN_PREFIX_RE =
  /^\s*(?:\[(?:warn|warning|WARN|WARNING)\]|(?:npm |yarn |pnpm )?(?:warn|WARN|warning|WARNING)\b:?)\s/;
/** One test's verdict on one line: pytest -v, unittest -v, cargo test, vitest/jest's `×`, mocha's `1) name`. */
const TEST_VERDICT_RE = new RegExp(
  [
    /^\S+::\S+.* (?:FAILED|ERROR|XPASS)\b|^(?:FAILED|ERROR) \S+::/.source,
    /^test \S+ \.\.\. (?:FAILED|FAIL|ERROR)$|^\S.* \.\.\. (?:FAIL|ERROR)$|^\s*[×✗✕✘] \S.*$/.source,
    /^\s+\d+\) \S.*$/.source,
  ].join('|'),
);
/** A diagnostic's place on the line under it: rustc's (and friends') `  --> src/main.rs:16:22`. */
const LOCATION_RE = /^\s*--> \S+:\d+(?::\d+)?\s*$/;
/** Exact repeats are recognised for lines up to this long. */
const MAX_EXACT = 400;

/** Keeps lines `from` to `to` verbatim (the keep rules' shared callback). */
export type Mark = (from: number, to: number) => void;

export function keepDiagnostics(
  lines: readonly string[],
  t: Templates,
  kinds: Kinds,
  sig: Uint8Array,
  frame: Uint8Array,
  mark: Mark,
  /** Lines (1) where another rule chooses what to show: an error there keeps only itself. */
  owned: Uint8Array | null = null,
): void {
  const n = lines.length;
  // a frame is not a diagnostic even when its path says "errors"; the trace rules bound it
  const isDiagnostic = (i: number): boolean => (sig[i] & (SIG_ERROR | SIG_WARN)) !== 0 && !frame[i];
  const total = new Map<number, number>();
  const last = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!isDiagnostic(i)) continue;
    const g = kinds.of[t.ids[i]];
    total.set(g, (total.get(g) ?? 0) + 1);
    last.set(g, i);
  }
  // warnings that differ only in what they name (`[warn] lodash-es/debounce.js` ×600) are one flood, even though
  // each names another file and so has its own template; errors are never grouped this way (the guard holds them)
  const floodOf = (i: number): string | undefined =>
    sig[i] & SIG_ERROR ? undefined : WARN_PREFIX_RE.exec(lines[i])?.[0];
  const warnFlood = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const f = isDiagnostic(i) ? floodOf(i) : undefined;
    if (f !== undefined) warnFlood.set(f, (warnFlood.get(f) ?? 0) + 1);
  }
  const floodSeen = new Map<string, number>();
  const seen = new Map<number, number>();
  const exact = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (!isDiagnostic(i)) continue;
    const f = floodOf(i);
    if (f !== undefined && (warnFlood.get(f) ?? 0) > FLOOD_MIN) {
      const k = (floodSeen.get(f) ?? 0) + 1;
      floodSeen.set(f, k);
      if (k <= FLOOD_KEEP) mark(i, i + 1);
      continue;
    }
    const g = kinds.of[t.ids[i]];
    const k = (seen.get(g) ?? 0) + 1;
    seen.set(g, k);
    const event = kinds.event[g] === 1;
    if (!event && lines[i].length <= MAX_EXACT) {
      if (exact.has(lines[i])) {
        // the same message at another place (rustc's `error[E0308]: mismatched types` then `--> src/main.rs:16:22`):
        // the place is new, so the pair stays
        if (LOCATION_RE.test(lines[i + 1] ?? '')) mark(i, i + 2);
        continue;
      }
      exact.add(lines[i]);
    }
    const head = event ? REPEAT_KEEP : (total.get(g) ?? 0) > FLOOD_MIN ? FLOOD_KEEP : Infinity;
    if (k > head && !(event && last.get(g) === i)) continue;
    mark(i, i + 1);
    if (event) {
      // an event log interleaves other threads' lines: an event has no neighbours worth showing, only its own
      // indented continuation, the first time
      if (k === 1) mark(i + 1, blockEnd(lines, t.ids, i, frame));
      continue;
    }
    if (!(sig[i] & (SIG_WARN | SIG_STRONG))) continue;
    if (owned?.[i]) continue;
    // a test runner's one-line verdict (`tests/a.py::test_x FAILED [ 5%]`, `test x ... FAIL`): its neighbours are
    // other tests' verdicts, not context
    if (TEST_VERDICT_RE.test(lines[i])) {
      mark(i + 1, blockEnd(lines, t.ids, i, frame));
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
    else if (!(lines[j].length === 0 && j + 1 < lines.length && !frame[j + 1] && isContinuation(lines[j + 1], base)))
      break;
  }
  return end;
}
