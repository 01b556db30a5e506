/** Offset ↔ line lookups over the parsed source. */
export class LineTable {
  /** Offset where each line starts; one entry per line. */
  readonly starts: number[];

  constructor(readonly source: string) {
    const starts = [0];
    let i = source.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = source.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  get count(): number {
    return this.starts.length;
  }

  /** 0-based line holding an offset (binary search). */
  rowOf(offset: number): number {
    const starts = this.starts;
    let lo = 0,
      hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset of the end of a line (its `\n`, or the end of the source). */
  lineEnd(row: number): number {
    return row + 1 < this.starts.length ? this.starts[row + 1] - 1 : this.source.length;
  }

  line(row: number): string {
    return this.source.slice(this.starts[row], this.lineEnd(row));
  }

  /** Only spaces, tabs or `\r` between two offsets. */
  isBlank(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const c = this.source.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 13) return false;
    }
    return true;
  }

  /** The span starts its line (only whitespace before it) and ends it (only whitespace after). */
  ownsLines(start: number, end: number): boolean {
    return this.isBlank(this.starts[this.rowOf(start)], start) && this.isBlank(end, this.lineEnd(this.rowOf(end)));
  }

  // The line holds words, not just punctuation: `"""Parse it."""` vs `"""`, ` * Returns…` vs a closing ` */`.
  hasText(row: number): boolean {
    return /[A-Za-z0-9]/.test(this.line(row).replace(/^\s*[rRuUbBfF]*("""|''')/, ''));
  }
}
