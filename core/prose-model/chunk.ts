/**
 * Cuts a document's words into model-sized windows that overlap. Each word is scored in exactly one window, the one
 * where it is in the "core"; up to `overlap` tokens of the neighbouring words ride along on each side as context, so
 * a word at a window's edge is scored with the same kind of context as one in the middle. Windows never split a word.
 */
export interface Chunk {
  /** Core words [first, end): their scores come from this window. */
  first: number;
  end: number;
  /** Words fed to the model [ctxFirst, ctxEnd) ⊇ core. */
  ctxFirst: number;
  ctxEnd: number;
}

/**
 * @param tokenCounts model tokens per word
 * @param capacity tokens a window holds besides the special tokens
 * @param overlap context tokens on each side (capped at a quarter of the capacity)
 */
export function planChunks(tokenCounts: ArrayLike<number>, capacity: number, overlap: number): Chunk[] {
  const n = tokenCounts.length;
  const ctx = Math.max(0, Math.min(overlap, Math.floor(capacity / 4)));
  const core = Math.max(1, capacity - 2 * ctx);
  // a word longer than a whole core (a pasted blob) is fed truncated to the core size
  const cost = (i: number) => Math.min(tokenCounts[i], core);
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < n) {
    let end = i;
    let used = 0;
    while (end < n && used + cost(end) <= core) used += cost(end++);
    if (end === i) end = i + 1; // cannot happen with cost ≤ core, kept so the loop always advances
    let ctxFirst = i;
    let left = 0;
    while (ctxFirst > 0 && left + cost(ctxFirst - 1) <= ctx) left += cost(--ctxFirst);
    let ctxEnd = end;
    let right = 0;
    while (ctxEnd < n && right + cost(ctxEnd) <= ctx) right += cost(ctxEnd++);
    chunks.push({ first: i, end, ctxFirst, ctxEnd });
    i = end;
  }
  return chunks;
}

/** The token budget per word that planChunks assumed: feeders must truncate to the same length. */
export function coreTokens(capacity: number, overlap: number): number {
  const ctx = Math.max(0, Math.min(overlap, Math.floor(capacity / 4)));
  return Math.max(1, capacity - 2 * ctx);
}
