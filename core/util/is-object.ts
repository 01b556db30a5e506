/** A plain JSON-like object (not null, not an array): the narrowing every wire-shape parser starts with. */
export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
