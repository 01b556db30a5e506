import { test } from 'node:test';
import assert from 'node:assert/strict';
import { protectedWords } from '../../core/prose-model/protect.js';
import { selectWords } from '../../core/prose-model/select.js';
import { assemble, prunePassages } from '../../core/prose-model/render.js';
import { splitWords, wordCost } from '../../core/prose-model/words.js';
import { recordingContext } from './helpers.js';

/** Everything the main thread does around the model, with made-up scores (its time is in npm run bench: limits). */
function mainThread(text: string): { output: string } {
  const ctx = recordingContext('bug report');
  const w = splitWords(text);
  const prot = protectedWords(text, w, ctx.queryTerms);
  const costs = new Uint16Array(w.count);
  const probs = new Float32Array(w.count);
  for (let i = 0; i < w.count; i++) {
    costs[i] = Math.min(65535, wordCost(w.end[i] - w.start[i]));
    probs[i] = ((i * 2654435761) >>> 0) / 2 ** 32;
  }
  const keep = selectWords(probs, prot, costs, 0.5);
  const output = assemble(text, prunePassages(text, w, keep), (c) => ctx.stash(c));
  return { output };
}

// Shapes that make naive scanning quadratic: one endless line, bullets everywhere, punctuation runs, quotes and
// fences that never close. 2 MB each; linear code handles each in well under a second even on a loaded machine.
const MB2 = 2_000_000;
const CASES: Array<[string, string]> = [
  ['one 2 MB line of prose', 'the quick brown fox jumps over the lazy dog. '.repeat(MB2 / 45)],
  ['bullets on one line', '- '.repeat(MB2 / 2)],
  ['a bullet list', '- item words here\n'.repeat(MB2 / 18)],
  ['a punctuation run', ')'.repeat(MB2) + 'x and more words after it'],
  ['unclosed quotes and backticks', ('say "this and `that ' + 'word '.repeat(20)).repeat(MB2 / 120)],
  ['unclosed fences', '```\n~~~\nsome words\n'.repeat(MB2 / 20)],
  ['brackets that never close a link', '[a '.repeat(MB2 / 3)],
];

for (const [name, text] of CASES) {
  test(`linear on adversarial input: ${name}`, () => {
    const { output } = mainThread(text);
    assert.ok(typeof output === 'string' && output.length <= text.length + 200);
  });
}
