import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendMember, appendToArray, applyEdits, locateValues } from '../../core/wire/json-splice.js';

const doc = `{ "model":"x" , "n": 1.50e3, "messages" : [
  {"role":"user","content":"caf\\u00e9 \\"quoted\\" \\\\"},
  {"role":"user","content":[{"type":"tool_result","content":"a\\nb","z":[1,{"q":"]}"}]}]}
 ],
 "dup": "first", "dup": "second", "tools": [ ], "empty": {} }`;

test('locateValues finds raw spans by path, including escaped strings and the last of duplicate keys', () => {
  const spans = locateValues(doc, [
    ['messages', 0, 'content'],
    ['messages', 1, 'content', 0, 'content'],
    ['n'],
    ['dup'],
    ['tools'],
    ['messages', 5],
    ['missing'],
  ]);
  const raw = spans.map((s) => (s ? doc.slice(s.start, s.end) : undefined));
  assert.equal(raw[0], '"caf\\u00e9 \\"quoted\\" \\\\"');
  assert.equal(JSON.parse(raw[0]!), JSON.parse(doc).messages[0].content);
  assert.equal(raw[1], '"a\\nb"');
  assert.equal(raw[2], '1.50e3');
  assert.equal(raw[3], '"second"'); // JSON.parse keeps the last duplicate; so must the scanner
  assert.equal(raw[4], '[ ]');
  assert.equal(raw[5], undefined);
  assert.equal(raw[6], undefined);
});

test('splicing one string leaves every other byte as it was', () => {
  const [span] = locateValues(doc, [['messages', 1, 'content', 0, 'content']]);
  const out = applyEdits(doc, [{ ...span!, replacement: JSON.stringify('short') }]);
  assert.equal(out.slice(0, span!.start), doc.slice(0, span!.start));
  assert.equal(out.slice(span!.start + '"short"'.length), doc.slice(span!.end));
  assert.equal(JSON.parse(out).messages[1].content[0].content, 'short');
  assert.equal(JSON.parse(out).n, 1500);
});

test('appendToArray and appendMember keep existing bytes and produce valid JSON', () => {
  const [tools, messages, root, empty] = locateValues(doc, [['tools'], ['messages'], [], ['empty']]);
  const out = applyEdits(doc, [
    appendToArray(doc, tools!, ['{"name":"t"}']),
    appendToArray(doc, messages!, ['{"role":"assistant"}', '{"role":"user"}']),
    appendMember(doc, empty!, 'k', '1'),
  ]);
  const v = JSON.parse(out);
  assert.deepEqual(v.tools, [{ name: 't' }]);
  assert.equal(v.messages.length, 4);
  assert.deepEqual(v.empty, { k: 1 });
  const out2 = applyEdits(doc, [appendMember(doc, root!, 'extra', 'true')]);
  assert.equal(JSON.parse(out2).extra, true);
  assert.ok(out2.startsWith(doc.slice(0, -2)), 'the original text is a prefix up to the closing brace');
});

test('strings with many backslashes and quotes, unicode and nested brackets inside strings', () => {
  const value = 'x\\'.repeat(50) + '"' + '\\"'.repeat(20) + ']}[{' + '😀 \u2028';
  const text = JSON.stringify({ a: [value, { b: value }], c: value });
  const spans = locateValues(text, [['a', 0], ['a', 1, 'b'], ['c']]);
  for (const s of spans) assert.equal(JSON.parse(text.slice(s!.start, s!.end)), value);
});

test('a 1 MB body with one 900 KB unit: both spans found exactly (its time is in npm run bench: limits)', () => {
  const big = 'line of log output\n'.repeat(50_000);
  const body = JSON.stringify({
    model: 'm',
    messages: [{ role: 'user', content: [{ type: 'tool_result', content: big }] }],
    tools: [],
  });
  const [unit, tools] = locateValues(body, [['messages', 0, 'content', 0, 'content'], ['tools']]);
  assert.equal(JSON.parse(body.slice(unit!.start, unit!.end)), big);
  assert.equal(body.slice(tools!.start, tools!.end), '[]');
});

test('malformed text throws (callers fail open)', () => {
  assert.throws(() => locateValues('{"a": [1, 2', [['a', 5]]));
  assert.throws(() => locateValues('{"a" 1}', [['a']]));
});

test('a 30 MB string made of escapes is scanned exactly (regex stack limits fall back to the loop)', () => {
  const value = '"\n'.repeat(15_000_000);
  const text = JSON.stringify({ a: value, b: 1 });
  const [a, b] = locateValues(text, [['a'], ['b']]);
  assert.equal(a!.end - a!.start, JSON.stringify(value).length);
  assert.equal(text.slice(b!.start, b!.end), '1');
});

test('a value whose bytes are the expected literal is stepped over: same spans, its characters not scanned', () => {
  const unit = `line "one"\n${'x'.repeat(400)}\ncafé`;
  const body = Buffer.from(JSON.stringify({ messages: [{ content: unit }, { content: 'tail' }], tools: [] }));
  const view = body.toString('latin1');
  const paths = [['messages', 0, 'content'], ['messages', 1, 'content'], ['tools']];
  const plain = locateValues(view, paths);
  const literal = Buffer.from(JSON.stringify(unit));
  assert.deepEqual(locateValues(view, paths, { bytes: body, expect: [literal] }), plain);
  assert.equal(body.subarray(plain[0]!.start, plain[0]!.end).toString('utf8'), JSON.stringify(unit));

  // the view is only read outside the stepped-over literal: a view whose characters inside it would end the string
  // early still yields the right spans when the bytes match the hint (and the wrong ones without it)
  const start = plain[0]!.start;
  const broken = `${view.slice(0, start + 5)}"${view.slice(start + 6)}`;
  assert.deepEqual(locateValues(broken, paths, { bytes: body, expect: [literal] }), plain);
  assert.throws(() => locateValues(broken, paths));
});

test('hints that do not match, are short, or run past the end are ignored', () => {
  const unit = `é ${'y'.repeat(300)}`;
  // the client escaped é as \u00e9: the same text, other bytes than JSON.stringify's
  const text = `{"messages":[{"content":${JSON.stringify(unit).replace('é', '\\u00e9')}}]}`;
  const body = Buffer.from(text);
  const paths = [['messages', 0, 'content']];
  const plain = locateValues(text, paths);
  for (const hint of [
    Buffer.from(JSON.stringify(unit)), // other escaping
    Buffer.from('"é"'), // too short to be worth a compare
    Buffer.from(`${text.slice(plain[0]!.start)}${'z'.repeat(300)}`), // longer than what is left
    Buffer.from(`x${'y'.repeat(300)}`), // not a string literal
  ])
    assert.deepEqual(locateValues(text, paths, { bytes: body, expect: [hint] }), plain);
  assert.equal(JSON.parse(text.slice(plain[0]!.start, plain[0]!.end)), unit);
});
