/**
 * Accumulates extracted text the way a browser lays it out: runs of whitespace collapse to one space, block
 * boundaries become line breaks, at most one blank line in a row, and verbatim (`<pre>`) text passes untouched.
 */
export class TextBuilder {
  private readonly out: string[] = [];
  /** Text of the line being built. */
  private line = '';
  /** A collapsed space is owed before the next word on this line. */
  private space = false;
  /** Blank lines owed before the next content (0 = just a line break, if any). */
  private gap = 0;
  private started = false;

  /** Flowing text: whitespace collapses. */
  text(s: string): void {
    if (!s) return;
    // most text nodes need no collapsing; native scans are far cheaper than a replace over megabytes
    const plain =
      s.indexOf('  ') === -1 &&
      s.indexOf('\n') === -1 &&
      s.indexOf('\t') === -1 &&
      s.indexOf('\r') === -1 &&
      s.indexOf('\f') === -1;
    const c = plain ? s : s.replace(WHITESPACE_RUN, ' ');
    let from = 0,
      to = c.length;
    if (c.charCodeAt(0) === 32) {
      this.space = true;
      from = 1;
    }
    const trailing = to > from && c.charCodeAt(to - 1) === 32;
    if (trailing) to--;
    if (to > from) this.word(c.slice(from, to));
    if (trailing) this.space = true;
  }

  /** Verbatim text (inside `<pre>`): kept as is, line breaks included. */
  verbatim(s: string): void {
    const parts = s.split('\n');
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) this.flushLine(true);
      if (parts[i]) this.word(parts[i], true);
    }
  }

  /** Text that must start its own line, such as a list bullet or a heading mark. */
  prefix(s: string): void {
    this.newline();
    this.word(s, true);
    this.space = false;
  }

  /** Ends the current line if it has content. */
  newline(): void {
    if (this.line) this.flushLine(false);
  }

  /** Ends the current line and asks for a blank line before whatever comes next. */
  blankLine(): void {
    this.newline();
    if (this.started) this.gap = 1;
  }

  /** A point to roll back to, e.g. to take out a permalink mark ("#", "¶") once its link turns out to be just that. */
  mark(): { lines: number; line: string; space: boolean } {
    return { lines: this.out.length, line: this.line, space: this.space };
  }

  /** Undoes what was written since `m`, if that stayed on the same line. */
  rollback(m: { lines: number; line: string; space: boolean }): void {
    if (this.out.length !== m.lines || !this.line.startsWith(m.line)) return;
    this.line = m.line;
    this.space = m.space || this.space;
  }

  toString(): string {
    this.newline();
    return this.out.join('\n');
  }

  private word(w: string, verbatim = false): void {
    if (!this.line) {
      if (this.gap > 0 && this.started) this.out.push('');
      this.gap = 0;
      this.space = false;
    }
    if (this.space && this.line && !verbatim) this.line += ' ';
    this.space = false;
    this.line += w;
    this.started = true;
  }

  private flushLine(keepEmpty: boolean): void {
    if (!this.line && !keepEmpty) return;
    if (!this.line && keepEmpty) {
      if (this.gap > 0 && this.started) this.out.push('');
      this.gap = 0;
      this.out.push('');
      return;
    }
    this.out.push(this.line.trimEnd());
    this.line = '';
    this.space = false;
  }
}

const WHITESPACE_RUN = /[ \t\n\r\f]+/g;
