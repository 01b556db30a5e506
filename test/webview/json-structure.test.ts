import { test } from 'node:test';
import assert from 'node:assert/strict';
import { structuralJson, stripJsonWhitespace } from '../../webview/json-structure.js';
import { diffLines, splitLines } from '../../webview/line-diff.js';

const changed = (a: string, b: string) => diffLines(splitLines(a), splitLines(b)).filter((r) => r.kind !== 'eq').length;

test('a lossless reformat (indented → minified) compares as no change at all', () => {
  const value = {
    name: 'e2e',
    dependencies: { mocha: { version: '10.8.2', resolved: 'https://x/mocha.tgz' } },
    list: [1, 2, { a: null }],
  };
  const original = JSON.stringify(value, null, 4);
  const sent = JSON.stringify(value);
  assert.ok(changed(original, sent) > 0, 'as lines, everything differs');
  const s = structuralJson(original, sent)!;
  assert.equal(changed(s.original, s.sent), 0);
  assert.equal(s.original, JSON.stringify(value, null, 2));
});

test('a dropped array element shows as exactly the removed lines, the marker as the added one', () => {
  const original = JSON.stringify({ items: ['a', 'b', 'c', 'd'] });
  const sent = JSON.stringify({ items: ['a', '[… 2 items omitted · retrieve hr_0123456789abcdef]', 'd'] });
  const s = structuralJson(original, sent)!;
  const runs = diffLines(splitLines(s.original), splitLines(s.sent)).filter((r) => r.kind !== 'eq');
  const removed = runs.filter((r) => r.kind === 'del').flatMap((r) => splitLines(s.original).slice(r.aStart, r.aEnd));
  const added = runs.filter((r) => r.kind === 'ins').flatMap((r) => splitLines(s.sent).slice(r.bStart, r.bEnd));
  assert.deepEqual(
    removed.map((l) => l.trim()),
    ['"b",', '"c",'],
  );
  assert.deepEqual(
    added.map((l) => l.trim()),
    ['"[… 2 items omitted · retrieve hr_0123456789abcdef]",'],
  );
});

test('text that formatting cannot reproduce falls back to the line diff: no invented values', () => {
  assert.equal(
    structuralJson('{"id": 12345678901234567890}', '{"id": 12345678901234567890}'),
    undefined,
    'a number JSON.parse rounds',
  );
  assert.equal(structuralJson('{"a": 1, "a": 2}', '{"a": 2}'), undefined, 'a duplicate key');
  assert.equal(structuralJson('{"e": "\\u00e9"}', '{"e": "é"}'), undefined, 'an escape spelled differently');
  assert.equal(structuralJson('{"a": 1.0}', '{"a": 1}'), undefined, '1.0 is not written back as 1.0');
  assert.equal(structuralJson('plain log line', '{}'), undefined);
  assert.equal(structuralJson('{"a": 1}', 'not json [… 3 lines omitted · retrieve hr_0123456789abcdef]'), undefined);
});

test('stripJsonWhitespace keeps strings exactly, escaped quotes included', () => {
  assert.equal(stripJsonWhitespace('{ "a b": "c \\" d" ,\n\t"e": [ 1, 2 ] }'), '{"a b":"c \\" d","e":[1,2]}');
});
