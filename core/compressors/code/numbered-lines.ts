/**
 * File reads as agents show them: `cat -n` style, `     1\tcode` (Claude Code's Read tool; older versions use `→`
 * instead of the tab). The prefix is stripped for parsing and kept on every line the output shows.
 */
export interface SourceLines {
  /** The input's lines exactly (split on `\n`; a `\r` stays at the end of its line). */
  lines: string[];
  /** Per line: the number prefix (`"    12\t"`), or '' when the line has none. */
  prefixes: string[];
  /** Per line: the line number agents should use (the prefix's number, else the 1-based position). */
  numbers: number[];
  /** What the parser sees: the lines without prefixes, joined with `\n`. Same line count as `lines`. */
  source: string;
  /** A prefix-shaped blank (`"      \t"`) for lines the output adds (markers), or '' without prefixes. */
  blankPrefix: string;
}

const PREFIX_RE = /^( *)(\d{1,9})(\t|→)/;
/** Share of non-empty lines that must carry a prefix, with consecutive numbers, to call the input numbered. */
const MIN_NUMBERED_SHARE = 0.9;

export function splitSourceLines(text: string): SourceLines {
  const lines = text.split('\n');
  const numbered = detectNumbered(lines);
  if (!numbered) {
    return { lines, prefixes: lines.map(() => ''), numbers: lines.map((_, i) => i + 1), source: text, blankPrefix: '' };
  }
  const prefixes: string[] = new Array(lines.length);
  const numbers: number[] = new Array(lines.length);
  const stripped: string[] = new Array(lines.length);
  let next = 1;
  for (let i = 0; i < lines.length; i++) {
    const m = PREFIX_RE.exec(lines[i]);
    if (m) {
      prefixes[i] = m[0];
      numbers[i] = Number(m[2]);
      stripped[i] = lines[i].slice(m[0].length);
      next = numbers[i] + 1;
    } else {
      prefixes[i] = '';
      numbers[i] = next++;
      stripped[i] = lines[i];
    }
  }
  return {
    lines,
    prefixes,
    numbers,
    source: stripped.join('\n'),
    blankPrefix: ' '.repeat(numbered.width) + numbered.separator,
  };
}

/** Numbered when nearly every non-empty line has the prefix and the numbers count up by one. */
function detectNumbered(lines: string[]): { width: number; separator: string } | undefined {
  const first = PREFIX_RE.exec(lines[0] ?? '');
  if (!first) return undefined;
  let nonEmpty = 0,
    good = 0;
  let expected = Number(first[2]);
  for (const line of lines) {
    if (line === '' || line === '\r') continue;
    nonEmpty++;
    const m = PREFIX_RE.exec(line);
    if (m && Number(m[2]) === expected) {
      good++;
      expected++;
    }
  }
  if (good / nonEmpty < MIN_NUMBERED_SHARE) return undefined;
  return { width: first[1].length + first[2].length, separator: first[3] };
}
