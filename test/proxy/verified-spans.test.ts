import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VerifiedSpans } from '../../core/proxy/verified-spans.js';
import { contentId } from '../../core/util/hash.js';

/** A body holding `literal` as the value of "content", and the span of that value. */
function bodyWith(literal: string): { body: Buffer; span: { start: number; end: number } } {
  const head = Buffer.from('{"content":', 'utf8');
  const value = Buffer.from(literal, 'utf8');
  return {
    body: Buffer.concat([head, value, Buffer.from('}')]),
    span: { start: head.length, end: head.length + value.length },
  };
}

test('a span holds a unit when it decodes to its text: first by decoding, then by the same bytes again', () => {
  const spans = new VerifiedSpans();
  const text = 'line "one"\nline two é';
  const id = contentId(text);
  const a = bodyWith(JSON.stringify(text));
  assert.equal(spans.holds(a.body, a.span, text, id), true);
  assert.equal(spans.holds(a.body, a.span, text, id), true, 'the same bytes again');
  // the same text spelled with other escapes: other bytes, decoded, still the text
  const b = bodyWith('"line \\"one\\"\\nline two \\u00e9"');
  assert.equal(spans.holds(b.body, b.span, text, id), true);
  // other text under a known id (the engine read something else there): decoded, refused
  const c = bodyWith(JSON.stringify('line "one"\nline 2 é'));
  assert.equal(spans.holds(c.body, c.span, text, id), false);
  assert.equal(spans.holds(c.body, { start: c.span.start + 1, end: c.span.end }, text, id), false, 'not a literal');
  assert.equal(spans.holds(a.body, a.span, 'another text', undefined), false);
});

test('remembered spans are bounded by bytes, least recently used out first', () => {
  const spans = new VerifiedSpans(100);
  const texts = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];
  const bodies = texts.map((t) => bodyWith(JSON.stringify(t)));
  for (let i = 0; i < 2; i++) spans.holds(bodies[i].body, bodies[i].span, texts[i], contentId(texts[i]));
  spans.holds(bodies[0].body, bodies[0].span, texts[0], contentId(texts[0])); // a: most recent
  spans.holds(bodies[2].body, bodies[2].span, texts[2], contentId(texts[2])); // over 100 bytes: b goes
  const remembered = (spans as unknown as { spans: Map<string, Buffer> }).spans;
  assert.deepEqual([...remembered.keys()], [contentId(texts[0]), contentId(texts[2])]);
});

test('known() gives the bytes last checked to hold a text: the hint the proxy locates a resent unit with', () => {
  const spans = new VerifiedSpans();
  const text = `tool output é ${'z'.repeat(300)}`;
  const id = contentId(text);
  assert.equal(spans.known(id), undefined, 'nothing checked yet');
  const wrong = bodyWith(JSON.stringify('something else'));
  assert.equal(spans.holds(wrong.body, wrong.span, text, id), false);
  assert.equal(spans.known(id), undefined, 'a span that failed the check is not remembered');
  const a = bodyWith(JSON.stringify(text).replace('é', '\\u00e9'));
  assert.equal(spans.holds(a.body, a.span, text, id), true);
  assert.deepEqual(
    spans.known(id),
    a.body.subarray(a.span.start, a.span.end),
    "the client's own bytes, escapes and all",
  );
});
