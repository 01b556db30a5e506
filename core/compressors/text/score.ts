import type { Unit } from './units.js';

/** Per-unit word statistics shared by scoring, near-duplicate detection and marker notes. */
export interface UnitWords {
  /** Distinct lower-cased words of the unit. */
  distinct: string[];
  /** Number of word tokens (with repeats). */
  tokens: number;
}

/** Feature scans look at most this much of a unit: a 5 MB run-on line scores the same as its head. */
const FEATURE_WINDOW = 4000;
/** Markdown link reference definitions, badge images and raw HTML blocks (logos, layout): navigation, not content. */
const BOILERPLATE_RE = new RegExp(
  String.raw`^\s*(?:\[[^\]\n]{1,200}\]:[ \t]*\S|\[?!\[[^\]\n]{0,200}\]` +
    String.raw`|<\/?(?:a|img|picture|source|p|div|br|details|summary|h[1-6])\b)`,
  'i',
);

/**
 * Words of a unit, from its lower-cased text (a hand-rolled scan: a Unicode regex here was the hot spot). Bare
 * numbers count as tokens but not as words: they already score as details, and as vocabulary they would make every
 * line of a numbered listing "rare" and hide that the lines repeat one another.
 */
export function unitWords(lower: string): UnitWords {
  const seen = new Set<string>();
  let tokens = 0;
  let start = -1;
  let digits = true;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if (isWordCode(c)) {
      if (start < 0) {
        start = i;
        digits = true;
      }
      if (c < 48 || c > 57) digits = false;
    } else if (start >= 0) {
      tokens++;
      if (i - start >= 2 && !digits) seen.add(lower.slice(start, i));
      start = -1;
    }
  }
  return { distinct: [...seen], tokens };
}

/** Letters, digits and `_`, including non-Latin letters; general punctuation, symbols and emoji are not. */
function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 65 && c <= 90);
  if (c < 0xc0 || c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return !(c >= 0xfe30 && c <= 0xff0f);
}

/** Inverse document frequency of every word: a word in few units is what makes a unit worth keeping. */
export function inverseDocumentFrequency(words: readonly UnitWords[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const w of words) for (const t of w.distinct) df.set(t, (df.get(t) ?? 0) + 1);
  const n = words.length + 1;
  for (const [t, c] of df) df.set(t, Math.log(n / c));
  return df;
}

/**
 * Information density: summed rarity of the unit's distinct words, damped by length so long sentences do not win on
 * length alone (the budget is in characters, so a long sentence must earn its room).
 */
export function rarity(w: UnitWords, idf: Map<string, number>): number {
  let sum = 0;
  for (const t of w.distinct) sum += idf.get(t) ?? 0;
  return sum / Math.sqrt(w.tokens + 1);
}

/**
 * Concrete details an agent tends to need: numbers, identifiers (camelCase, snake_case, `code`), paths, URLs, quoted
 * strings. One pass over the unit's head; each kind is capped, and the total is capped at 3.
 */
export function detailScore(text: string, u: Unit): number {
  const end = Math.min(u.end, u.start + FEATURE_WINDOW);
  let numbers = 0,
    idents = 0,
    paths = 0,
    urls = 0,
    quotes = 0,
    ticks = 0;
  let prev = 32;
  let camel = false;
  for (let i = u.start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c) && !isAlpha(prev) && !isDigit(prev) && prev !== 46) numbers++;
    else if (isUpper(c) && isLower(prev) && !camel) {
      idents++;
      camel = true; // one per word
    } else if (c === 95 && isAlnum(prev) && isAlnum(text.charCodeAt(i + 1))) idents++;
    else if (c === 96) ticks++;
    else if (c === 34) quotes++;
    else if (c === 47) {
      if (prev === 47 && text.charCodeAt(i - 2) === 58)
        urls++; // "://"
      else if (
        (prev === 32 || prev === 40 || prev === 46 || prev === 126 || prev === 10) &&
        isAlnum(text.charCodeAt(i + 1))
      )
        paths++;
    }
    if (!isAlnum(c)) camel = false;
    prev = c;
  }
  const n =
    0.4 * Math.min(numbers, 4) +
    0.6 * Math.min(idents + (ticks >> 1), 4) +
    0.6 * Math.min(paths, 3) +
    0.4 * Math.min(urls, 2) +
    0.5 * Math.min(quotes >> 1, 3);
  return Math.min(n, 3);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isAlpha(c: number): boolean {
  return isLower(c) || isUpper(c);
}
function isAlnum(c: number): boolean {
  return isAlpha(c) || isDigit(c);
}

export function isBoilerplate(text: string, u: Unit): boolean {
  return BOILERPLATE_RE.test(text.slice(u.start, Math.min(u.end, u.start + 400)));
}
