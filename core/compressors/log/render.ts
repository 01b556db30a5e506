/**
 * Output assembly: kept lines verbatim, in order; each maximal run of dropped lines becomes one marker whose stash is
 * exactly those lines joined by `\n`. Replacing every marker by its stashed text gives back the cleaned log exactly.
 * A run whose marker would be about as long as the run itself stays (and is marked kept in `keep`).
 * A kept line too long to be useful keeps its head and tail around an inline marker for its middle.
 */
import type { CompressContext } from '../../types.js';
import { formatMarker } from '../../ccr/marker.js';

/** Kept lines longer than this are cut in the middle. */
export const LONG_LINE = 2000;
const LONG_HEAD = 1000;
const LONG_TAIL = 300;
/** A run is replaced only when its marker is clearly shorter than the run. */
const WORTH_A_MARKER = 0.7;

export interface Rendered {
  text: string;
  droppedLines: number;
  cutLines: number;
}

export function render(
  lines: readonly string[],
  keep: Uint8Array,
  describe: (from: number, to: number) => string,
  ctx: CompressContext,
): Rendered {
  const out: string[] = [];
  let droppedLines = 0;
  let cutLines = 0;
  let i = 0;
  while (i < lines.length) {
    if (keep[i]) {
      const line = lines[i++];
      if (line.length > LONG_LINE) {
        out.push(cutLine(line, ctx));
        cutLines++;
      } else out.push(line);
      continue;
    }
    let j = i;
    while (j < lines.length && !keep[j]) j++;
    const omitted = lines.slice(i, j).join('\n');
    const marker = formatMarker({
      count: j - i,
      unit: j - i === 1 ? 'line' : 'lines',
      id: ctx.stash(omitted),
      note: describe(i, j),
    });
    if (marker.length >= omitted.length * WORTH_A_MARKER) {
      // the marker would cost about what it saves: show the lines
      for (let k = i; k < j; k++) keep[k] = 1;
      continue;
    }
    out.push(marker);
    droppedLines += j - i;
    i = j;
  }
  return { text: out.join('\n'), droppedLines, cutLines };
}

function cutLine(line: string, ctx: CompressContext): string {
  const a = safeCut(line, LONG_HEAD);
  const b = safeCut(line, line.length - LONG_TAIL);
  const middle = line.slice(a, b);
  const id = ctx.stash(middle);
  return line.slice(0, a) + formatMarker({ count: middle.length, unit: 'characters', id }) + line.slice(b);
}

/** Moves a cut off the middle of a surrogate pair, so every piece is valid UTF-16 and survives the store's UTF-8. */
function safeCut(s: string, at: number): number {
  const c = s.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff ? at + 1 : at;
}
