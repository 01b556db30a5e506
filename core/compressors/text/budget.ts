/** Prose shorter than this is left whole: the markers would cost about what they save. */
export const MIN_PROSE_CHARS = 1500;
/** Share of the characters kept for long documents (must-keep units may push past it). */
const LONG_KEEP_RATIO = 0.45;
/** Share kept at MIN_PROSE_CHARS; the ratio slides down to LONG_KEEP_RATIO by LONG_TEXT_CHARS. */
const SHORT_KEEP_RATIO = 0.65;
const LONG_TEXT_CHARS = 6000;
/** Past this size each further character earns less room: nobody reads half of a megabyte of prose. */
const HUGE_TEXT_CHARS = 64 * 1024;
const HUGE_KEEP_RATIO = 0.15;

/** How many characters of a document of `length` characters the selection aims to keep. */
export function keepChars(length: number): number {
  if (length >= HUGE_TEXT_CHARS)
    return LONG_KEEP_RATIO * HUGE_TEXT_CHARS + HUGE_KEEP_RATIO * (length - HUGE_TEXT_CHARS);
  if (length >= LONG_TEXT_CHARS) return LONG_KEEP_RATIO * length;
  const t = Math.max(0, (length - MIN_PROSE_CHARS) / (LONG_TEXT_CHARS - MIN_PROSE_CHARS));
  return (SHORT_KEEP_RATIO - t * (SHORT_KEEP_RATIO - LONG_KEEP_RATIO)) * length;
}
