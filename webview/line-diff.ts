/**
 * Line diff of an original against its compressed form, fast on megabyte inputs. Compression mostly deletes lines
 * and inserts markers, so a patience diff fits: lines unique to both sides anchor the alignment (longest increasing
 * subsequence, O(n log n)), gaps between anchors are diffed the same way, and only small anchorless gaps fall back
 * to a quadratic LCS. Pure; runs in the webview and under Node tests.
 */

export type RunKind = 'eq' | 'del' | 'ins';

/** A run of lines: `a[aStart, aEnd)` of the original, `b[bStart, bEnd)` of the compressed text. */
export interface Run {
  kind: RunKind;
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/** Gaps up to this many cells (a lines × b lines) get an exact LCS; larger anchorless gaps become del + ins. */
const LCS_CELLS = 250_000;

export function splitLines(text: string): string[] {
  return text.length ? text.split('\n') : [];
}

/** Runs covering both inputs in order; consecutive runs of the same kind are merged. */
export function diffLines(a: readonly string[], b: readonly string[]): Run[] {
  const pairs: [number, number][] = [];
  const stack: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (stack.length) {
    const [a0, a1, b0, b1] = stack.pop()!;
    matchGap(a, b, a0, a1, b0, b1, pairs, stack);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  return toRuns(pairs, a.length, b.length);
}

function matchGap(
  a: readonly string[],
  b: readonly string[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  pairs: [number, number][],
  stack: [number, number, number, number][],
): void {
  // common prefix and suffix first: cheap, and they are most of an unchanged document
  while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) pairs.push([a0++, b0++]);
  while (a0 < a1 && b0 < b1 && a[a1 - 1] === b[b1 - 1]) pairs.push([--a1, --b1]);
  if (a0 === a1 || b0 === b1) return;

  const anchors = uniqueAnchors(a, b, a0, a1, b0, b1);
  if (anchors.length) {
    let pa = a0;
    let pb = b0;
    for (const [i, j] of anchors) {
      if (i > pa && j > pb) stack.push([pa, i, pb, j]);
      pairs.push([i, j]);
      pa = i + 1;
      pb = j + 1;
    }
    if (a1 > pa && b1 > pb) stack.push([pa, a1, pb, b1]);
    return;
  }
  if ((a1 - a0) * (b1 - b0) <= LCS_CELLS) lcs(a, b, a0, a1, b0, b1, pairs);
}

/** Lines that occur exactly once in each range, aligned by the longest increasing subsequence of their positions. */
function uniqueAnchors(
  a: readonly string[],
  b: readonly string[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
): [number, number][] {
  const seen = new Map<string, { ca: number; cb: number; ia: number; ib: number }>();
  for (let i = a0; i < a1; i++) {
    const e = seen.get(a[i]);
    if (e) e.ca++;
    else seen.set(a[i], { ca: 1, cb: 0, ia: i, ib: -1 });
  }
  for (let j = b0; j < b1; j++) {
    const e = seen.get(b[j]);
    if (!e) continue;
    e.cb++;
    e.ib = j;
  }
  const cands: [number, number][] = [];
  for (const e of seen.values()) if (e.ca === 1 && e.cb === 1) cands.push([e.ia, e.ib]);
  cands.sort((x, y) => x[0] - y[0]);
  return longestIncreasing(cands);
}

/** Longest subsequence with increasing second component (patience sorting with back links). */
function longestIncreasing(c: [number, number][]): [number, number][] {
  const tails: number[] = [];
  const prev = new Int32Array(c.length).fill(-1);
  for (let k = 0; k < c.length; k++) {
    const v = c[k][1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[tails[mid]][1] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1];
    tails[lo] = k;
  }
  const out: [number, number][] = [];
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) out.push(c[k]);
  return out.reverse();
}

function lcs(
  a: readonly string[],
  b: readonly string[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  pairs: [number, number][],
): void {
  const n = a1 - a0;
  const m = b1 - b0;
  const w = m + 1;
  const t = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      t[i * w + j] =
        a[a0 + i] === b[b0 + j] ? t[(i + 1) * w + j + 1] + 1 : Math.max(t[(i + 1) * w + j], t[i * w + j + 1]);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[a0 + i] === b[b0 + j]) pairs.push([a0 + i++, b0 + j++]);
    else if (t[(i + 1) * w + j] >= t[i * w + j + 1]) i++;
    else j++;
  }
}

function toRuns(pairs: [number, number][], n: number, m: number): Run[] {
  const runs: Run[] = [];
  const push = (kind: RunKind, aStart: number, aEnd: number, bStart: number, bEnd: number) => {
    if (aStart === aEnd && bStart === bEnd) return;
    const last = runs[runs.length - 1];
    if (last && last.kind === kind && last.aEnd === aStart && last.bEnd === bStart) {
      last.aEnd = aEnd;
      last.bEnd = bEnd;
    } else runs.push({ kind, aStart, aEnd, bStart, bEnd });
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of pairs) {
    push('del', i, pi, j, j);
    push('ins', pi, pi, j, pj);
    push('eq', pi, pi + 1, pj, pj + 1);
    i = pi + 1;
    j = pj + 1;
  }
  push('del', i, n, j, j);
  push('ins', n, n, j, m);
  return runs;
}
