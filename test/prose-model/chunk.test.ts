import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coreTokens, planChunks, type Chunk } from '../../core/prose-model/chunk.js';
import { scoreWords } from '../../core/prose-model/score-words.js';
import type { LoadedModel } from '../../core/prose-model/model-session.js';

/** Every word is core in exactly one window, windows run in order, and no window exceeds the capacity. */
function checkPlan(counts: number[], capacity: number, overlap: number, chunks: Chunk[]): void {
  const core = coreTokens(capacity, overlap);
  const ctx = Math.min(overlap, Math.floor(capacity / 4));
  let next = 0;
  for (const c of chunks) {
    assert.equal(c.first, next, 'cores tile the words in order');
    assert.ok(c.end > c.first);
    assert.ok(c.ctxFirst <= c.first && c.ctxEnd >= c.end);
    const sum = (a: number, b: number) => counts.slice(a, b).reduce((n, x) => n + Math.min(x, core), 0);
    assert.ok(sum(c.ctxFirst, c.ctxEnd) <= capacity, `window ${JSON.stringify(c)} fits ${capacity}`);
    assert.ok(sum(c.ctxFirst, c.first) <= ctx && sum(c.end, c.ctxEnd) <= ctx, 'context stays within the overlap');
    next = c.end;
  }
  assert.equal(next, counts.length);
}

test('windows tile the words, fit the capacity and overlap by up to `overlap` tokens', () => {
  const counts = Array.from({ length: 500 }, (_, i) => 1 + ((i * 7) % 4));
  for (const [capacity, overlap] of [
    [510, 64],
    [30, 8],
    [12, 3],
    [8, 64],
  ]) {
    const chunks = planChunks(counts, capacity, overlap);
    checkPlan(counts, capacity, overlap, chunks);
    if (capacity === 30) {
      // context is as full as the neighbouring words allow: a window in the middle has some on both sides
      const mid = chunks[Math.floor(chunks.length / 2)];
      assert.ok(mid.ctxFirst < mid.first && mid.ctxEnd > mid.end);
    }
  }
});

test('a word exactly filling the core and a word longer than a whole window', () => {
  const capacity = 20;
  const overlap = 4; // core = 12
  const counts = [3, 12, 1, 40, 2];
  const chunks = planChunks(counts, capacity, overlap);
  checkPlan(counts, capacity, overlap, chunks);
  assert.deepEqual(
    chunks.map((c) => [c.first, c.end]),
    [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ],
  );
});

test('no words, no windows', () => {
  assert.deepEqual(planChunks([], 510, 64), []);
});

/**
 * A stand-in model whose keep probability of a position is its token id / 1000, whatever the window. Whole-word
 * scores are then the max of the word's own ids — identical for any window size if the token→word bookkeeping is
 * right at every window boundary.
 */
function idModel(maxTokens: number, pieces: Map<string, number[]>): LoadedModel & { runs: number[][] } {
  const runs: number[][] = [];
  return {
    id: 'fake',
    maxTokens,
    runs,
    tokenizer: { prefix: [1], suffix: [2], engine: 'wordpiece', encodeWord: (w) => pieces.get(w) ?? [] },
    async run(ids) {
      runs.push([...ids]);
      return Float32Array.from(ids, (id) => id / 1000);
    },
    async release() {},
  };
}

test('whole-word scores do not depend on where the windows fall', async () => {
  const pieces = new Map<string, number[]>();
  const words: string[] = [];
  for (let i = 0; i < 300; i++) {
    const w = `w${i}`;
    const n = 1 + (i % 5);
    pieces.set(
      w,
      Array.from({ length: n }, (_, k) => 10 + ((i * 31 + k * 17) % 900)),
    );
    words.push(w);
  }
  const expected = words.map((w) => Math.max(...pieces.get(w)!) / 1000);
  const after = new Uint8Array(words.length).fill(1);
  for (const maxTokens of [512, 64, 24, 12]) {
    const model = idModel(maxTokens, pieces);
    const r = await scoreWords(model, words, after, Infinity, 8);
    assert.ok(r);
    for (let i = 0; i < words.length; i++)
      assert.ok(Math.abs(r.probs[i] - expected[i]) < 1e-6, `word ${i} at maxTokens ${maxTokens}`);
    for (const ids of model.runs) {
      assert.ok(ids.length <= maxTokens);
      assert.equal(ids[0], 1);
      assert.equal(ids[ids.length - 1], 2);
    }
    if (maxTokens < 512) assert.ok(r.chunks > 1);
  }
});

test('a deadline already past stops scoring before the first window', async () => {
  const model = idModel(64, new Map([['a', [5]]]));
  const r = await scoreWords(model, ['a', 'a'], new Uint8Array(2), 0);
  assert.equal(r, null);
  assert.equal(model.runs.length, 0);
});
