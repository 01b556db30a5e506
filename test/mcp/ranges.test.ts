import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrayElementSpans, parseRange, sliceLines, sliceRows } from '../../core/mcp/ranges.js';

test('parseRange: FROM-TO, en dash, colon, one number; backwards or junk → undefined', () => {
  assert.deepEqual(parseRange('120-161'), { from: 120, to: 161 });
  assert.deepEqual(parseRange(' 10 – 20 '), { from: 10, to: 20 });
  assert.deepEqual(parseRange('3:4'), { from: 3, to: 4 });
  assert.deepEqual(parseRange('7'), { from: 7, to: 7 });
  for (const bad of ['5-1', 'a-b', '', '1-2-3', '-4']) assert.equal(parseRange(bad), undefined, bad);
});

test('sliceLines keeps CRLF and a missing final newline exactly; joining every line gives the original', () => {
  const text = 'one\r\ntwo\r\n\r\nfour';
  const parts = [1, 2, 3, 4].map((n) => sliceLines(text, { from: n, to: n }));
  assert.deepEqual(
    parts.map((p) => p.ok && p.text),
    ['one\r\n', 'two\r\n', '\r\n', 'four'],
  );
  assert.equal(parts.map((p) => (p.ok ? p.text : '')).join(''), text);
  const r = sliceLines(text, { from: 5, to: 9 });
  assert.ok(!r.ok && /has 4 lines/.test(r.message));
  assert.ok(!sliceLines('', { from: 1, to: 1 }).ok);
});

test('arrayElementSpans: strings with brackets and escaped quotes, nested values, odd whitespace', () => {
  const text = ' [ "a]\\"," , {"x":[1,{"y":"}"}]} ,\n 3.5e2 ,null,[ ] ]';
  const spans = arrayElementSpans(text)!;
  assert.deepEqual(
    spans.map((s) => text.slice(s.start, s.end)),
    ['"a]\\","', '{"x":[1,{"y":"}"}]}', '3.5e2', 'null', '[ ]'],
  );
  assert.deepEqual(arrayElementSpans('[]'), []);
  assert.equal(arrayElementSpans('{"a":1}'), undefined);
});

test('sliceRows: JSON array rows (0-based), NDJSON rows as lines, anything else refused', () => {
  const arr = JSON.stringify([{ i: 0 }, { i: 1 }, { i: 2 }, { i: 3 }], null, 2);
  const r = sliceRows(arr, { from: 1, to: 2 });
  assert.ok(r.ok);
  assert.deepEqual(JSON.parse(`[${r.text}]`), [{ i: 1 }, { i: 2 }]);
  const nd = '{"i":0}\n{"i":1}\n{"i":2}\n';
  const n = sliceRows(nd, { from: 1, to: 1 });
  assert.ok(n.ok && n.text === '{"i":1}\n' && n.from === 1);
  const bad = sliceRows('plain text\nmore', { from: 0, to: 1 });
  assert.ok(!bad.ok && /use lines/.test(bad.message));
});
