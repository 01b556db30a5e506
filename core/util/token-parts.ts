import { longRuns } from './long-runs.js';

/**
 * One stretch of a text to count on its own: `run` stretches are estimated (see `longRuns`); the others are handed
 * to the tokenizer. `exactEnd` says `end` is a boundary between two of the o200k pre-tokenizer's pieces, so counting
 * up to it alone gives the same pieces as counting the whole text.
 */
export interface TextPart {
  start: number;
  end: number;
  run: boolean;
  exactEnd: boolean;
}

export interface PartLimits {
  /** Longest stretch handed to the tokenizer at once (characters): bounds one synchronous step. */
  segmentChars: number;
  /** A run longer than this (UTF-8 bytes) is estimated instead of tokenized whole. */
  maxRunBytes: number;
  /** Runs are looked for this many characters at a time, so no scan holds the thread for long either. */
  scanChars: number;
}

export const DEFAULT_LIMITS: PartLimits = { segmentChars: 16 * 1024, maxRunBytes: 512, scanChars: 1024 * 1024 };

const printable = (c: number) => c >= 0x21 && c <= 0x7e;
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * Whether the o200k pre-tokenizer always splits between `text[i-1]` and `text[i]`, read off its pattern
 * (gpt-tokenizer's O200K_TOKEN_SPLIT_REGEX; a test checks every such cut against it on a corpus):
 * - a space after a visible character: no piece goes on from a non-space into a space;
 * - a visible character other than `/` after a newline: only punctuation's trailing `[\r\n/]*` crosses a newline;
 * - a non-letter other than `'` after a letter: a letter piece ends at its letters or a contraction (`'s`, `'ll`…).
 */
export function isCut(text: string, i: number): boolean {
  const a = text.charCodeAt(i - 1);
  const b = text.charCodeAt(i);
  if (b === 0x20) return printable(a);
  if (a === 0x0a) return printable(b) && b !== 0x2f;
  return isLetter(a) && printable(b) && !isLetter(b) && b !== 0x27;
}

/** The last cut in (from, to], or -1. */
function lastCut(text: string, from: number, to: number): number {
  for (let i = to; i > from; i--) if (isCut(text, i)) return i;
  return -1;
}

/** Moves an index off the middle of a surrogate pair. */
export function codePointIndex(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  return i > 0 && i < text.length && c >= 0xd800 && c <= 0xdbff ? i - 1 : i;
}

/**
 * Splits a text into the parts its token count is summed from: long runs on their own, everything else in segments
 * of at most `segmentChars` ending at cuts. A stretch with no cut for `segmentChars` (no space, newline or word end)
 * is cut where it must be, and that part's end is not exact. Lazy: the text is scanned for runs a window of
 * `scanChars` at a time, as the parts are asked for (a run longer than a window comes as one part per window).
 */
export function* textParts(text: string, limits: PartLimits = DEFAULT_LIMITS): Generator<TextPart> {
  let pos = 0;
  for (let from = 0; from < text.length; ) {
    const to = codePointIndex(text, Math.min(text.length, from + limits.scanChars));
    for (const [start, end] of longRuns(text, limits.maxRunBytes, from, to)) {
      pos = yield* segments(text, pos, start, 'run', limits.segmentChars);
      yield { start, end, run: true, exactEnd: false };
      pos = end;
    }
    pos = yield* segments(text, pos, to, to === text.length ? 'end' : 'window', limits.segmentChars);
    from = to;
  }
}

/**
 * Segments of `text[pos, stop)` up to `stop`, which is the start of a run (the last segment ends there, not at a
 * piece boundary), the end of the text, or the end of a scanned window (the tail after the last full segment is
 * left for the next window). Returns where it stopped.
 */
function* segments(
  text: string,
  pos: number,
  stop: number,
  kind: 'run' | 'end' | 'window',
  segmentChars: number,
): Generator<TextPart, number> {
  while (pos < stop) {
    const limit = pos + segmentChars;
    if (limit >= stop) {
      if (kind === 'window') return pos;
      yield { start: pos, end: stop, run: false, exactEnd: kind === 'end' };
      return stop;
    }
    const cut = lastCut(text, pos, limit);
    const end = cut > 0 ? cut : codePointIndex(text, limit);
    yield { start: pos, end, run: false, exactEnd: cut > 0 };
    pos = end;
  }
  return pos;
}
