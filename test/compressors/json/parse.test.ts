import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDoc, unsafeJson } from '../../../core/compressors/json/parse.js';
import { compressJson, crushJsonValue } from '../../../core/compressors/json/index.js';
import { stashCtx } from './helpers.js';

test('depth bombs are refused before parsing, without throwing', () => {
  const { ctx } = stashCtx();
  const arrays = '['.repeat(100_000) + ']'.repeat(100_000);
  const objects = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
  const justOver = '['.repeat(201) + ']'.repeat(201);
  for (const bomb of [arrays, objects, justOver]) {
    assert.equal(unsafeJson(bomb, 200), 'deep');
    assert.equal(parseDoc(bomb, 200), null);
    assert.equal(compressJson(bomb, ctx), null);
  }
  // an already-parsed deep value handed to crushJsonValue
  let deep: unknown = 1;
  for (let i = 0; i < 10_000; i++) deep = [deep];
  assert.equal(crushJsonValue(deep, ctx), null);
});

test('nesting up to the limit is fine, and brackets inside strings do not count', () => {
  assert.equal(unsafeJson('['.repeat(200) + ']'.repeat(200), 200), undefined);
  const quoted = JSON.stringify({ text: '[[[[{{{{'.repeat(100), escaped: 'a \\" [[[[ \\\\' });
  assert.equal(unsafeJson(quoted, 3), undefined);
  assert.deepEqual(parseDoc(quoted, 3), { kind: 'json', value: JSON.parse(quoted) });
});

test('integers a double cannot hold make the compressor step back (a snowflake id must not change)', () => {
  assert.equal(unsafeJson('[{"id":1234567890123456789}]', 200), 'unsafe-number');
  assert.equal(unsafeJson('[{"id":-9007199254740993}]', 200), 'unsafe-number');
  assert.equal(unsafeJson('[{"id":"1234567890123456789"}]', 200), undefined, 'as a string it is safe');
  assert.equal(unsafeJson('[{"pi":3.14159265358979323846,"big":1e21,"round":100000000000000000000}]', 200), undefined);
  const rows = Array.from({ length: 50 }, (_, i) => `{"id":${1234567890123456700n + BigInt(i)},"state":"open"}`);
  assert.equal(compressJson(`[${rows.join(',')}]`, stashCtx().ctx), null);
});

test('malformed JSON, scalars and empty input are not JSON documents', () => {
  for (const text of [
    '',
    '   ',
    '{"a": 1',
    '[1, 2,]',
    '{"a": undefined}',
    'not json at all',
    '42',
    '"string"',
    'null',
    '{"a":1} trailing',
  ]) {
    assert.equal(parseDoc(text, 200), null, text);
    assert.equal(compressJson(text.repeat(50), stashCtx().ctx), null, text);
  }
});

test('NDJSON: one value per line, blank lines and CRLF tolerated, exact lines kept', () => {
  const lines = ['{"level":"info","msg":"a"}', '{"level":"error","msg":"b"}', '[1,2]'];
  const doc = parseDoc(`${lines[0]}\r\n\r\n${lines[1]}\n${lines[2]}\n`, 200);
  assert.deepEqual(doc, { kind: 'ndjson', values: lines.map((l) => JSON.parse(l)), lines });
  assert.equal(parseDoc('{"a":1}\n{"a":2\n', 200), null, 'one broken line: not NDJSON');
  assert.equal(parseDoc('{"a":1}\n', 200)?.kind, 'json', 'a single line is plain JSON');
});

test('a byte-order mark and surrounding whitespace are accepted', () => {
  assert.deepEqual(parseDoc('\ufeff\n  [{"a":1}]  \n', 200), { kind: 'json', value: [{ a: 1 }] });
});
