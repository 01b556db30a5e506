/**
 * Column furniture: tokens that structured loggers print on (nearly) every line, the pid, `---`, the application
 * name in brackets, and the bracketed thread column. A bare field is data (the job number of every line) unless it
 * prints the same on every line. In a marker's note they are noise that pushes the message out
 * of the shown width, so templates are displayed without them (`INFO 1 --- [app] [nio-8080-exec-<n>] c.a.Foo :
 * POST …` reads `INFO c.a.Foo : POST …`). Words are never furniture: a level or a verb that every line shares still
 * says what the lines are.
 */
import { displayTemplate, type Templates } from './templates.js';

/** A token on at least this share of the lines is furniture (when it is not a word). */
const UBIQUITOUS = 0.9;
/** Only the head of a template is scanned: furniture leads a line. */
const HEAD_TOKENS = 8;
/** A bracketed column holding a field: a thread or worker name (`[nio-8080-exec-<n>]`), different on every line. */
const WORKER_COLUMN_RE = /^\[[^\]]*\u0001[^\]]*\]$/;
const HAS_LETTER_RE = /[A-Za-z]/;

export interface NoteStyle {
  /** Tokens (as displayed) dropped from the head of displayed templates. */
  furniture: ReadonlySet<string>;
}

export function noteStyle(t: Templates): NoteStyle {
  // a structured log interleaves its event lines with stack frames and blank lines: count among the events
  let events = 0;
  for (let id = 0; id < t.keys.length; id++) if (isEventKey(t.keys[id])) events += t.counts[id];
  const perToken = new Map<string, number>();
  let lines = 0;
  for (let id = 0; id < t.keys.length; id++) {
    if (events > 0 && !isEventKey(t.keys[id])) continue;
    const c = t.counts[id];
    lines += c;
    // the line as printed (a pid is a field of the template, but the same `1` on every line)
    const seen = new Set<string>();
    for (const token of headTokens(t.lines[t.first[id]])) {
      if (seen.has(token) || !candidate(token)) continue;
      seen.add(token);
      perToken.set(token, (perToken.get(token) ?? 0) + c);
    }
  }
  const furniture = new Set<string>();
  for (const [token, c] of perToken) if (c >= UBIQUITOUS * lines) furniture.add(token);
  return { furniture };
}

function isEventKey(key: string): boolean {
  const at = key.indexOf('\u0001T');
  return at !== -1 && at <= 40;
}

/**
 * A template as shown in a note: `displayTemplate` without the furniture tokens of its head. Field slots keep their
 * numbers (a dropped token's fields are skipped, not renumbered), so `literal(slot)` still finds its values.
 */
export function displayWithout(key: string, style: NoteStyle, literal?: (slot: number) => string | undefined): string {
  const tokens = key.split(' ');
  const out: string[] = [];
  let slot = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const fields = countFields(token);
    const base = slot;
    const shown = fields === 0 ? token : displayTemplate(token, literal && ((s) => literal(base + s)));
    slot += fields;
    if (i < HEAD_TOKENS && (style.furniture.has(shown) || WORKER_COLUMN_RE.test(token))) continue;
    out.push(shown);
  }
  return out.join(' ');
}

/** The template token holding field `slot` is a worker column (its numbers count threads, not anything asked). */
export function inWorkerColumn(key: string, slot: number): boolean {
  let pos = -1;
  for (let k = 0; k <= slot; k++) {
    pos = key.indexOf('\u0001', pos + 1);
    if (pos < 0) return false;
  }
  const a = key.lastIndexOf(' ', pos) + 1;
  const b = key.indexOf(' ', pos);
  return WORKER_COLUMN_RE.test(key.slice(a, b === -1 ? key.length : b));
}

function countFields(token: string): number {
  let n = 0;
  for (let i = token.indexOf('\u0001'); i !== -1; i = token.indexOf('\u0001', i + 1)) n++;
  return n;
}

function headTokens(key: string): string[] {
  return key
    .split(' ', HEAD_TOKENS + 4)
    .filter((x) => x !== '')
    .slice(0, HEAD_TOKENS);
}

/** Bracketed columns and tokens without letters (`1`, `---`, `:`, `|`), as printed. */
function candidate(token: string): boolean {
  return (token.startsWith('[') && token.endsWith(']')) || !HAS_LETTER_RE.test(token);
}
