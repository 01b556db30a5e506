import type { Json } from './types.js';

const MAX_NODES = 20000;

/**
 * Which query terms a row mentions at the start of a word (`prefix`: `caller` for `call`, `resolveSessionTokenTtl`
 * for `resolveSessionToken`, not `undefined` for `defined`), and as a whole word or identifier (`exact`, a subset).
 * Bit i = term i.
 */
export interface RowHits {
  prefix: number;
  exact: number;
}

/**
 * Finds which query terms a row mentions, looking at its values (strings and numbers) and its entry key, not its
 * field names (every row has those). Numbers match as whole tokens, so `12` finds issue 12 and not every timestamp.
 * A term found as a whole identifier (`resolveSessionToken(`) is told apart from one inside a longer identifier
 * (`resolveSessionTokenTtl`): the first names the thing, the second only looks like it. One combined regex screens
 * each value; the per-term ones run only on values that passed.
 */
export class QueryMatcher {
  private readonly anyRe: RegExp;
  private readonly each: RegExp[];
  private readonly whole: RegExp[];
  private readonly start: RegExp[];

  constructor(readonly terms: readonly string[]) {
    const patterns = terms.slice(0, 31).map(termPattern);
    this.anyRe = new RegExp(patterns.join('|') || '(?!)', 'i');
    this.each = patterns.map((p) => new RegExp(p, 'i'));
    this.whole = terms.slice(0, 31).map((t) => new RegExp(`(?<![A-Za-z0-9_$])${escape(t)}(?![A-Za-z0-9_$])`, 'i'));
    this.start = terms.slice(0, 31).map((t) => new RegExp(`(?<![A-Za-z0-9_$])${escape(t)}`, 'i'));
  }

  /** Terms in a row: its values (all of them, or `parts` when given: a table's shown columns), key or exact line. */
  rowHits(value: Json, key?: string, line?: string, parts?: readonly (Json | undefined)[]): RowHits {
    const hits: RowHits = { prefix: 0, exact: 0 };
    const test = (s: string): void => {
      if (!this.anyRe.test(s)) return;
      for (let i = 0; i < this.each.length; i++) {
        if (!this.each[i].test(s) || !this.start[i].test(s)) continue;
        hits.prefix |= 1 << i;
        if (this.whole[i].test(s)) hits.exact |= 1 << i;
      }
    };
    forEachText(value, key, line, parts, test);
    return hits;
  }
}

/**
 * Calls `fn` with each string (and number, as text) of a row: its exact line when known, else its key and values
 * (`parts`, a table's shown cells, instead of the whole value when given). Bounded, iterative.
 */
export function forEachText(
  value: Json,
  key: string | undefined,
  line: string | undefined,
  parts: readonly (Json | undefined)[] | undefined,
  fn: (s: string) => void,
): void {
  if (line !== undefined) {
    fn(line);
    return;
  }
  if (key !== undefined) fn(key);
  const stack: Json[] = [];
  if (parts) {
    for (let i = parts.length - 1; i >= 0; i--) if (parts[i] !== undefined) stack.push(parts[i]!);
  } else stack.push(value);
  let nodes = 0;
  while (stack.length > 0 && nodes++ < MAX_NODES) {
    const v = stack.pop()!;
    if (typeof v === 'string') fn(v);
    else if (typeof v === 'number') fn(String(v));
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push(v[keys[i]]);
    }
  }
}

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function termPattern(term: string): string {
  const escaped = escape(term);
  return /^\d+$/.test(term) ? `(?<![a-z0-9_])${escaped}(?![a-z0-9_])` : escaped;
}
