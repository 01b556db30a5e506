import { test } from 'node:test';
import assert from 'node:assert/strict';
import { protectedWords } from '../../core/prose-model/protect.js';
import { splitWords } from '../../core/prose-model/words.js';

/** A document's opening sentence is always protected; each case starts after one so it tests only its own rule. */
const OPENING = 'This document opens with its first sentence.';

/** The protected words of a text (after the opening sentence), as strings. */
function kept(body: string, query: string[] = []): string[] {
  const text = `${OPENING}\n\n${body}`;
  const w = splitWords(text);
  const p = protectedWords(text, w, query);
  const out: string[] = [];
  for (let i = 7; i < w.count; i++) if (p[i]) out.push(text.slice(w.start[i], w.end[i]));
  return out;
}

test('the first sentence of running text is protected, badges and headings before it do not count', () => {
  const text =
    '[![npm](https://img.shields.io/npm/v/x.svg)](https://npm.im/x)\n\n# x\n\n' +
    '**Fast, small, simple web framework for Node.** It does other things too.\n\nLater prose is prunable.';
  const w = splitWords(text);
  const p = protectedWords(text, w, []);
  const words = Array.from({ length: w.count }, (_, i) => [text.slice(w.start[i], w.end[i]), p[i]] as const);
  const prot = words.filter(([, x]) => x).map(([s]) => s);
  assert.ok(['**Fast,', 'small,', 'simple', 'web', 'framework', 'for', 'Node.**'].every((x) => prot.includes(x)));
  assert.ok(!prot.includes('other') && !prot.includes('Later') && !prot.includes('prunable.'));
});

test('numbers, paths, identifiers, options, acronyms and URLs are protected; plain words are not', () => {
  const text =
    'The server listens on port 8080 by default and reads /etc/app/config.yaml at startup. Set maxRetries or ' +
    'retry_limit with --retries, see https://example.com/docs and www.example.org for the API and CLI. ' +
    'Version 1.2.3 of package.json fixed it.';
  assert.deepEqual(kept(text), [
    '8080',
    '/etc/app/config.yaml',
    'maxRetries',
    'retry_limit',
    '--retries,',
    'https://example.com/docs',
    'www.example.org',
    'API',
    'CLI.',
    '1.2.3',
    'package.json',
  ]);
});

test('code spans, fenced and indented code, and quoted strings are protected whole', () => {
  const text = [
    'Run `npm install --save express` first, then call "the quoted thing here" and the \'single quoted one\'.',
    "Apostrophes like don't and it's do not open a quote.",
    '',
    '```bash',
    'npm start the server now',
    '```',
    '',
    'A paragraph of ordinary words follows here for the indentation check.',
    '',
    '    indented code line with words',
  ].join('\n');
  const k = kept(text);
  for (const w of [
    '`npm',
    'install',
    '--save',
    'express`',
    '"the',
    'quoted',
    'thing',
    'here"',
    "'single",
    "one'.",
    '```bash',
    'npm',
    'start',
    'the',
    'server',
    'now',
    '```',
    'indented',
    'code',
    'line',
    'with',
    'words',
  ]) {
    assert.ok(k.includes(w), `${w} is protected`);
  }
  // (an apostrophe opens no quote: "it's" stays prunable; "don't" is a negation, protected for that reason)
  for (const w of ["it's", 'Apostrophes', 'ordinary', 'paragraph']) assert.ok(!k.includes(w), `${w} is not protected`);
});

test('plain-text docs that indent every paragraph are not all code', () => {
  const para = '    XZ Utils provide a general-purpose data-compression library plus command-line tools and more.';
  const text = ['XZ Utils', '========', '', para, para, para, '', '        $ xz --keep file.txt', ''].join('\n');
  const k = kept(text);
  assert.ok(
    !k.includes('general-purpose') || !k.includes('provide'),
    'paragraph words at the prose indent are prunable',
  );
  assert.ok(!k.includes('provide'));
  assert.ok(
    k.includes('$') && k.includes('--keep') && k.includes('file.txt'),
    'a line indented past the prose is code',
  );
  assert.ok(k.includes('XZ') && k.includes('Utils'), 'a setext heading is protected');
});

test('the query terms are protected wherever they occur', () => {
  const text = 'Installing the package is simple. The installation guide covers proxies and mirrors.';
  assert.deepEqual(kept(text, ['install', 'mirrors']), ['Installing', 'installation', 'mirrors.']);
});

test('an error line up to 400 chars stays whole; in a long paragraph only the sentence with the error does', () => {
  const short = 'Build step three: cannot find the linker script for this board';
  const filler = 'This sentence is ordinary prose about the build and nothing else at all. ';
  const long = filler.repeat(4) + 'Sometimes the build failed with a strange message here. ' + filler.repeat(4);
  const k = kept(`${short}\n\n${long}`);
  for (const w of short.split(' ')) assert.ok(k.includes(w), `${w} from the short error line`);
  for (const w of ['Sometimes', 'the', 'build', 'failed', 'with', 'strange', 'message', 'here.'])
    assert.ok(k.includes(w), w);
  assert.equal(k.filter((w) => w === 'ordinary').length, 0, 'the rest of the long paragraph is prunable');
});

test('headings, table rows, list bullets and markdown links are protected', () => {
  const text = [
    '## Getting started quickly',
    '',
    '| name | value |',
    '|---|---|',
    '',
    '- first item with enough words to read as a sentence of prose',
    '1. numbered item that also runs on for more than eight words',
    '',
    'See [the full guide](https://x.dev/guide) now.',
  ].join('\n');
  const k = kept(text);
  for (const w of [
    '##',
    'Getting',
    'started',
    'quickly',
    '|',
    'name',
    'value',
    '-',
    '1.',
    '[the',
    'full',
    'guide](https://x.dev/guide)',
  ])
    assert.ok(k.includes(w), w);
  for (const w of ['first', 'item', 'numbered', 'See', 'now.']) assert.ok(!k.includes(w), `${w} is prunable`);
});

test('short list items stay whole; a long item is running text and prunable', () => {
  const body = [
    '- Fine-grained control over connection pooling',
    '* Less control over advanced features',
    '- This item goes on for quite a while and reads like a sentence of running prose in a paragraph',
  ].join('\n');
  const prot = kept(body);
  for (const w of ['Fine-grained', 'control', 'over', 'connection', 'pooling', 'Less', 'advanced', 'features'])
    assert.ok(prot.includes(w), w);
  assert.ok(!prot.includes('quite') && !prot.includes('running'), 'the long item is not protected whole');
});

test('a marker of an earlier stage is protected whole, wherever it sits in a line', () => {
  const marker = '[… 2 sentences omitted: about attachment, dump · retrieve hr_2e7bf1b549c3ef49]';
  const prot = kept(`Report your bug by email. ${marker} If you have bigger test files, put them online somewhere.`);
  assert.deepEqual(prot, marker.split(' '));
});

test('**bold** and __bold__ spans are protected whole; a lone asterisk pair far apart is not a span', () => {
  const prot = kept(
    "It uses a virtual file in memory, and thus **doesn't persist the changes** made to it. See __the guide__ for " +
      'more.',
  );
  for (const w of ["**doesn't", 'persist', 'the', 'changes**', '__the', 'guide__']) assert.ok(prot.includes(w), w);
  assert.ok(!prot.includes('virtual') && !prot.includes('memory,'));
});

test('negations are protected: dropping one would say the opposite', () => {
  const prot = kept(
    "The cache is not shared, and workers don't write to it; readers never block, nor do they wait without checks.",
  );
  for (const w of ['not', "don't", 'never', 'nor', 'without']) assert.ok(prot.includes(w), w);
  assert.ok(!prot.includes('cache') && !prot.includes('shared,') && !prot.includes('readers'));
});

test('a number keeps its unit: "14 days", "30 seconds"; a preposition after a number is no unit', () => {
  const prot = kept(
    'Events can be no more than 14 days old, retries wait 30 seconds, and port 8080 by default is used here.',
  );
  for (const w of ['14', 'days', '30', 'seconds,', '8080']) assert.ok(prot.includes(w), w);
  for (const w of ['old,', 'retries', 'by', 'here.']) assert.ok(!prot.includes(w), `${w} is prunable`);
});
