import { formatMarker } from '../ccr/marker.js';
import { wordCost, type Words } from './words.js';

/**
 * Paragraphs are grouped into passages of about this many characters (~1,000 tokens); each pruned passage gets one
 * marker (~25 tokens), so markers cost a few percent while a retrieval still returns a section, not the whole text.
 */
const PASSAGE_CHARS = 4000;
/** A marker costs ~25 tokens with its id and note: a passage that would save less is kept as written. */
const MIN_SAVING = 30;
const SENTENCE_END = '.!?:';

/** Stands where a pruned passage's CCR id goes until `assemble` asks the caller's stash for it. */
export const ID_SLOT = '\u0000ccr-id\u0000';

/** A passage that lost words: its range in the input and its pruned text, ending with a marker (id still a slot). */
export interface PrunedPassage {
  start: number;
  end: number;
  output: string;
  droppedWords: number;
}

/**
 * Writes the kept words of each passage with the original spacing between neighbours, a line break where dropped
 * words spanned one, and a sentence's final punctuation carried over when the word that held it was dropped. Each
 * pruned passage ends with one marker; only pruned passages are returned (everything else stays as written).
 */
export function prunePassages(text: string, words: Words, kept: Uint8Array): PrunedPassage[] {
  const keep = kept.slice();
  const out: PrunedPassage[] = [];
  for (const [first, end] of passages(text, words)) {
    let dropped = 0;
    let saving = 0;
    for (let i = first; i < end; i++) {
      if (keep[i] && orphanMarker(text, words, keep, i, end)) keep[i] = 0;
      if (keep[i]) continue;
      dropped++;
      saving += wordCost(words.end[i] - words.start[i]);
    }
    if (dropped === 0 || saving < MIN_SAVING) continue;
    const marker = formatMarker({ count: dropped, unit: 'words', id: ID_SLOT, note: 'pruned from this passage' });
    out.push({
      start: words.start[first],
      end: words.end[end - 1],
      output: `${prune(text, words, keep, first, end)} ${marker}`,
      droppedWords: dropped,
    });
  }
  return out;
}

/**
 * The output text: the input with each pruned passage replaced by its pruned form, whose marker names the id that
 * `stash` gives for the passage's exact original text. Putting each stashed passage back where its pruned form
 * stands rebuilds the input byte for byte.
 */
export function assemble(text: string, pruned: readonly PrunedPassage[], stash: (content: string) => string): string {
  const parts: string[] = [];
  let pos = 0;
  for (const p of pruned) {
    parts.push(text.slice(pos, p.start), p.output.replace(ID_SLOT, stash(text.slice(p.start, p.end))));
    pos = p.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/**
 * Word ranges [first, end) of passages: runs of blank-line-separated blocks, cut once a passage reaches PASSAGE_CHARS.
 */
function passages(text: string, words: Words): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let first = 0;
  for (let i = 1; i <= words.count; i++) {
    if (i < words.count) {
      if (words.end[i - 1] - words.start[first] < PASSAGE_CHARS) continue;
      if (!blankLineBetween(text, words.end[i - 1], words.start[i])) continue;
    }
    if (i > first) out.push([first, i]);
    first = i;
  }
  return out;
}

/** Two line ends in the whitespace between two words. Scans only that gap: linear over the whole text. */
function blankLineBetween(text: string, from: number, to: number): boolean {
  let n = 0;
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10 && ++n === 2) return true;
  return false;
}

function hasLineEnd(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) return true;
  return false;
}

function prune(text: string, words: Words, keep: Uint8Array, first: number, end: number): string {
  const parts: string[] = [];
  let prev = -1;
  const carry = (lastDropped: number) => {
    // "… the default is 30 seconds." with "seconds." dropped still ends its sentence — on the same line only
    const ch = text[words.end[lastDropped] - 1];
    const tail = parts.length ? parts[parts.length - 1] : '';
    if (!SENTENCE_END.includes(ch) || !tail || /[.!?:;,]$/.test(tail)) return;
    if (!hasLineEnd(text, words.end[prev], words.end[lastDropped])) parts[parts.length - 1] = tail + ch;
  };
  for (let i = first; i < end; i++) {
    if (!keep[i]) continue;
    if (prev >= 0) {
      if (prev === i - 1) parts.push(text.slice(words.end[prev], words.start[i]));
      else {
        carry(i - 1);
        parts.push(separator(text.slice(words.end[prev], words.start[i])));
      }
    }
    parts.push(text.slice(words.start[i], words.end[i]));
    prev = i;
  }
  if (prev >= 0 && prev < end - 1) carry(end - 1);
  return parts.join('');
}

const LIST_MARKER_RE = /^(?:[-*+•]|\d{1,9}[.)])$/;

/** A list item's bullet whose every word was dropped: the bullet alone would be noise. */
function orphanMarker(text: string, words: Words, keep: Uint8Array, i: number, end: number): boolean {
  if (words.end[i] - words.start[i] > 10 || !LIST_MARKER_RE.test(text.slice(words.start[i], words.end[i])))
    return false;
  // only a bullet that starts its line: then the scan to the line's end below happens once per line
  if (i > 0 && !hasLineEnd(text, words.end[i - 1], words.start[i])) return false;
  const lineEnd = text.indexOf('\n', words.end[i]);
  const next = i + 1;
  if (next >= end || (lineEnd !== -1 && words.start[next] > lineEnd)) return false; // an empty item in the original
  for (let j = next; j < end && (lineEnd === -1 || words.start[j] < lineEnd); j++) if (keep[j]) return false;
  return true;
}

/** What stands between two kept words that had dropped words between them. */
function separator(gap: string): string {
  const trailing = /\s+$/.exec(gap)?.[0] ?? ' ';
  if (trailing.includes('\n')) return trailing;
  const nl = gap.lastIndexOf('\n');
  if (nl === -1) return trailing;
  // the dropped words ran over a line end: keep the break (and a blank line or indentation around it)
  let a = nl;
  while (a > 0 && /\s/.test(gap[a - 1])) a--;
  let b = nl + 1;
  while (b < gap.length && /\s/.test(gap[b])) b++;
  return gap.slice(a, b);
}
