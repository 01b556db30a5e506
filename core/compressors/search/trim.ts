/** Longest line text shown; longer lines (minified bundles, data files) are cut around the match. */
export const MAX_TEXT = 200;
/** How much of a trimmed line is shown before the match. */
const BEFORE = 60;

/**
 * Cuts a long line to a window around `anchor` (the match), with `…` where text was cut. Returns undefined when the
 * line is short enough to show whole. Never splits a surrogate pair.
 */
export function trimAround(text: string, anchor: number): string | undefined {
  if (text.length <= MAX_TEXT) return undefined;
  let start = anchor > BEFORE ? anchor - BEFORE : 0;
  let end = Math.min(text.length, start + MAX_TEXT);
  if (end - start < MAX_TEXT) start = Math.max(0, end - MAX_TEXT);
  if (start > 0 && isLow(text.charCodeAt(start))) start++;
  if (end < text.length && isHigh(text.charCodeAt(end - 1))) end--;
  return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
