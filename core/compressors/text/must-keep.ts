import { ERROR_RE, WARN_RE } from '../../router/signals.js';
import { isAnswerBearing } from '../../router/answer-bearing.js';
import type { Unit } from './units.js';

/** The pipeline's guard checks error lines up to this length verbatim (core/guard.ts, MAX_CHECKED_LINE). */
const GUARD_LINE_MAX = 400;

/**
 * Units that must survive whatever their score: headings and table headers, anything that reports an error or a
 * warning, and every unit sharing a line with an error line, so that line reaches the output whole (the guard in
 * core/guard.ts rejects an output that lost one).
 */
export function mustKeepUnits(
  text: string,
  units: readonly Unit[],
  lower: readonly string[],
  usefulTerms: readonly string[],
): boolean[] {
  // a sentence that names a failure or a limit ("cannot span more than 24 hours", "fails with…") is kept as a
  // sentence; a line that reports an error event is kept whole below
  const must = units.map(
    (u, i) => u.fixed || ERROR_RE.test(lower[i]) || WARN_RE.test(lower[i]) || hitsAny(lower[i], usefulTerms),
  );
  // every answer-bearing line (router/answer-bearing.ts, the guard's own definition) reaches the output whole: one
  // pass over the lines, with a pointer into the units (both are in text order)
  let u = 0;
  let start = 0;
  while (start < text.length && u < units.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start <= GUARD_LINE_MAX && isAnswerBearing(text.slice(start, end), 'text')) {
      while (u < units.length && units[u].end <= start) u++;
      if (u < units.length && units[u].start < end) markLine(units, must, u, start, end);
    }
    start = end + 1;
  }
  return must;
}

/** Marks every unit overlapping `[start, end)`, walking out from unit `i` (which overlaps it). */
function markLine(units: readonly Unit[], must: boolean[], i: number, start: number, end: number): void {
  for (let j = i; j >= 0 && units[j].end > start; j--) if (units[j].start < end) must[j] = true;
  for (let j = i + 1; j < units.length && units[j].start < end; j++) must[j] = true;
}

/**
 * Query terms that tell units apart. A term found in most units (the document's own subject, "express" in Express's
 * README) cannot pick the answer out: it still raises a unit's score, but does not make the unit un-droppable.
 */
export function usefulQueryTerms(terms: readonly string[], lower: readonly string[]): string[] {
  const limit = Math.max(3, Math.floor(lower.length * 0.12));
  return terms.filter((t) => {
    let n = 0;
    for (const l of lower) if (l.includes(t) && ++n > limit) return false;
    return true;
  });
}

export function hitsAny(lower: string, terms: readonly string[]): boolean {
  for (const t of terms) if (lower.includes(t)) return true;
  return false;
}

/** A unit pulled in by its introduction is kept whole only up to this size. */
const MAX_PULLED_CHARS = 2000;
/** How many units of a section whose heading matches the query are kept. */
const SECTION_LEAD_UNITS = 2;

/**
 * Context the query's answer needs: the opening units of a section whose heading names the query's terms (the
 * question is about that section), and the code block or item a kept sentence introduces with a colon
 * ("You can build GDB in any empty build directory:" needs the commands under it). Mutates `must`.
 */
export function addAnswerContext(
  text: string,
  units: readonly Unit[],
  lower: readonly string[],
  must: boolean[],
  usefulTerms: readonly string[],
): void {
  if (usefulTerms.length === 0) return;
  for (let i = 0; i < units.length; i++) {
    if (units[i].kind !== 'heading' || !hitsAny(lower[i], usefulTerms)) continue;
    let taken = 0;
    for (let j = i + 1; j < units.length && taken < SECTION_LEAD_UNITS && units[j].kind !== 'heading'; j++) {
      if (units[j].end - units[j].start > MAX_PULLED_CHARS) break;
      must[j] = true;
      taken++;
    }
  }
  // a sentence that answers the query often hands the reader on in the next one: "See <url> for instructions."
  for (let i = 0; i + 1 < units.length; i++) {
    const next = units[i + 1];
    if (next.block !== units[i].block || !hitsAny(lower[i], usefulTerms) || next.end - next.start > MAX_PULLED_CHARS)
      continue;
    if (
      /^(?:see|visit|use|run|read|refer|report|contact|send|file|open)\b|https?:\/\/|\b[\w.+-]+@[\w-]+\.[\w.]+/.test(
        lower[i + 1],
      )
    )
      must[i + 1] = true;
  }
  for (let i = 0; i + 1 < units.length; i++) {
    const next = units[i + 1];
    if (!must[i] || text.charCodeAt(units[i].end - 1) !== 58 /* : */) continue;
    if ((next.kind === 'code' || next.kind === 'item') && next.end - next.start <= MAX_PULLED_CHARS) must[i + 1] = true;
  }
}
