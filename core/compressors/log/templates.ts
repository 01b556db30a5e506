/**
 * Template mining: lines that differ only in timestamps, UUIDs, IPs, hex ids and numbers share a template. One
 * left-to-right pass per line masks the varying fields and records their values, so the whole log is mined in linear
 * time and the values are there later for the markers' ranges and the anomaly checks. The field regex runs (sticky)
 * only where a field can start, a digit or a word start that can open an id or a month, which keeps mining several
 * times faster than letting the regex engine try every position.
 */

/** Kinds of varying field, in the order the mask regex tries them. */
export type FieldKind = 'ts' | 'uuid' | 'ip' | 'hex' | 'n';

/** Placeholders inside template keys use a control character so literal text like `<n>` in a log cannot fake one. */
const MARK = '\u0001';
const KIND_CODE: Record<FieldKind, string> = { ts: 'T', uuid: 'U', ip: 'I', hex: 'H', n: 'N' };
const CODE_KIND: Record<string, FieldKind> = { T: 'ts', U: 'uuid', I: 'ip', H: 'hex', N: 'n' };
const DISPLAY: Record<FieldKind, string> = { ts: '<ts>', uuid: '<uuid>', ip: '<ip>', hex: '<hex>', n: '<n>' };

/** Only this much of a line shapes its template: a 5 MB line costs no more to mine than a short one. */
export const TEMPLATE_PREFIX = 400;

const FIELD_RE = new RegExp(
  [
    // ISO-8601 date-time, optionally with fraction and zone (and Go's log.Printf "2025/05/02 11:00:00")
    String.raw`(\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)`,
    // syslog "Mar  3 14:02:11", git's "Mon Mar 3 14:02:11 2025", and the access-log "01/May/2024:10:00:00 +0000"
    String.raw`(\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d\d:\d\d:\d\d` +
      String.raw`|\d\d\/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}:\d\d:\d\d:\d\d(?: [+-]\d{4})?)`,
    String.raw`(\d\d:\d\d:\d\d(?:[.,]\d+)?)`,
    String.raw`(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})`,
    String.raw`(\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b)`,
    // ids: 0x…, a run of 7+ hex digits (the callback decides whether it is an id, see `hexKind`), and Kubernetes'
    // generated name parts (`web-7c9f8b6d5d-x2x9z`: vowel-free alphabet, 8–10 or 5 characters after a dash)
    String.raw`(0x[0-9a-fA-F]+|\b[0-9a-fA-F]{7,}\b` +
      String.raw`|(?<=-)(?:[bcdfghjklmnpqrstvwxz2456789]{8,10}|[bcdfghjklmnpqrstvwxz2456789]{5})\b)`,
    String.raw`(\d+(?:\.\d+)?)`,
  ].join('|'),
  'y',
);

/** ASCII word characters, the ones `\b` looks at. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD[c] = /\w/.test(String.fromCharCode(c)) ? 1 : 0;
const MONTH_INITIAL = new Set([...'JFMASOND'].map((c) => c.charCodeAt(0)));
const K8S_LETTER = new Set([...'bcdfghjklmnpqrstvwxz'].map((c) => c.charCodeAt(0)));

/**
 * Where FIELD_RE can match at all: at a digit, or at a word start with a hex letter, a month's initial, or (after a
 * dash) a letter of Kubernetes' name alphabet. Every alternative of FIELD_RE begins with one of those.
 */
function canStartField(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) return true;
  if (c >= 128) return false;
  const p = i > 0 ? s.charCodeAt(i - 1) : 32;
  if (p < 128 && WORD[p]) return false;
  const lower = c | 32;
  if (lower >= 97 && lower <= 102) return true;
  return MONTH_INITIAL.has(c) || (p === 45 && K8S_LETTER.has(c));
}

export interface Templates {
  /** Template id of every line. */
  ids: Int32Array;
  /** Template key per id (placeholders encoded, see `displayTemplate`). */
  keys: string[];
  /** How many lines share each template. */
  counts: Int32Array;
  /** Index of the first line of each template. */
  first: Int32Array;
  /** The lines themselves: field values are read back from them through `fieldValue`. */
  lines: readonly string[];
  /**
   * Where each line's fields are: line i's fields are the (start, end) pairs spans[2k], spans[2k+1] for k from
   * spanStart[i] to spanStart[i + 1] - 1. Offsets instead of substrings keep a 50 MB log's millions of fields cheap.
   */
  spans: Int32Array;
  spanStart: Int32Array;
}

function isWordChar(c: number): boolean {
  return c < 128 && WORD[c] === 1; // NaN (out of range) is not
}

/**
 * End of a run of digits at `i` that FIELD_RE could only read as a number (or an all-digit id): not after a dash
 * (Kubernetes names), and not followed by anything that could extend it into a timestamp, IP, version, UUID or hex id
 * (`.`, `:`, `-`, `x`, a hex letter, a `/` before a digit or capital). 0 when the regex must decide.
 */
function plainNumberEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 48 || c > 57 || s.charCodeAt(i - 1) === 45) return 0;
  let j = i + 1;
  while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
  if (j === s.length) return j;
  const q = s.charCodeAt(j);
  const lower = q | 32;
  if (q === 46 || q === 58 || q === 45 || lower === 120 || (lower >= 97 && lower <= 102)) return 0;
  // `2025/05/02 …` and `01/May/2024:…` are dates: let the regex see them
  if (q === 47 && j + 1 < s.length) {
    const r = s.charCodeAt(j + 1);
    if ((r >= 48 && r <= 57) || (r >= 65 && r <= 90)) return 0;
  }
  return j;
}

/**
 * Masks the varying fields of one line; when `spans` is given, pushes each field's start and end offsets to it.
 * Exported for tests and for callers that template a single line.
 */
export function templateOf(line: string, spans?: number[]): string {
  const head = line.length > TEMPLATE_PREFIX ? line.slice(0, TEMPLATE_PREFIX) : line;
  let key = '';
  let last = 0;
  for (let i = 0; i < head.length; i++) {
    // no field and no generated id starts at a character that is not an ASCII letter or digit, nor at a letter inside
    // a run of them (randomIdEnd and canStartField both say no there): skip those without asking either
    const c = head.charCodeAt(i);
    if (!isAlnum(c) || (c > 57 && i > 0 && isAlnum(head.charCodeAt(i - 1)))) continue;
    const id = randomIdEnd(head, i);
    if (id > 0) {
      key += head.slice(last, i) + MARK + KIND_CODE.hex;
      spans?.push(i, id);
      last = id;
      i = id - 1;
      continue;
    }
    if (!canStartField(head, i)) continue;
    const plain = plainNumberEnd(head, i);
    if (plain > 0) {
      // the common case, a bare number, without the regex (same verdict as FIELD_RE, see plainNumberEnd)
      // under 7 digits, or glued to a word, it can only be a number; longer free-standing runs may be ids or epochs
      const justNumber = plain - i < 7 || isWordChar(head.charCodeAt(i - 1)) || isWordChar(head.charCodeAt(plain));
      const kind = justNumber ? 'n' : hexKind(head.slice(i, plain), i);
      key += head.slice(last, i) + MARK + KIND_CODE[kind ?? 'n'];
      spans?.push(i, plain);
      last = plain;
      i = plain - 1;
      continue;
    }
    // at a letter only a month name, a UUID or hex id (7+ hex digits) or a Kubernetes name part (after a dash) can
    // match: an ordinary word ("default", "cache") is turned away without running the regex
    if (c > 57 && !MONTH_INITIAL.has(c) && head.charCodeAt(i - 1) !== 45 && !hexRun(head, i, 7)) continue;
    FIELD_RE.lastIndex = i;
    const m = FIELD_RE.exec(head);
    if (!m) continue;
    const kind = fieldKind(m, i);
    const end = i + m[0].length;
    if (kind !== undefined) {
      key += head.slice(last, i) + MARK + KIND_CODE[kind];
      spans?.push(i, end);
      last = end;
    }
    i = end - 1;
  }
  key = last === 0 ? head : key + head.slice(last);
  // column padding (`[  2%]` vs `[ 11%]`, kubectl's aligned columns) is layout, not a different kind of line; the key
  // holds only the line's own characters and placeholders, so a line without padding needs no look at the key
  if ((head.includes('  ') || head.includes('\t')) && (key.includes('  ') || key.includes('\t')))
    key = key.replace(/[ \t]+/g, ' ');
  return line.length > TEMPLATE_PREFIX ? key + '\u2026' : key;
}

/** At least `min` hex digits start at `i`. */
function hexRun(s: string, i: number, min: number): boolean {
  for (let k = i; k < i + min; k++) {
    const c = s.charCodeAt(k);
    if (!((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102))) return false;
  }
  return true;
}

/** Shortest run of letters and digits read as a generated id (`pay_em6zfyb5ubp05r`, `evt_32qlj9u6cq261ezq`). */
const MIN_RANDOM_ID = 8;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * End of a generated id that starts at `i` (0 when there is none): a run of letters and digits, at least 8 long, on
 * its own or after `_`/`-` (`pay_…`, `evt_…`), that mixes digits with letters beyond hex (hex-only runs are the
 * field regex's: UUIDs, shas) at least twice (`1500000000ns` and `partition12` are numbers with a word), and is not a
 * word with a version in it: single-case runs need two digits or 12 characters, mixed-case ones (base62, base64) three
 * digits or six case changes, so `Win32Exception` and `ipv4address` stay words. Random ids are the one field that
 * otherwise gives every line a template of its own. Each run is scanned once: callers skip past it.
 */
function randomIdEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (!isAlnum(c) || (i > 0 && isAlnum(s.charCodeAt(i - 1)))) return 0;
  // most runs are words: shorter than an id or without a digit, which one plain scan tells
  let runEnd = i;
  let anyDigit = false;
  for (; runEnd < s.length; runEnd++) {
    const d = s.charCodeAt(runEnd);
    if (!isAlnum(d)) break;
    if (d <= 57) anyDigit = true;
  }
  if (runEnd - i < MIN_RANDOM_ID || !anyDigit) return 0;
  let digits = 0,
    lower = 0,
    upper = 0,
    beyondHex = 0,
    switches = 0,
    caseSwitches = 0;
  let wasDigit = c >= 48 && c <= 57;
  let prevCase = 0; // 1 lower, 2 upper, 0 digit
  let j = i;
  for (; j < s.length; j++) {
    const d = s.charCodeAt(j);
    const isDigit = d >= 48 && d <= 57;
    let kase = 0;
    if (isDigit) digits++;
    else if (d >= 97 && d <= 122) {
      lower++;
      kase = 1;
      if (d > 102) beyondHex++;
    } else if (d >= 65 && d <= 90) {
      upper++;
      kase = 2;
      if (d > 70) beyondHex++;
    } else break;
    if (kase && prevCase && kase !== prevCase) caseSwitches++;
    prevCase = kase;
    if (isDigit !== wasDigit) switches++;
    wasDigit = isDigit;
  }
  const len = j - i;
  if (len < MIN_RANDOM_ID || digits === 0 || beyondHex === 0 || switches < 2) return 0;
  const mixedCase = lower > 0 && upper > 0;
  if (mixedCase ? digits < 3 && caseSwitches < 6 : digits < 2 && len < 12) return 0;
  return j;
}

/** The kind of a FIELD_RE match, or undefined for a plain word that only looked like hex ("defaced"). */
function fieldKind(m: RegExpExecArray, offset: number): FieldKind | undefined {
  if (m[1] !== undefined || m[2] !== undefined || m[3] !== undefined) return 'ts';
  if (m[4] !== undefined) return 'uuid';
  if (m[5] !== undefined) return 'ip';
  if (m[6] !== undefined) return hexKind(m[0], offset);
  return 'n';
}

/**
 * A run of hex digits is an id when it mixes letters and digits (git shas, request ids), or is all letters or all
 * digits but 8+ long (the same field's values that happen to be so: one field must not split into several templates
 * by chance). Epoch seconds or milliseconds leading a line are timestamps; shorter all-digit runs are numbers.
 */
function hexKind(m: string, offset: number): FieldKind | undefined {
  if (/[g-z]/.test(m)) return 'hex'; // a Kubernetes name part
  if (m.charCodeAt(0) === 48 && (m.charCodeAt(1) | 32) === 120) return 'hex'; // 0x…
  let digits = 0;
  for (let k = 0; k < m.length; k++) if (m.charCodeAt(k) <= 57) digits++;
  if (digits === m.length) {
    if (offset <= 1 && (m.length === 10 || m.length === 13)) return 'ts';
    return m.length >= 8 ? 'hex' : 'n';
  }
  if (digits === 0) return m.length >= 8 ? 'hex' : undefined;
  return 'hex';
}

/** The values of a line's varying fields, in order (for tests and one-off callers). */
export function fieldValues(line: string): string[] {
  const spans: number[] = [];
  templateOf(line, spans);
  const out: string[] = [];
  for (let k = 0; k < spans.length; k += 2) out.push(line.slice(spans[k], spans[k + 1]));
  return out;
}

/** Mines every line's template. Map iteration order is insertion order, so ids are assigned deterministically. */
export function mineTemplates(lines: readonly string[]): Templates {
  const n = lines.length;
  const ids = new Int32Array(n);
  const byKey = new Map<string, number>();
  const keys: string[] = [];
  const countList: number[] = [];
  const firstList: number[] = [];
  const spanStart = new Int32Array(n + 1);
  let spans = new Int32Array(Math.max(16, n * 4));
  let used = 0;
  const lineSpans: number[] = [];
  for (let i = 0; i < n; i++) {
    lineSpans.length = 0;
    const key = templateOf(lines[i], lineSpans);
    if (used + lineSpans.length > spans.length) {
      const grown = new Int32Array(Math.max(spans.length * 2, used + lineSpans.length));
      grown.set(spans);
      spans = grown;
    }
    for (const x of lineSpans) spans[used++] = x;
    spanStart[i + 1] = used >> 1;
    let id = byKey.get(key);
    if (id === undefined) {
      id = keys.length;
      byKey.set(key, id);
      keys.push(key);
      countList.push(0);
      firstList.push(i);
    }
    countList[id]++;
    ids[i] = id;
  }
  return { ids, keys, counts: Int32Array.from(countList), first: Int32Array.from(firstList), lines, spans, spanStart };
}

/** The value of field `slot` of line `line`, or undefined when it has no such field. */
export function fieldValue(t: Templates, line: number, slot: number): string | undefined {
  const k = t.spanStart[line] + slot;
  if (k >= t.spanStart[line + 1]) return undefined;
  return t.lines[line].slice(t.spans[2 * k], t.spans[2 * k + 1]);
}

/** The kinds of a template's fields, in order. */
export function fieldKinds(key: string): FieldKind[] {
  const kinds: FieldKind[] = [];
  for (let i = key.indexOf(MARK); i !== -1; i = key.indexOf(MARK, i + 1)) kinds.push(CODE_KIND[key[i + 1]] ?? 'n');
  return kinds;
}

/**
 * A template as people read it: `GET /api/users/<n> 200 in <n>ms`. `literal(slot)` may give a field's value to show
 * instead of its placeholder (a field that is the same on every line of a group says more as itself).
 */
export function displayTemplate(key: string, literal?: (slot: number) => string | undefined): string {
  if (!key.includes(MARK)) return key;
  let slot = 0;
  return key.replace(/\u0001([TUIHN])/g, (_m, c: string) => literal?.(slot++) ?? DISPLAY[CODE_KIND[c] ?? 'n']);
}
