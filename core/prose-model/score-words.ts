import { coreTokens, planChunks } from './chunk.js';
import type { LoadedModel } from './model-session.js';

/** Context tokens fed on each side of a window's core words. */
export const DEFAULT_OVERLAP = 64;

export interface WordScores {
  /** Keep probability per word: the highest of its tokens' (a word is kept when any part of it matters). */
  probs: Float32Array;
  chunks: number;
  tokens: number;
}

/** Wall-clock milliseconds comparable across threads (each worker has its own performance.timeOrigin). */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Scores whole words with the model, window by window. Gives up (returns null) when `deadline` (epoch ms) passes
 * between two windows, so a slow model never holds a request longer than one window past its budget.
 */
export async function scoreWords(
  model: LoadedModel,
  words: readonly string[],
  afterSpace: ArrayLike<number>,
  deadline: number,
  overlap = DEFAULT_OVERLAP,
): Promise<WordScores | null> {
  const { prefix, suffix } = model.tokenizer;
  const tokens: Array<readonly number[]> = new Array(words.length);
  for (let i = 0; i < words.length; i++) {
    if ((i & 1023) === 0 && epochNow() > deadline) return null;
    tokens[i] = model.tokenizer.encodeWord(words[i], afterSpace[i] === 1);
  }
  const capacity = model.maxTokens - prefix.length - suffix.length;
  if (capacity < 4)
    throw new Error(`model ${model.id}: maxTokens ${model.maxTokens} leaves no room besides its special tokens`);
  const counts = tokens.map((t) => t.length);
  const chunks = planChunks(counts, capacity, overlap);
  const perWord = coreTokens(capacity, overlap);
  const probs = new Float32Array(words.length);
  let fed = 0;
  for (const c of chunks) {
    if (epochNow() > deadline) return null;
    const ids = [...prefix];
    const at = new Int32Array(c.end - c.first + 1);
    for (let w = c.ctxFirst; w < c.ctxEnd; w++) {
      if (w >= c.first && w <= c.end) at[w - c.first] = ids.length;
      const t = tokens[w];
      const n = Math.min(t.length, perWord);
      for (let k = 0; k < n; k++) ids.push(t[k]);
    }
    if (c.ctxEnd === c.end) at[c.end - c.first] = ids.length;
    ids.push(...suffix);
    fed += ids.length;
    const p = await model.run(ids);
    for (let w = c.first; w < c.end; w++) {
      let best = 0;
      for (let k = at[w - c.first]; k < at[w - c.first + 1]; k++) best = Math.max(best, p[k]);
      probs[w] = best;
    }
  }
  return { probs, chunks: chunks.length, tokens: fed };
}
