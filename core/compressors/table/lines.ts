/** A line of the input with its exact offsets; `end` excludes the newline and a `\r` before it. */
export interface SourceLine {
  start: number;
  end: number;
  text: string;
}

export function splitSourceLines(text: string): SourceLine[] {
  const out: SourceLine[] = [];
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    out.push({ start, end, text: text.slice(start, end) });
    start = nl + 1;
  }
  return out;
}

export function isBlankLine(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Number of whitespace-separated tokens. */
export function tokenCount(t: string): number {
  let n = 0,
    inTok = false;
  for (let i = 0; i < t.length; i++) {
    const sp = t[i] === ' ' || t[i] === '\t';
    if (!sp && !inTok) n++;
    inTok = !sp;
  }
  return n;
}

/**
 * Splits off lines around the table that do not share its shape (`total 48` above `ls -l`, a trailing blank line or
 * a one-line notice): up to three at each end with fewer than half the median token count.
 */
export function trimAround(lines: SourceLine[]): { first: number; last: number } {
  const counts = lines
    .map((l) => tokenCount(l.text))
    .filter((c) => c > 0)
    .sort((a, b) => a - b);
  const median = counts.length ? counts[counts.length >> 1] : 0;
  const odd = (l: SourceLine): boolean => isBlankLine(l.text) || tokenCount(l.text) * 2 < median;
  let first = 0,
    last = lines.length - 1;
  while (first <= last && first < 3 && odd(lines[first])) first++;
  while (last >= first && lines.length - 1 - last < 3 && odd(lines[last])) last--;
  return { first, last };
}
