import { createReadStream } from 'node:fs';

/** Items bigger than this are skipped (and counted): memory stays bounded by one item, never the whole document. */
export const MAX_ITEM_CHARS = 64 * 1024 * 1024;

export interface JsonItemsOptions {
  /**
   * Key of the top-level object's array to stream (`history`, `messages`, `requests`), or null for a top-level array.
   */
  arrayKey: string | null;
  /** Receives the top-level object's scalar fields (strings ≤ 4 KiB, numbers, booleans) as they are met. */
  head?: Record<string, unknown>;
  maxItemChars?: number;
  /** Called for an item that is too big or does not parse. */
  onSkip?: () => void;
  signal?: AbortSignal;
}

/** What the scanner is cutting out right now: nothing, a top-level key, a top-level string / raw scalar, an item. */
const Cap = { None: 0, Key: 1, Str: 2, Raw: 3, Item: 4 } as const;
type Cap = (typeof Cap)[keyof typeof Cap];

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Streams the elements of one array inside a JSON document (Continue's `history`, Cline's message array, Copilot's
 * `requests`) without reading the document whole: a single pass of a small scanner that tracks depth and strings,
 * cuts each element's text out and JSON.parses it alone.
 */
export async function* streamJsonItems(path: string, opts: JsonItemsOptions): AsyncGenerator<unknown> {
  const maxItem = opts.maxItemChars ?? MAX_ITEM_CHARS;
  const head = opts.head;
  let depth = 0;
  let topObj = false;
  let expectKey = false;
  let curKey = '';
  let inStr = false;
  let esc = false;
  let inTarget = false;
  let targetDepth = -1;
  let prim = false;
  let cap: Cap = Cap.None as Cap;
  let capParts: string[] = [];
  let capLen = 0;
  let capStart = -1;
  let capOver = false;
  let capLimit = 0;
  let done = false;

  const begin = (kind: Cap, at: number, limit: number): void => {
    cap = kind;
    capParts = [];
    capLen = 0;
    capStart = at;
    capOver = false;
    capLimit = limit;
  };
  const add = (piece: string): void => {
    if (capOver) return;
    capLen += piece.length;
    if (capLen > capLimit) {
      capOver = true;
      capParts = [];
    } else capParts.push(piece);
  };
  const end = (chunk: string, endExclusive: number): string | undefined => {
    add(chunk.slice(capStart, endExclusive));
    const over = capOver;
    const text = over ? undefined : capParts.length === 1 ? capParts[0] : capParts.join('');
    cap = Cap.None;
    capParts = [];
    capStart = -1;
    return text;
  };
  const parse = (text: string | undefined): { ok: boolean; value?: unknown } => {
    if (text === undefined) return { ok: false };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false };
    }
  };

  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024, signal: opts.signal });
  for await (const chunk of stream as AsyncIterable<string>) {
    if (done) break;
    const out: unknown[] = [];
    const finishScalar = (text: string | undefined): void => {
      const r = parse(text);
      if (head && r.ok && (r.value === null || typeof r.value !== 'object')) head[curKey] = r.value;
    };
    const finishItem = (text: string | undefined): void => {
      const r = parse(text);
      if (r.ok) out.push(r.value);
      else opts.onSkip?.();
    };
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      if (inStr) {
        // strings are most of the bytes: jump from quote to quote instead of walking every character
        const q = closingQuote(chunk, i, esc);
        if (q < 0) {
          esc = trailingBackslashes(chunk, esc ? i + 1 : i) % 2 === 1;
          break;
        }
        esc = false;
        i = q;
        inStr = false;
        if (cap === Cap.Key) {
          const k = parse(end(chunk, i + 1));
          curKey = k.ok && typeof k.value === 'string' ? k.value : '';
        } else if (cap === Cap.Str) finishScalar(end(chunk, i + 1));
        else if (cap === Cap.Item && depth === targetDepth) finishItem(end(chunk, i + 1));
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (prim) {
        if (c !== 0x2c && c !== 0x5d && c !== 0x7d && !isWs(c)) continue;
        prim = false;
        if (cap === Cap.Raw) finishScalar(end(chunk, i));
        else if (cap === Cap.Item) finishItem(end(chunk, i));
      }
      if (isWs(c)) continue;
      if (c === 0x22) {
        inStr = true;
        if (inTarget && depth === targetDepth) begin(Cap.Item, i, maxItem);
        else if (depth === 1 && topObj && !inTarget) begin(expectKey ? Cap.Key : Cap.Str, i, expectKey ? 1024 : 4096);
      } else if (c === 0x7b || c === 0x5b) {
        if (depth === 0) {
          topObj = c === 0x7b;
          expectKey = topObj;
          if (!topObj && opts.arrayKey === null) {
            inTarget = true;
            targetDepth = 1;
          }
        } else if (inTarget && depth === targetDepth) begin(Cap.Item, i, maxItem);
        else if (depth === 1 && topObj && c === 0x5b && !inTarget && curKey === opts.arrayKey) {
          inTarget = true;
          targetDepth = 2;
        }
        depth++;
      } else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (inTarget && cap === Cap.Item && depth === targetDepth) finishItem(end(chunk, i + 1));
        else if (inTarget && c === 0x5d && depth === targetDepth - 1) inTarget = false;
        if (depth <= 0) {
          done = true;
          break;
        }
      } else if (depth === 1 && topObj && !inTarget && c === 0x3a) expectKey = false;
      else if (depth === 1 && topObj && !inTarget && c === 0x2c) expectKey = true;
      else if (c !== 0x2c && c !== 0x3a) {
        if (inTarget && depth === targetDepth) {
          begin(Cap.Item, i, maxItem);
          prim = true;
        } else if (depth === 1 && topObj && !inTarget && !expectKey) {
          begin(Cap.Raw, i, 64);
          prim = true;
        }
      }
    }
    if (cap !== Cap.None && capStart >= 0) {
      add(chunk.slice(capStart));
      capStart = 0;
    }
    for (const item of out) yield item;
  }
  stream.destroy();
}

/**
 * Index of the quote that closes a string, searching from `from` (the first character inside, or after an escape
 * carried over from the previous chunk), or -1 when the string runs past the chunk.
 */
function closingQuote(chunk: string, from: number, escaped: boolean): number {
  let j = escaped ? from + 1 : from;
  for (;;) {
    const q = chunk.indexOf('"', j);
    if (q < 0) return -1;
    let k = q - 1;
    while (k >= j && chunk.charCodeAt(k) === 0x5c) k--;
    if ((q - 1 - k) % 2 === 0) return q;
    j = q + 1; // an escaped quote: keep looking
  }
}

/** Backslashes at the very end of the chunk (from `from`): an odd count escapes the next chunk's first character. */
function trailingBackslashes(chunk: string, from: number): number {
  let k = chunk.length - 1;
  while (k >= from && chunk.charCodeAt(k) === 0x5c) k--;
  return chunk.length - 1 - k;
}
