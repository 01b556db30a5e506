/** One line of search output: a match, or a context line that -A/-B/-C printed around one. */
export interface SearchLine {
  /** The exact original line (for `rg --json`, the whole NDJSON record); this is what gets stashed when dropped. */
  raw: string;
  /** 1-based line number, when the tool printed one. */
  line?: number;
  /** The matched source line's text, without the path/number prefix. */
  text: string;
  isMatch: boolean;
  /** Where the tool said the match is inside `text` (rg --json submatches), to trim long lines around it. */
  matchStart?: number;
  matchEnd?: number;
}

/** All lines of one file, in the order the tool printed them. */
export interface SearchFile {
  /** As printed; '' when the tool printed no path (grep -n on a single file). */
  path: string;
  lines: SearchLine[];
  /** Every exact original line that belongs to this file (heading line, rg --json begin/end records included). */
  raw: string[];
}

export interface ParsedSearch {
  files: SearchFile[];
  /** Lines that are not results (banners, "Binary file … matches", errors): kept verbatim, never dropped. */
  other: string[];
  format: 'flat' | 'heading' | 'json';
}

/** Counts of the non-context lines in a parse. */
export function matchCount(files: readonly SearchFile[]): number {
  let n = 0;
  for (const f of files) for (const l of f.lines) if (l.isMatch) n++;
  return n;
}
