/**
 * The pipeline's guard (core/guard.ts) rejects a log output that loses an error line: it checks the first 400 error
 * lines (up to 400 characters) for being present verbatim or, when collapsed, by their words. Collapsed flood copies
 * usually pass through their representative; ones that would not (a UUID's fragments are words the representative
 * lacks) are found here, with the guard's own check, and kept, so the output passes by construction.
 */
import { missingAnswerBearing } from '../../guard.js';
import { isAnswerBearing } from '../../router/answer-bearing.js';

const GUARD_LINES = 400;
const GUARD_LINE_CHARS = 400;

/** Indexes of dropped lines the guard would miss in `output`. */
export function unguardedLines(lines: readonly string[], keep: Uint8Array, output: string): number[] {
  const missing: number[] = [];
  const verdict = new Map<string, boolean>();
  let checked = 0;
  for (let i = 0; i < lines.length && checked < GUARD_LINES; i++) {
    const line = lines[i];
    if (line.length > GUARD_LINE_CHARS || !isAnswerBearing(line, 'log')) continue;
    checked++;
    if (keep[i]) continue;
    let ok = verdict.get(line);
    if (ok === undefined) verdict.set(line, (ok = missingAnswerBearing(line, output, 'log') === undefined));
    if (!ok) missing.push(i);
  }
  return missing;
}
