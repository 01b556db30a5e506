import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { countTokens as wholeCount } from 'gpt-tokenizer/encoding/o200k_base';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { countTokens, measureTokens, measureTokensAsync } from '../../core/util/tokens.js';
import { isCut, textParts } from '../../core/util/token-parts.js';

/** gpt-tokenizer on the whole text at once: the reference the bounded counter must equal on ordinary text. */
const reference = (text: string) => wholeCount(text, { disallowedSpecial: new Set() });

const fixtures = join(__dirname, '..', 'fixtures') + '/';
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : name.endsWith('.ts') ? [] : [p];
  });
}
/** Real tool output (every compressor's fixtures) plus the shapes the cut rules have to get right. */
const corpus: [string, string][] = [
  ...['json', 'log', 'html', 'code', 'diff', 'prose', 'search', 'table', 'text'].flatMap((d) =>
    files(join(fixtures, d)).map((p): [string, string] => [p.slice(fixtures.length), readFileSync(p, 'utf8')]),
  ),
  [
    'edge cases',
    "don't we'll it's O'Neil\n//comment\n/*x*/\r\n\tTAB\u00a0nbsp  two  spaces\n\n\n  x;\n/path/a\n" +
      '\u3000全角 漢字、かな。 😀😀 e\u0301 CamelCaseWords URL=https://a.b/c?d=e&f=g\n',
  ],
  [
    'minified JSON',
    JSON.stringify(
      Array.from({ length: 2000 }, (_, i) => ({
        id: i,
        name: `item-${i}`,
        url: `https://x.example/a/${i}?q=${i}`,
        note: 'Ünïcödé 漢字 ok',
        ok: i % 3 === 0,
      })),
    ),
  ],
  ['base64', Buffer.from(Array.from({ length: 60_000 }, (_, i) => (i * 2654435761) % 251)).toString('base64')],
];

test('ordinary text is counted exactly (the same count as the whole text at once), segments and all', () => {
  for (const [name, text] of corpus) {
    const expected = reference(text);
    assert.deepEqual(measureTokens(text), { tokens: expected, estimated: false }, name);
    // cut into segments of at most 64 characters wherever the cut rules allow: still exact
    const fine = measureTokens(text, { segmentChars: 64, maxRunBytes: 512, scanChars: 1000 });
    if (!fine.estimated) assert.equal(fine.tokens, expected, `${name}, 64-character segments`);
  }
  assert.ok(
    corpus.some(([, t]) => t.length > 16 * 1024),
    'the corpus holds texts of several segments',
  );
});

test('every cut the counter makes is a boundary of the o200k pre-tokenizer', () => {
  for (const [name, text] of corpus) {
    const boundaries = new Set<number>();
    for (const m of text.matchAll(new RegExp(O200K_TOKEN_SPLIT_REGEX.source, 'gu')))
      boundaries.add(m.index + m[0].length);
    for (let i = 1; i < text.length; i++)
      if (isCut(text, i))
        assert.ok(boundaries.has(i), `${name}: cut at ${i} (${JSON.stringify(text.slice(i - 5, i + 5))})`);
  }
});

test('a 200,000-character run without whitespace is estimated from a bounded sample, close to its exact count', () => {
  const run = 'A'.repeat(200_000);
  const parts = [...textParts(run)];
  assert.deepEqual(
    parts,
    [{ start: 0, end: 200_000, run: true, exactEnd: false }],
    'one run, never handed to the tokenizer whole',
  );
  const m = measureTokens(run);
  assert.equal(m.estimated, true);
  // o200k has "AAAAAAAA" as one token: 1 token per 8 characters, within the documented ~2%
  assert.ok(Math.abs(m.tokens - 25_000) <= 500, `estimated ${m.tokens}`);
  const windowed = measureTokens(run, { segmentChars: 16 * 1024, maxRunBytes: 512, scanChars: 30_000 });
  assert.ok(Math.abs(windowed.tokens - 25_000) <= 500, `scanned 30,000 characters at a time: ${windowed.tokens}`);
  // the estimate against the exact count where that is still affordable
  const lowerBase64 = corpus
    .at(-1)![1]
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .slice(0, 8000);
  for (const text of ['A'.repeat(20_000), '='.repeat(8000), ' '.repeat(6000), lowerBase64]) {
    const est = measureTokens(text);
    const exact = reference(text);
    assert.equal(est.estimated, true);
    assert.ok(
      Math.abs(est.tokens - exact) <= Math.max(2, exact * 0.02),
      `${JSON.stringify(text.slice(0, 8))}×${text.length}: estimated ${est.tokens}, exact ${exact}`,
    );
  }
  // the ordinary text around a run is still counted
  const mixed = `${'x'.repeat(3000)} and then the rest of the line\n`;
  assert.ok(Math.abs(countTokens(mixed) - reference(mixed)) <= 3);
});

test('a special-token spelling in tool output is counted as ordinary text, never refused', () => {
  const text = 'tokenizer.eos_token = "<|endoftext|>"\nprint("<|im_start|>user")';
  const n = countTokens(text);
  assert.ok(n > 10, `counted ${n}`);
  assert.equal(countTokens('<|endoftext|>'), countTokens('<|endoftext|'.concat('>')));
  assert.ok(countTokens('<|endoftext|>') > 1, 'spelled out, not one special token');
});

test('measureTokensAsync gives the event loop turns between segments and counts the same', async () => {
  const text = corpus.find(([, t]) => t.length > 64 * 1024)![1];
  let turns = 0;
  const tick = () => {
    turns++;
    if (!done) setImmediate(tick);
  };
  let done = false;
  setImmediate(tick);
  const m = await measureTokensAsync(text);
  done = true;
  assert.deepEqual(m, measureTokens(text));
  assert.ok(turns >= 3, `other callbacks ran ${turns} times while it counted`);
  assert.deepEqual(await measureTokensAsync(''), { tokens: 0, estimated: false });
});
