/**
 * Stretches of text that the o200k pre-tokenizer could turn into one very long piece. Its pieces are a letter run
 * (with one leading non-letter and a contraction like `'ll`), a run of non-letters/non-digits (punctuation and
 * whitespace), or at most three digits. BPE inside one piece is superlinear in its length (a 200,000-character
 * `AAAA…` takes gpt-tokenizer ~40 s), so such stretches must be estimated, never handed to it whole.
 *
 * A run is measured in UTF-8 bytes (what BPE works on): ASCII letters extend a letter run, other ASCII except digits
 * extends a non-letter run, digits end both, and any non-ASCII character extends both (it may be a letter, a mark,
 * punctuation or a space; over-reporting only costs precision, never time).
 */

const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** UTF-8 bytes of one UTF-16 code unit (a surrogate pair is 4 bytes, 2 per half). */
const bytesOf = (c: number) => (c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3);

class Run {
  start = -1;
  bytes = 0;
  extend(i: number, bytes: number): void {
    if (this.start < 0) [this.start, this.bytes] = [i, 0];
    this.bytes += bytes;
  }
  /** Ends the run at `i`; returns it when it is longer than `maxBytes`. */
  end(i: number, maxBytes: number): [number, number] | undefined {
    const long = this.start >= 0 && this.bytes > maxBytes ? ([this.start, i] as [number, number]) : undefined;
    this.start = -1;
    return long;
  }
}

/**
 * `[start, end)` of every run in `text[from, to)` longer than `maxBytes`, in order, overlapping ones merged (a run
 * crossing `from` or `to` is seen only as far as it lies inside). Linear, no allocation per character.
 */
export function longRuns(text: string, maxBytes: number, from = 0, to = text.length): [number, number][] {
  const found: [number, number][] = [];
  const letters = new Run();
  const others = new Run();
  const close = (run: Run, i: number) => {
    const r = run.end(i, maxBytes);
    if (r) found.push(r);
  };
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) {
      const b = bytesOf(c);
      letters.extend(i, b);
      others.extend(i, b);
    } else if (isLetter(c)) {
      letters.extend(i, 1);
      close(others, i);
    } else if (isDigit(c)) {
      close(letters, i);
      close(others, i);
    } else {
      others.extend(i, 1);
      close(letters, i);
    }
  }
  close(letters, to);
  close(others, to);
  return merge(found);
}

function merge(runs: [number, number][]): [number, number][] {
  runs.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of runs) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
