import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { createWordTokenizer } from '../../core/prose-model/word-tokenizer.js';
import { DEFAULT_DIR, fixture } from './helpers.js';

interface Lib {
  encode(text: string, o: { add_special_tokens: boolean }): { ids: number[] };
}
const lib = (json: unknown) => new Tokenizer(json as object, {}) as unknown as Lib;

const DOCS = [
  'express-readme.md',
  'semver-readme.md',
  'undici-readme.md',
  'gdb-readme.txt',
  'zlib-faq.txt',
  'xz-readme.txt',
  'valgrind-faq.txt',
];

test(`the default model's tokenizer: the direct WordPiece gives the library's ids for every word of the \
fixtures`, () => {
  const json = JSON.parse(readFileSync(join(DEFAULT_DIR, 'tokenizer.json'), 'utf8'));
  const fast = createWordTokenizer(json);
  assert.equal(fast.engine, 'wordpiece');
  assert.deepEqual([fast.prefix, fast.suffix], [[2], [3]]);
  const ref = lib(json);
  const words = new Set(DOCS.flatMap((d) => fixture(d).match(/\S+/g) ?? []));
  for (const w of ['Ünïcödé', 'naïve', 'café—bar', '東京タワー', 'x'.repeat(150), 'tab\u0007bell', '…', '“quoted”'])
    words.add(w);
  assert.ok(words.size > 3000);
  for (const w of words)
    assert.deepEqual(fast.encodeWord(w, true), ref.encode(w, { add_special_tokens: false }).ids, w);
});

/** A cased BERT vocabulary with subword pieces, like LLMLingua-2's bert-base-multilingual-cased. */
function casedBert(): Record<string, unknown> {
  const vocab = [
    '[PAD]',
    '[UNK]',
    '[CLS]',
    '[SEP]',
    'Play',
    'play',
    '##ing',
    '##ed',
    '##s',
    'the',
    'The',
    'run',
    '##ner',
    '.',
    ',',
    '(',
    ')',
    'a',
    '##b',
    'ca',
    '##fé',
    'naïve',
  ];
  return {
    added_tokens: [0, 1, 2, 3].map((id) => ({ id, content: vocab[id], special: true })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: false,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2] },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 12,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

test('a cased WordPiece with ## pieces: same ids as the library, unknown words as one [UNK]', () => {
  const json = casedBert();
  const fast = createWordTokenizer(json);
  const ref = lib(json);
  assert.equal(fast.engine, 'wordpiece');
  assert.deepEqual([fast.prefix, fast.suffix], [[2], [3]]);
  for (const w of [
    'Playing',
    'played,',
    '(runners).',
    'The',
    'the',
    'THE',
    'ab',
    'café',
    'naïve',
    'Playingplayingplaying',
    'xyz',
    'plays.',
  ]) {
    assert.deepEqual(fast.encodeWord(w, true), ref.encode(w, { add_special_tokens: false }).ids, w);
  }
  assert.deepEqual(fast.encodeWord('Playing', true), [4, 6]);
  assert.deepEqual(fast.encodeWord('xyz', true), [1]);
});

test('tokenizers the direct path does not cover go through the library (BPE here), specials found by probing', () => {
  const chars = 'abcdefghijklmnopqrstuvwxyz'.split('');
  const vocab: Record<string, number> = { '<s>': 0, '</s>': 1, '<unk>': 2 };
  for (const c of chars) vocab[c] = Object.keys(vocab).length;
  vocab.th = Object.keys(vocab).length;
  vocab.the = Object.keys(vocab).length;
  const json = {
    added_tokens: [0, 1, 2].map((id) => ({ id, content: ['<s>', '</s>', '<unk>'][id], special: true })),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '<s>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      pair: [],
      special_tokens: {
        '<s>': { id: '<s>', ids: [0], tokens: ['<s>'] },
        '</s>': { id: '</s>', ids: [1], tokens: ['</s>'] },
      },
    },
    decoder: { type: 'BPEDecoder', suffix: '' },
    model: { type: 'BPE', vocab, merges: ['t h', 'th e'], unk_token: '<unk>' },
  };
  const t = createWordTokenizer(json);
  assert.equal(t.engine, 'library');
  assert.deepEqual([t.prefix, t.suffix], [[0], [1]]);
  assert.deepEqual(t.encodeWord('The', true), [vocab.the]);
  assert.deepEqual(t.encodeWord('them', true), [vocab.the, vocab.m]);
});

test(`a SentencePiece (Unigram) tokenizer.json, as XLM-R-style models ship it, goes through the library with ▁ word \
starts`, () => {
  // pieces and log-probabilities of a tiny Unigram model; ▁ marks a word start (Metaspace), as sentencepiece does
  const pieces: Array<[string, number]> = [
    ['<s>', 0],
    ['<pad>', 0],
    ['</s>', 0],
    ['<unk>', 0],
    ['▁', -2],
    ['▁the', -1],
    ['▁thread', -3],
    ['▁safe', -3],
    ['-', -2],
    ['s', -2.5],
    ['▁is', -1.5],
    ...'abcdefghijklmnopqrtuvwxyz'.split('').map((c): [string, number] => [c, -6]), // 's' is above
  ];
  const json = {
    added_tokens: [0, 1, 2, 3].map((id) => ({ id, content: pieces[id][0], special: true })),
    normalizer: { type: 'Sequence', normalizers: [{ type: 'Lowercase' }] },
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '<s>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      pair: [],
      special_tokens: {
        '<s>': { id: '<s>', ids: [0], tokens: ['<s>'] },
        '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] },
      },
    },
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: 3, vocab: pieces, byte_fallback: false },
  };
  const id = (p: string) => pieces.findIndex(([s]) => s === p);
  const t = createWordTokenizer(json);
  assert.equal(t.engine, 'library');
  assert.deepEqual([t.prefix, t.suffix], [[0], [2]]);
  assert.deepEqual(t.encodeWord('Thread-safe', true), [id('▁thread'), id('-'), id('s'), id('a'), id('f'), id('e')]);
  assert.deepEqual(t.encodeWord('threads', true), [id('▁thread'), id('s')]);
  assert.deepEqual(t.encodeWord('is', true), [id('▁is')]);
});
