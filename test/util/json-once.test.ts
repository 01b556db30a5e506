import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonOnce, releaseJsonOnce } from '../../core/util/json-once.js';
import { compress } from '../../core/compress.js';

test('the same text parses once: the second ask gets the same tree', () => {
  const text = JSON.stringify({ a: [1, 2, { b: 'x' }] });
  const first = parseJsonOnce(text);
  const again = parseJsonOnce(text.slice(0)); // equal text, another string
  assert.ok(first.ok && again.ok);
  assert.equal(again.value, first.value);
  assert.deepEqual(first.value, { a: [1, 2, { b: 'x' }] });
  releaseJsonOnce();
});

test('a different text is parsed anew; invalid JSON is a failed result, not a throw', () => {
  const a = parseJsonOnce('[1]');
  const b = parseJsonOnce('[2]');
  assert.ok(a.ok && b.ok);
  assert.deepEqual(b.value, [2]);
  assert.deepEqual(parseJsonOnce('{"a":'), { ok: false });
  assert.deepEqual(parseJsonOnce('{"a":'), { ok: false });
  releaseJsonOnce();
});

test('compress() does not keep the document it parsed once it returns', () => {
  const rows = Array.from({ length: 200 }, (_, i) => ({
    id: i,
    status: i === 7 ? 'failed' : 'ok',
    note: 'x'.repeat(20),
  }));
  const text = JSON.stringify(rows, null, 2);
  const before = parseJsonOnce(text);
  assert.ok(before.ok);
  const r = compress(text);
  assert.equal(r.kind, 'json');
  const after = parseJsonOnce(text);
  assert.ok(after.ok);
  assert.notEqual(after.value, before.value, 'the tree was released and parsed again');
  releaseJsonOnce();
});
