import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser, type SseEvent } from '../../core/wire/sse.js';

// The parser resumes its search for the blank line where the last chunk left off (core/wire/sse.ts): however the
// bytes are cut, the events are the ones the whole stream holds, byte for byte.

const STREAM =
  'event: message_start\r\ndata: {"type":"message_start"}\r\n\r\n' +
  'event: content_block_delta\ndata: {"text":"héllo 👋"}\n\n' +
  ': a comment\r\rdata: line one\ndata: line two\n\n' +
  'event: message_stop\r\ndata: {"type":"message_stop"}\r\n\r\n';

function parseInChunks(bytes: Buffer, size: number): SseEvent[] {
  const p = new SseParser();
  const out: SseEvent[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(...p.push(bytes.subarray(i, i + size)));
  return [...out, ...p.end()];
}

test('an SSE stream gives the same events whatever its chunks: every size from 1 byte to all of it', () => {
  const bytes = Buffer.from(STREAM, 'utf8');
  const whole = parseInChunks(bytes, bytes.length);
  assert.deepEqual(
    whole.map((e) => e.event ?? ''),
    ['message_start', 'content_block_delta', '', '', 'message_stop'],
  );
  assert.equal(whole.map((e) => e.raw).join(''), STREAM, 'the events are the stream, byte for byte');
  for (let size = 1; size < bytes.length; size++)
    assert.deepEqual(parseInChunks(bytes, size), whole, `chunks of ${size}`);
});

test('a large event arriving in many chunks is one event, with the blank line found across a chunk edge', () => {
  const data = `{"text":"${'x'.repeat(2 * 1024 * 1024)}"}`;
  const text = `event: content_block_delta\r\ndata: ${data}\r\n\r\nevent: message_stop\r\ndata: {}\r\n\r\n`;
  const bytes = Buffer.from(text, 'utf8');
  // 1,021 bytes: a prime, so the \r\n\r\n falls across chunk edges at different offsets
  const events = parseInChunks(bytes, 1021);
  assert.equal(events.length, 2);
  assert.equal(events[0].data, data);
  assert.equal(events[1].event, 'message_stop');
  const edge = text.indexOf('\r\n\r\n');
  for (const cut of [edge + 1, edge + 2, edge + 3]) {
    const p = new SseParser();
    const first = p.push(bytes.subarray(0, cut));
    assert.equal(first.length, 0, `no event before its blank line is complete (cut at ${cut - edge})`);
    const rest = p.push(bytes.subarray(cut));
    assert.equal(rest.length, 2);
    assert.equal(rest[0].data, data);
  }
});
