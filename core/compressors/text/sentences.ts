/**
 * Sentence splitting by a single linear scan (no regex over the paragraph): a boundary is `.`, `!` or `?`, optional
 * closing quotes/brackets, whitespace, then something that can start a sentence. Abbreviations, initials, decimals,
 * file names and URLs (no whitespace after the dot) do not split.
 */

const ABBREVIATIONS = new Set([
  'al',
  'approx',
  'ca',
  'cf',
  'ch',
  'co',
  'dr',
  'eg',
  'eq',
  'esp',
  'etc',
  'fig',
  'ie',
  'inc',
  'incl',
  'jr',
  'ltd',
  'mr',
  'mrs',
  'ms',
  'no',
  'nr',
  'resp',
  'sec',
  'sr',
  'st',
  'ver',
  'viz',
  'vol',
  'vs',
]);

/**
 * Sentences longer than this that span several lines are cut at line ends, so one run-on block is not all-or-nothing.
 */
const LONG_SENTENCE = 600;
/** Pieces of a cut run-on sentence are at least this long (a few lines each). */
const PIECE_MIN = 200;

/** Exact `[start, end)` ranges of the sentences in `text[from, to)`, trimmed of surrounding whitespace. */
export function splitSentences(text: string, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = skipSpace(text, from, to);
  for (let i = s; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 46 /* . */ && c !== 33 /* ! */ && c !== 63 /* ? */) continue;
    let j = i + 1;
    while (j < to && isCloser(text.charCodeAt(j))) j++;
    if (j >= to || !isSpace(text.charCodeAt(j))) continue;
    const k = skipSpace(text, j, to);
    if (k >= to) break;
    if (c === 46 && isAbbreviation(text, i, s)) continue;
    if (!startsSentence(text.charCodeAt(k), text[k])) continue;
    pushPieces(text, s, j, out);
    s = k;
    i = k - 1;
  }
  const end = trimEnd(text, s, to);
  if (end > s) pushPieces(text, s, end, out);
  return out;
}

function pushPieces(text: string, start: number, end: number, out: Array<[number, number]>): void {
  if (end - start <= LONG_SENTENCE) {
    out.push([start, end]);
    return;
  }
  let s = start;
  let nl = text.indexOf('\n', s + PIECE_MIN);
  while (nl !== -1 && nl < end) {
    const pieceEnd = trimEnd(text, s, nl);
    const next = skipSpace(text, nl, end);
    if (pieceEnd > s && next < end) {
      out.push([s, pieceEnd]);
      s = next;
    }
    nl = text.indexOf('\n', Math.max(s + PIECE_MIN, nl + 1));
  }
  out.push([s, end]);
}

function isAbbreviation(text: string, dot: number, sentenceStart: number): boolean {
  let b = dot;
  while (b > sentenceStart && b > dot - 12 && isLetter(text.charCodeAt(b - 1))) b--;
  const word = text.slice(b, dot).toLowerCase();
  if (word.length === 0) return false;
  // a single letter before the dot: an initial ("J. Smith") or the end of "e.g." / "i.e."
  if (word.length === 1) return true;
  return ABBREVIATIONS.has(word);
}

function startsSentence(code: number, ch: string): boolean {
  if (code >= 65 && code <= 90) return true; // A-Z
  if (code >= 48 && code <= 57) return true; // 0-9
  // quotes, brackets, markdown emphasis/code, an HTML-ish tag
  if ('"\'(`*_<[\u201c\u2018'.includes(ch)) return true;
  return code >= 0xc0 && ch !== ch.toLowerCase();
}

function isCloser(code: number): boolean {
  // ) ] " ' ` * _ ” ’
  return (
    code === 41 ||
    code === 93 ||
    code === 34 ||
    code === 39 ||
    code === 96 ||
    code === 42 ||
    code === 95 ||
    code === 0x201d ||
    code === 0x2019
  );
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 12 || code === 0xa0;
}

function skipSpace(text: string, i: number, to: number): number {
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i;
}

export function trimEnd(text: string, from: number, to: number): number {
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  return to;
}
