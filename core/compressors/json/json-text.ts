import type { Json } from './json-value.js';

/**
 * Compact JSON of values, memoized by object identity for one document: flattening, constant detection, the
 * reference pool and the row renderer all ask for the same cells' text, in both passes.
 */
export class JsonText {
  private readonly memo = new WeakMap<object, string>();

  of(v: Json): string {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    let text = this.memo.get(v);
    if (text === undefined) {
      text = JSON.stringify(v);
      this.memo.set(v, text);
    }
    return text;
  }
}
