/**
 * The coarse shape of a template: its leading plain words. Lines of one kind share it even when a word-like id
 * (`GHSA-100a-…`, a pod name) splits them into many exact templates. Markers group unrelated lines by it, and the
 * anomaly rules use it to tell a rare event from the normal variety of a common kind of line.
 */
import { displayTemplate } from './templates.js';

/** A displayed template without its timestamps, whitespace collapsed. */
export function withoutTimes(display: string): string {
  return display
    .replace(/[\[(]?<ts>[\])]?[,:]?\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The shape of a template key, read straight off the key's head: timestamp tokens skipped, then up to three leading
 * words, stopping (after the first) at a word with digits, placeholders or punctuation, which is where lines of one
 * kind start to differ: `status unpacked …`, `npm http fetch …`. Called for every template of a run of unrelated
 * lines, so it avoids decoding the whole key.
 */
export function shapeOf(key: string): string {
  const words: string[] = [];
  const end = Math.min(key.length, SHAPE_PREFIX);
  let start = 0;
  while (start < end) {
    let stop = key.indexOf(' ', start);
    if (stop === -1 || stop > end) stop = end;
    const token = key.slice(start, stop);
    start = stop + 1;
    if (token === '' || TS_TOKEN_RE.test(token)) continue;
    if (words.length === 3 || (words.length > 0 && !WORD_RE.test(token))) return words.join(' ') + ' …';
    const shown = words.length === 0 ? displayTemplate(token) : token;
    words.push(shown.length > 30 ? shown.slice(0, 30) + '…' : shown);
  }
  return key.length > SHAPE_PREFIX ? words.join(' ') + ' …' : words.join(' ');
}

const SHAPE_PREFIX = 160;

/**
 * The first three plain words of a template anywhere in its head, other tokens skipped: what a line says, past the
 * pid, thread and logger columns that structured loggers put first (`INFO 1 --- [app] [main] c.a.Foo : Config
 * refresh applied` → `INFO Config refresh`). Lines of one kind share it, so a template that is rare only because an
 * id split it from its siblings is not mistaken for a rare event.
 */
export function wordsShape(key: string): string {
  const words: string[] = [];
  const end = Math.min(key.length, WORDS_PREFIX);
  let start = 0;
  while (start < end && words.length < 3) {
    let stop = key.indexOf(' ', start);
    if (stop === -1 || stop > end) stop = end;
    const token = key.slice(start, stop);
    start = stop + 1;
    if (PLAIN_WORD_RE.test(token)) words.push(token);
  }
  return words.join(' ');
}

const WORDS_PREFIX = 240;
/** A word of letters (a trailing `:` or `,` allowed): no digits, placeholders, brackets or dots. */
const PLAIN_WORD_RE = /^[A-Za-z][a-z-]*[a-z][:,]?$|^[A-Z]{2,}[:,]?$/;
/** A token that is only a timestamp placeholder, maybe bracketed: `\u0001T`, `[\u0001T]`, `\u0001T,`. */
const TS_TOKEN_RE = /^[\[(]?\u0001T[\])]?[,:]?$/;
/** A plain word: it continues a shape. */
const WORD_RE = /^[A-Za-z][\w-]*:?$/;
