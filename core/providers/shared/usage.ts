type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Adds token usage of retrieval rounds together (numbers summed, nested detail objects too): the client is billed for
 * all.
 */
export function sumUsage(a: unknown, b: unknown): unknown {
  if (!isObj(a)) return b;
  if (!isObj(b)) return a;
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    if (typeof v === 'number' && typeof prev === 'number') out[k] = prev + v;
    else if (isObj(v) && isObj(prev)) out[k] = sumUsage(prev, v);
    else if (prev === undefined || prev === null) out[k] = v;
  }
  return out;
}
