/** Where a value sits in a JSON document: keys and array indexes from the root. */
export type JsonPath = (string | number)[];

/**
 * A value's place in the request text: `[start, end)` in code units of the scanned string. Scanning a latin1 view of
 * UTF-8 bytes gives byte offsets (JSON's structural characters are all ASCII).
 */
export interface Span {
  start: number;
  end: number;
}

export interface Edit extends Span {
  replacement: string;
}

interface TrieNode {
  children: Map<string, TrieNode> | null;
  targets: number[];
}

const QUOTE = 34,
  BACKSLASH = 92,
  LBRACE = 123,
  RBRACE = 125,
  LBRACKET = 91,
  RBRACKET = 93,
  COMMA = 44,
  COLON = 58;

/**
 * The rest of a JSON string after its opening quote, up to and including the closing one (unrolled loop: every
 * character has exactly one way to match, so it runs in linear time; twice as fast as an indexOf loop on escaped text).
 */
const STRING_BODY = /[^"\\]*(?:\\[\s\S][^"\\]*)*"/y;

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * What the caller already knows of the values it looks for: per path, the exact bytes of a JSON string literal the
 * value was before (an agent resends its earlier tool results byte for byte every turn). A value whose bytes compare
 * equal is stepped over with one native compare instead of being scanned a character at a time: those bytes are a
 * complete string literal, so they are the whole value wherever they start.
 */
export interface LocateHints {
  /** The bytes `text` is the latin1 view of. */
  bytes: Buffer;
  /** Indexed like `paths`; undefined where nothing is known. */
  expect: readonly (Buffer | undefined)[];
}

/** Hints shorter than this are not worth a compare: scanning them is as fast. */
const MIN_HINT_BYTES = 256;

/**
 * Finds the raw text spans of the values at `paths` in one pass over a JSON document, descending only into the
 * containers on some path and skipping everything else. With duplicate keys the last one wins, as in `JSON.parse`.
 * The text must be valid JSON (callers parse it first); on anything unexpected it throws, and callers fail open.
 * This is what lets the proxy swap a tool result's bytes and leave every other byte of the request as the client sent
 * it.
 */
export function locateValues(text: string, paths: readonly JsonPath[], hints?: LocateHints): (Span | undefined)[] {
  const root: TrieNode = { children: null, targets: [] };
  paths.forEach((path, i) => {
    let node = root;
    for (const seg of path) {
      node.children ??= new Map();
      const key = String(seg);
      let next = node.children.get(key);
      if (!next) node.children.set(key, (next = { children: null, targets: [] }));
      node = next;
    }
    node.targets.push(i);
  });
  const out: (Span | undefined)[] = new Array(paths.length).fill(undefined);
  const s = new Scanner(text, hints);
  s.ws();
  s.walk(root, out);
  return out;
}

class Scanner {
  pos = 0;
  constructor(
    private readonly text: string,
    private readonly hints?: LocateHints,
  ) {}

  ws(): void {
    const t = this.text;
    while (this.pos < t.length && isWs(t.charCodeAt(this.pos))) this.pos++;
  }

  private fail(what: string): never {
    throw new Error(`json-splice: expected ${what} at ${this.pos}`);
  }

  walk(node: TrieNode, out: (Span | undefined)[]): void {
    const start = this.pos;
    const c = this.text.charCodeAt(start);
    if (!node.children && c === QUOTE && this.stepOverKnown(node.targets)) {
      for (const t of node.targets) out[t] = { start, end: this.pos };
      return;
    }
    if (node.children && c === LBRACE) this.walkObject(node.children, out);
    else if (node.children && c === LBRACKET) this.walkArray(node.children, out);
    else this.skipValue();
    for (const t of node.targets) out[t] = { start, end: this.pos };
  }

  private walkObject(children: Map<string, TrieNode>, out: (Span | undefined)[]): void {
    const t = this.text;
    this.pos++;
    this.ws();
    if (t.charCodeAt(this.pos) === RBRACE) return void this.pos++;
    for (;;) {
      if (t.charCodeAt(this.pos) !== QUOTE) this.fail('a key');
      const key = this.readString();
      this.ws();
      if (t.charCodeAt(this.pos) !== COLON) this.fail(':');
      this.pos++;
      this.ws();
      const child = children.get(key);
      if (child) this.walk(child, out);
      else this.skipValue();
      this.ws();
      const c = t.charCodeAt(this.pos++);
      if (c === RBRACE) return;
      if (c !== COMMA) this.fail(', or }');
      this.ws();
    }
  }

  private walkArray(children: Map<string, TrieNode>, out: (Span | undefined)[]): void {
    const t = this.text;
    this.pos++;
    this.ws();
    if (t.charCodeAt(this.pos) === RBRACKET) return void this.pos++;
    for (let i = 0; ; i++) {
      const child = children.get(String(i));
      if (child) this.walk(child, out);
      else this.skipValue();
      this.ws();
      const c = t.charCodeAt(this.pos++);
      if (c === RBRACKET) return;
      if (c !== COMMA) this.fail(', or ]');
      this.ws();
    }
  }

  /** Steps over a string whose bytes are one of the targets' expected literals (see LocateHints). */
  private stepOverKnown(targets: readonly number[]): boolean {
    const h = this.hints;
    if (!h) return false;
    for (const t of targets) {
      const e = h.expect[t];
      if (!e || e.length < MIN_HINT_BYTES || e[0] !== QUOTE || this.pos + e.length > h.bytes.length) continue;
      if (h.bytes.compare(e, 0, e.length, this.pos, this.pos + e.length) === 0) {
        this.pos += e.length;
        return true;
      }
    }
    return false;
  }

  /** Reads a string token and returns its decoded value (fast path: no escapes). */
  private readString(): string {
    const start = this.pos;
    this.skipString();
    const raw = this.text.slice(start + 1, this.pos - 1);
    return raw.includes('\\') ? (JSON.parse(this.text.slice(start, this.pos)) as string) : raw;
  }

  /** From an opening quote to just past the closing one. */
  private skipString(): void {
    STRING_BODY.lastIndex = this.pos + 1;
    let matched = false;
    try {
      matched = STRING_BODY.test(this.text);
    } catch {
      // irregexp's backtrack stack can run out on huge strings full of escapes: take the slower loop
      return this.skipStringSlow();
    }
    if (!matched) this.fail('closing quote');
    this.pos = STRING_BODY.lastIndex;
  }

  private skipStringSlow(): void {
    const t = this.text;
    let p = this.pos + 1;
    for (;;) {
      const q = t.indexOf('"', p);
      if (q < 0) this.fail('closing quote');
      let bs = 0;
      for (let k = q - 1; k >= 0 && t.charCodeAt(k) === BACKSLASH; k--) bs++;
      p = q + 1;
      if (bs % 2 === 0) break;
    }
    this.pos = p;
  }

  private skipValue(): void {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === QUOTE) return this.skipString();
    if (c === LBRACE || c === LBRACKET) {
      let depth = 0;
      while (this.pos < t.length) {
        const d = t.charCodeAt(this.pos);
        if (d === QUOTE) {
          this.skipString();
          continue;
        }
        this.pos++;
        if (d === LBRACE || d === LBRACKET) depth++;
        else if (d === RBRACE || d === RBRACKET) {
          if (--depth === 0) return;
        }
      }
      this.fail('end of container');
    }
    // number, true, false, null: up to the next delimiter
    const start = this.pos;
    while (this.pos < t.length) {
      const d = t.charCodeAt(this.pos);
      if (d === COMMA || d === RBRACE || d === RBRACKET || isWs(d)) break;
      this.pos++;
    }
    if (this.pos === start) this.fail('a value');
  }
}

/** Applies non-overlapping edits; the text between them is kept byte for byte. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return text;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error('json-splice: overlapping edits');
    parts.push(text.slice(at, e.start), e.replacement);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Applies non-overlapping edits to UTF-8 bytes (spans in byte offsets, e.g. from a latin1 view); other bytes are copied
 * as is.
 */
export function applyByteEdits(bytes: Buffer, edits: readonly Edit[]): Buffer {
  if (edits.length === 0) return bytes;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: Buffer[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error('json-splice: overlapping edits');
    parts.push(bytes.subarray(at, e.start), Buffer.from(e.replacement, 'utf8'));
    at = e.end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

/**
 * Position just after the last element/member of the container at `span` (or just after its opening bracket if empty).
 */
function afterLastItem(text: string, span: Span): { at: number; empty: boolean } {
  let p = span.end - 2; // before the closing bracket
  while (p > span.start && isWs(text.charCodeAt(p))) p--;
  return { at: p + 1, empty: p === span.start };
}

/** An edit that appends already-serialized items to the array at `span`, leaving its existing bytes alone. */
export function appendToArray(text: string, span: Span, itemsJson: readonly string[]): Edit {
  if (text.charCodeAt(span.start) !== LBRACKET) throw new Error('json-splice: not an array');
  const { at, empty } = afterLastItem(text, span);
  return { start: at, end: at, replacement: (empty ? '' : ',') + itemsJson.join(',') };
}

/** An edit that adds `"key": valueJson` as the last member of the object at `span`. */
export function appendMember(text: string, span: Span, key: string, valueJson: string): Edit {
  if (text.charCodeAt(span.start) !== LBRACE) throw new Error('json-splice: not an object');
  const { at, empty } = afterLastItem(text, span);
  return { start: at, end: at, replacement: `${empty ? '' : ','}${JSON.stringify(key)}:${valueJson}` };
}
