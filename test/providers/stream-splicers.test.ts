import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser } from '../../core/wire/sse.js';
import { PROVIDERS, providerAdapter, type Provider } from '../../core/providers/index.js';
import type { RoundFailure, StreamSplicer } from '../../core/providers/types.js';
import { locateValues } from '../../core/wire/json-splice.js';
import {
  eventsOf as eventsIn,
  feed as feedAs,
  type Framing,
  recordedChunks,
  recordedText,
  twoPieceSplits,
} from '../helpers/recorded-stream.js';

/**
 * Every provider's stream splicer over recorded streams (test/fixtures/providers/, captured from the scripted fake
 * provider by scripts/capture-provider-fixtures.mjs): `retrieve` is a turn whose only call is `headroom_retrieve`,
 * `final` a plain answer. What the table knows of each protocol is only how a client reads it. Ollama's recordings
 * are written to its wire format (ollama api/types.go ChatResponse field order, one socket write a line as
 * server/routes.go streamResponse flushes them): the shared fake provider does not speak Ollama; the end-to-end test
 * (test/proxy/ollama-client.test.ts) runs the official client against the same shapes.
 */
interface Protocol {
  /** SSE unless said (Ollama streams NDJSON). */
  framing?: Framing;
  /** The retrieve call's id, read from the recording itself. */
  callId(recording: string): string;
  /** Events that end the client's message (after them the client stops reading). */
  ends(data: string, event: string | undefined): boolean;
  /** Events that start a message (a continued round must not start a second one). */
  starts(data: string, event: string | undefined): boolean;
  /** The failure as the client's SDK reads it: [HTTP-ish status or type, message]. */
  failureOf(text: string): { kind: string; message: string };
}

const parse = (data: string): Record<string, any> => (data.trim().startsWith('{') ? JSON.parse(data) : {});

const PROTOCOLS: Record<Provider, Protocol> = {
  anthropic: {
    callId: (r) => /"id":"(toolu_[^"]+)"/.exec(r)![1],
    ends: (_d, e) => e === 'message_stop',
    starts: (_d, e) => e === 'message_start',
    failureOf: (t) => {
      const [ev] = eventsIn(t);
      assert.equal(ev.event, 'error');
      return { kind: parse(ev.data).error.type, message: parse(ev.data).error.message };
    },
  },
  'openai-chat': {
    callId: (r) => /"id":"(call_[^"]+)"/.exec(r)![1],
    ends: (d) => d.trim() === '[DONE]',
    starts: (d) => parse(d).choices?.[0]?.delta?.role === 'assistant',
    failureOf: (t) => ({
      kind: parse(eventsIn(t)[0].data).error.type,
      message: parse(eventsIn(t)[0].data).error.message,
    }),
  },
  'openai-responses': {
    callId: (r) => /"call_id":"(call_[^"]+)"/.exec(r)![1],
    ends: (d) => ['response.completed', 'response.failed', 'error'].includes(parse(d).type),
    starts: (d) => parse(d).type === 'response.created',
    failureOf: (t) => {
      const data = eventsIn(t).map((e) => parse(e.data));
      const err = data.find((d) => d.type === 'error' || d.type === 'response.failed')!;
      const e = err.type === 'error' ? err : err.response.error;
      return { kind: String(e.code ?? e.type), message: e.message };
    },
  },
  gemini: {
    callId: () => '', // Gemini's functionCall carried no id in this recording
    ends: (d) => parse(d).candidates?.[0]?.finishReason !== undefined,
    starts: () => false,
    failureOf: (t) => ({
      kind: parse(eventsIn(t)[0].data).error.status,
      message: parse(eventsIn(t)[0].data).error.message,
    }),
  },
  'ollama-chat': {
    framing: 'ndjson',
    callId: (r) => /"id":"(call_[^"]+)"/.exec(r)![1],
    ends: (d) => parse(d).done === true,
    starts: () => false,
    // Ollama's error line is `{"error": message}` alone (server/routes.go streamResponse): the status is in the message
    failureOf: (t) => {
      const [line] = eventsIn(t, 'ndjson');
      return { kind: parse(line.data).error, message: parse(line.data).error };
    },
  },
};

const requestOf = (p: Provider) => recordedText(`${p}.request.json`);
const splicerFor = (p: Provider) => providerAdapter(p).streamSplicer(requestOf(p), JSON.parse(requestOf(p)));
const joined = (name: string) => Buffer.concat(recordedChunks(name));

for (const { id: p } of PROVIDERS) {
  const proto = PROTOCOLS[p];
  const feed = (s: StreamSplicer, chunks: readonly Buffer[]) => feedAs(s, chunks, proto.framing);
  const eventsOf = (text: string) => eventsIn(text, proto.framing);

  test(`${p} stream splicer: an answer without retrieve calls reaches the client byte for byte`, () => {
    const s = splicerFor(p);
    assert.equal(feed(s, recordedChunks(`${p}.final`)), joined(`${p}.final`).toString('utf8'));
    assert.equal(s.pendingRetrieves(), undefined);
  });

  test(`${p} stream splicer: a retrieve-only turn is held from the client and its call is reported`, () => {
    const s = splicerFor(p);
    const out = feed(s, recordedChunks(`${p}.retrieve`));
    assert.ok(!out.includes('headroom_retrieve'), 'the retrieve call never reaches the client');
    const events = eventsOf(out);
    assert.ok(!events.some((e) => proto.ends(e.data, e.event)), 'the message stays open for the next round');
    const given = new Set(eventsOf(joined(`${p}.retrieve`).toString('utf8')).map((e) => e.raw));
    for (const e of events) assert.ok(given.has(e.raw), `forwarded as received: ${e.raw.slice(0, 80)}`);
    // the recorded call's arguments held a `command`, not an `id`: the call is reported with no id to look up
    assert.deepEqual(s.pendingRetrieves(), [
      { callId: proto.callId(joined(`${p}.retrieve`).toString('latin1')), id: undefined },
    ]);
  });

  test(`${p} stream splicer: the continuation appends this turn and the answer after the request's own bytes`, () => {
    const s = splicerFor(p);
    feed(s, recordedChunks(`${p}.retrieve`));
    const [call] = s.pendingRetrieves()!;
    const request = requestOf(p);
    const next = s.continuation([{ callId: call.callId, content: 'ORIGINAL TEXT 42', found: true }]);
    const body = JSON.parse(next) as Record<string, unknown>;
    assert.ok(next.includes('ORIGINAL TEXT 42'));
    const list = JSON.stringify(body.messages ?? body.input ?? body.contents);
    assert.ok(list.includes('headroom_retrieve'), "the model's own retrieve call is in the conversation it continues");
    // every byte of the request stays; the new turns go in just before the conversation array's closing bracket
    const key = ['messages', 'input', 'contents'].find((k) => k in JSON.parse(request))!;
    const cut = locateValues(request, [[key]])[0]!.end - 1;
    assert.ok(next.startsWith(request.slice(0, cut)), 'cached prefix unchanged');
    assert.ok(next.endsWith(request.slice(cut)), 'the rest of the request unchanged');
  });

  test(`${p} stream splicer: a continued round joins the client's one message`, () => {
    const s = splicerFor(p);
    let out = feed(s, recordedChunks(`${p}.retrieve`));
    const [call] = s.pendingRetrieves()!;
    s.continuation([{ callId: call.callId, content: 'ORIGINAL', found: true }]);
    s.beginRound();
    out += feed(s, recordedChunks(`${p}.final`));
    assert.equal(s.pendingRetrieves(), undefined);
    const events = eventsOf(out);
    assert.ok(events.filter((e) => proto.starts(e.data, e.event)).length <= 1, 'one start');
    assert.equal(events.filter((e) => proto.ends(e.data, e.event)).length, 1, 'one end');
    assert.ok(proto.ends(events.at(-1)!.data, events.at(-1)!.event), 'and it is last');
    assert.ok(out.includes('FINAL ANSWER'), "the continued round's text reaches the client");
    assert.ok(!out.includes('headroom_retrieve'));
  });

  test(`${p} stream splicer: the round limit closes the message with the note`, () => {
    const s = splicerFor(p);
    feed(s, recordedChunks(`${p}.retrieve`));
    const end = s.finish('[headroom: stopped]');
    assert.ok(end.includes('[headroom: stopped]'));
    const events = eventsOf(end);
    assert.ok(proto.ends(events.at(-1)!.data, events.at(-1)!.event));
  });

  test(`${p} stream splicer: a failed round becomes the protocol's error event with the provider's message`, () => {
    const s = splicerFor(p);
    feed(s, recordedChunks(`${p}.retrieve`));
    const failure: RoundFailure = { status: 429, message: 'the provider answered 429: slow down' };
    const got = proto.failureOf(s.fail(failure));
    assert.equal(got.message, failure.message);
    assert.match(got.kind, /rate_limit|RESOURCE_EXHAUSTED|429/);
  });

  test(`${p} stream splicer: the same output however the bytes are cut`, () => {
    for (const kase of ['retrieve', 'final']) {
      const whole = splicerFor(p);
      const expected = feed(whole, [joined(`${p}.${kase}`)]);
      const calls = whole.pendingRetrieves();
      for (const pieces of twoPieceSplits(joined(`${p}.${kase}`))) {
        const s = splicerFor(p);
        const out = feed(s, pieces);
        if (out !== expected) assert.fail(`${kase}: cut at byte ${pieces[0].length} changed the output`);
        assert.deepEqual(s.pendingRetrieves(), calls);
      }
      const bytewise = splicerFor(p);
      const all = joined(`${p}.${kase}`);
      assert.equal(
        feed(
          bytewise,
          [...all].map((b) => Buffer.from([b])),
        ),
        expected,
        'one byte at a time',
      );
    }
  });
}

test('anthropic stream splicer: deltas before the retrieve call, forwarded unread, are in the continuation', () => {
  const s = splicerFor('anthropic');
  const sse = new SseParser();
  for (const chunk of recordedChunks('anthropic.retrieve')) for (const ev of sse.push(chunk)) s.onEvent(ev);
  for (const ev of sse.end()) s.onEvent(ev);
  const [call] = s.pendingRetrieves()!;
  const body = JSON.parse(s.continuation([{ callId: call.callId, content: 'ORIGINAL', found: true }]));
  const assistant = body.messages.at(-2);
  assert.equal(assistant.role, 'assistant');
  assert.deepEqual(assistant.content[0], { type: 'text', text: 'I will run a command.' });
  assert.deepEqual(assistant.content[1].input, { command: 'hr_0123456789abcdef' });
});
