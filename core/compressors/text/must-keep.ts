import { ERROR_RE, WARN_RE } from '../../router/signals.js';
import type { Unit } from './units.js';

/** The pipeline's guard checks error lines up to this length verbatim (core/guard.ts, MAX_CHECKED_LINE). */
const GUARD_LINE_MAX = 400;

/**
 * Units that must survive whatever their score: headings and table headers, anything that reports an error or a
 * warning, and every unit sharing a line with an error line, so that line reaches the output whole (the guard in
 * core/guard.ts rejects an output that lost one).
 */
export function mustKeepUnits(text: string, units: readonly Unit[], lower: readonly string[], usefulTerms: readonly string[]): boolean[] {
  const errors = lower.map((l) => ERROR_RE.test(l));
  const must = units.map((u, i) => u.fixed || errors[i] || WARN_RE.test(lower[i]) || hitsAny(lower[i], usefulTerms));
  // An error match never spans a unit boundary (those sit after sentence punctuation), so every error line lies
  // across at least one error unit: only the lines of error units need checking.
  let lineFloor = 0;
  for (let i = 0; i < units.length; i++) {
    if (!errors[i] || units[i].end <= lineFloor) continue;
    let start = Math.max(lineFloor, text.lastIndexOf('\n', units[i].start) + 1);
    while (start < units[i].end) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      if (end - start <= GUARD_LINE_MAX && ERROR_RE.test(text.slice(start, end))) markLine(units, must, i, start, end);
      start = end + 1;
    }
    lineFloor = start;
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
export function addAnswerContext(text: string, units: readonly Unit[], lower: readonly string[], must: boolean[], usefulTerms: readonly string[]): void {
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
  for (let i = 0; i + 1 < units.length; i++) {
    const next = units[i + 1];
    if (!must[i] || text.charCodeAt(units[i].end - 1) !== 58 /* : */) continue;
    if ((next.kind === 'code' || next.kind === 'item') && next.end - next.start <= MAX_PULLED_CHARS) must[i + 1] = true;
  }
}
