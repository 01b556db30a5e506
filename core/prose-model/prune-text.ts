import type { LoadedModel } from './model-session.js';
import { protectedWords } from './protect.js';
import { epochNow, scoreWords } from './score-words.js';
import { selectWords } from './select.js';
import { prunePassages, type PrunedPassage } from './render.js';
import { splitWords, wordCost } from './words.js';

export interface PruneRequest {
  text: string;
  /** The query's terms (core/util/query.ts): every word containing one is kept. */
  queryTerms: string[];
  /** Share of the prunable words' tokens to keep. */
  ratio: number;
}

export interface PruneReply {
  passages: PrunedPassage[];
  words: number;
  protectedWords: number;
  keptWords: number;
  chunks: number;
  tokens: number;
}

/**
 * Everything between a text and its pruned passages, run inside the worker so the thread serving requests only
 * joins strings and hashes the passages it stashes: words, protected spans, model scores, selection, rendering.
 * Returns null when the deadline (epoch ms) passes.
 */
export async function pruneText(model: LoadedModel, req: PruneRequest, deadline: number): Promise<PruneReply | null> {
  const { text } = req;
  const words = splitWords(text);
  const list: string[] = new Array(words.count);
  const afterSpace = new Uint8Array(words.count);
  for (let i = 0; i < words.count; i++) {
    list[i] = text.slice(words.start[i], words.end[i]);
    afterSpace[i] = words.start[i] > 0 ? 1 : 0;
  }
  const scored = await scoreWords(model, list, afterSpace, deadline);
  if (!scored || epochNow() > deadline) return null;
  const prot = protectedWords(text, words, req.queryTerms);
  const costs = new Uint16Array(words.count);
  for (let i = 0; i < words.count; i++) costs[i] = Math.min(65535, wordCost(list[i].length));
  const keep = selectWords(scored.probs, prot, costs, req.ratio);
  const passages = prunePassages(text, words, keep);
  let protectedCount = 0;
  for (let i = 0; i < words.count; i++) protectedCount += prot[i];
  const dropped = passages.reduce((n, p) => n + p.droppedWords, 0);
  return {
    passages,
    words: words.count,
    protectedWords: protectedCount,
    keptWords: words.count - dropped,
    chunks: scored.chunks,
    tokens: scored.tokens,
  };
}
