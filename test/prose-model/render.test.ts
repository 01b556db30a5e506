import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble, prunePassages, type PrunedPassage } from '../../core/prose-model/render.js';
import { splitWords } from '../../core/prose-model/words.js';
import { markerIds } from '../../core/ccr/marker.js';
import { fixture, recordingContext } from './helpers.js';

/** Drop every word whose index satisfies `drop`. */
function render(text: string, drop: (word: string, i: number) => boolean) {
  const w = splitWords(text);
  const keep = new Uint8Array(w.count);
  for (let i = 0; i < w.count; i++) keep[i] = drop(text.slice(w.start[i], w.end[i]), i) ? 0 : 1;
  const ctx = recordingContext();
  const passages = prunePassages(text, w, keep);
  return { passages, output: assemble(text, passages, (c) => ctx.stash(c)), ctx };
}

/**
 * Pruned passages are in order and apart; each output carries exactly one marker whose stash is the passage's exact
 * text; swapping every pruned form in the output for its stashed passage rebuilds the input byte for byte.
 */
function checkRoundTrip(text: string, passages: PrunedPassage[], output: string, stashed: Map<string, string>): void {
  let pos = 0;
  let rest = output;
  let rebuilt = '';
  for (const p of passages) {
    assert.ok(p.start >= pos && p.end > p.start);
    const ids = markerIds(rest.slice(0, rest.indexOf(' · retrieve hr_') + 40));
    const id = ids[ids.length - 1];
    assert.equal(stashed.get(id), text.slice(p.start, p.end), 'the stash holds the passage exactly');
    const between = text.slice(pos, p.start);
    assert.ok(rest.startsWith(between), 'text between pruned passages is unchanged');
    const markerEnd = rest.indexOf(`retrieve ${id}]`) + `retrieve ${id}]`.length;
    rebuilt += between + stashed.get(id);
    rest = rest.slice(markerEnd);
    pos = p.end;
  }
  assert.equal(rest, text.slice(pos));
  rebuilt += rest;
  assert.equal(rebuilt, text, 'kept text + stashed passages rebuild the input byte for byte');
  assert.equal(markerIds(output).length, passages.length);
}

test('a real document pruned word by word round-trips through its markers exactly', () => {
  for (const name of ['gdb-readme.txt', 'express-readme.md', 'xz-readme.txt']) {
    const text = fixture(name);
    const { passages, output, ctx } = render(text, (_, i) => i % 3 === 1);
    checkRoundTrip(text, passages, output, ctx.stashed);
    assert.ok(output.length < text.length * 0.9);
    assert.ok(passages.length >= 2, `${name}: several passages, one marker each`);
  }
});

test('spacing: neighbours keep their original gap, dropped words across a line end keep the line break', () => {
  const line1 = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma';
  const text =
    `${line1}\n  tau upsilon phi chi psi ${'zzz '.repeat(30)}omega.\n\n` +
    `${'filler words that stay as they are '.repeat(3)}`;
  const drop = new Set([
    'beta',
    'gamma',
    'rho',
    'sigma',
    'tau',
    'upsilon',
    'phi',
    'chi',
    'psi',
    'omega.',
    'delta',
    'epsilon',
    'zeta',
    'eta',
    'theta',
  ]);
  const { output } = render(text, (w) => drop.has(w) || w === 'zzz');
  // "omega." ended the sentence on the next line: its full stop is not carried across the line end; the blank
  // line survives; the passage (here the whole text) ends with its marker
  assert.match(
    output,
    new RegExp(
      /^alpha iota kappa lambda mu nu xi omicron pi\n\nfiller words that stay as they are filler .* are /.source +
        /\[… 45 words omitted: pruned from this passage · retrieve hr_[0-9a-f]{16}\] $/.source,
    ),
  );
});

test('dropped words on the next line keep the break and its indentation', () => {
  const text =
    `${'one two three four five six seven eight nine ten '.repeat(2)}end\n` +
    `    next line starts here and goes on for a while longer`;
  const { output } = render(text, (w, i) => i >= 12 && i <= 24 && w !== 'next' && w !== 'end');
  assert.match(output, /end\n {4}next/);
});

test('a sentence end on a dropped word is carried over on the same line only', () => {
  const words = 'word '.repeat(40);
  const { output } = render(
    `Keep this ${words}ending.\nNew line here ${words}`,
    (w) => w === 'word' || w === 'ending.',
  );
  assert.ok(output.startsWith('Keep this.\nNew line here'), output.slice(0, 60));
});

test('a bullet whose every word was dropped goes too; empty items in the original stay', () => {
  const items = ['- Robust routing of requests', '- Focus on high performance', '-', '- Super-high test coverage'];
  const text = `${items.join('\n')}\n\n${'more text to prune away here '.repeat(12)}`;
  const { output } = render(text, (w) =>
    ['Focus', 'on', 'high', 'performance', 'more', 'text', 'to', 'prune', 'away', 'of', 'test', 'coverage'].includes(w),
  );
  assert.ok(output.startsWith('- Robust routing requests\n-\n- Super-high'), output.slice(0, 80));
});

test('a passage that would save less than a marker costs is kept as written', () => {
  const text = 'A short paragraph where only one word goes.\n\n' + 'x '.repeat(10);
  const { output, passages } = render(text, (w) => w === 'only');
  assert.equal(output, text);
  assert.deepEqual(passages, []);
});
