import type { Json } from './types.js';

const MAX_NODES = 20000;

/**
 * Finds which query terms a row mentions, looking at its values (strings and numbers) and its entry key, not its
 * field names (every row has those). Numbers match as whole tokens, so `12` finds issue 12 and not every timestamp.
 * One combined regex screens each value; the per-term ones run only on values that passed.
 */
export class QueryMatcher {
  private readonly any: RegExp;
  private readonly each: RegExp[];

  constructor(readonly terms: readonly string[]) {
    const patterns = terms.map(termPattern);
    this.any = new RegExp(patterns.join('|'), 'i');
    this.each = patterns.map((p) => new RegExp(p, 'i'));
  }

  /** Bit i set when term i occurs in the row (terms beyond 31 are ignored). */
  rowHits(value: Json, key?: string, line?: string): number {
    let hits = 0;
    const test = (s: string): void => {
      if (!this.any.test(s)) return;
      for (let i = 0; i < this.each.length && i < 31; i++) if (this.each[i].test(s)) hits |= 1 << i;
    };
    if (line !== undefined) {
      test(line);
      return hits;
    }
    if (key !== undefined) test(key);
    const stack: Json[] = [value];
    let nodes = 0;
    while (stack.length > 0 && nodes++ < MAX_NODES) {
      const v = stack.pop()!;
      if (typeof v === 'string') test(v);
      else if (typeof v === 'number') test(String(v));
      else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      else if (v !== null && typeof v === 'object') {
        const keys = Object.keys(v);
        for (let i = keys.length - 1; i >= 0; i--) stack.push(v[keys[i]]);
      }
    }
    return hits;
  }
}

function termPattern(term: string): string {
  const escaped = term.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return /^\d+$/.test(term) ? `(?<![a-z0-9_])${escaped}(?![a-z0-9_])` : escaped;
}
