import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startHarness } from '../helpers/proxy-harness.js';
import { anthropicJson, anthropicSse } from '../helpers/provider-replies.js';
import { headLines, toolLog } from '../helpers/line-compress.js';
import { captureFetch, type Sent } from '../helpers/capture-fetch.js';
import { until } from '../helpers/wait.js';
import { deferred } from '../helpers/wait.js';
import { RETRIEVE_TOOL_JSON } from '../../core/proxy/retrieve-tool.js';
import type { MemoryStore } from '../helpers/memory-store.js';

const tools = [
  {
    name: 'Bash',
    description: 'Run a shell command',
    input_schema: { type: 'object' as const, properties: { command: { type: 'string' } } },
  },
];
const system = [
  { type: 'text' as const, text: 'You are a coding agent.', cache_control: { type: 'ephemeral' as const } },
];

function conversation(log: string) {
  return [
    { role: 'user' as const, content: 'why do the jobs take long?' },
    {
      role: 'assistant' as const,
      content: [
        { type: 'thinking' as const, thinking: 'look at the log', signature: 'c2lnbmF0dXJl' },
        { type: 'tool_use' as const, id: 'toolu_1', name: 'Bash', input: { command: 'cat worker.log' } },
      ],
    },
    {
      role: 'user' as const,
      content: [
        {
          type: 'tool_result' as const,
          tool_use_id: 'toolu_1',
          content: log,
          cache_control: { type: 'ephemeral' as const },
        },
      ],
    },
  ];
}

/** What the provider must receive: the SDK's exact bytes with only the unit swapped and the retrieve tool appended. */
function expectedUpstream(sent: string, original: string): string {
  const t = JSON.stringify(tools);
  assert.ok(sent.includes(JSON.stringify(original)) && sent.includes(t));
  return sent
    .replace(JSON.stringify(original), JSON.stringify(headLines(original).output))
    .replace(t, t.slice(0, -1) + ',' + RETRIEVE_TOOL_JSON.anthropic + ']');
}

test(
  'Anthropic SDK, non-streaming: tool result compressed, every other byte as sent, auth and beta headers ' +
    'forwarded',
  async () => {
    const h = await startHarness(() => ({
      body: anthropicJson([{ type: 'text', text: 'The jobs are fine.' }]),
      headers: { 'request-id': 'req_42' },
    }));
    try {
      const sent: Sent[] = [];
      const client = new Anthropic({
        apiKey: 'sk-ant-secret-1',
        baseURL: h.proxy.url,
        fetch: captureFetch(sent),
        defaultHeaders: { 'anthropic-beta': 'interleaved-thinking-2025-05-14', 'x-api-key': 'sk-ant-secret-2' },
      });
      const log = toolLog(1);
      const params = {
        model: 'claude-test',
        max_tokens: 100,
        system,
        tools,
        messages: conversation(log),
        metadata: { user_id: 'u1' },
        unknown_future_field: { keep: [1, 2.5, 'é'] },
      };
      const msg = await client.messages.create(params as Anthropic.MessageCreateParamsNonStreaming);
      assert.deepEqual(msg.content, [{ type: 'text', text: 'The jobs are fine.' }]);

      const got = h.provider.received[0];
      assert.equal(got.url, '/v1/messages');
      assert.equal(got.text, expectedUpstream(sent[0].body, log));
      assert.equal(got.headers['authorization'], sent[0].headers['authorization']);
      assert.equal(got.headers['x-api-key'], 'sk-ant-secret-2');
      assert.equal(got.headers['anthropic-beta'], 'interleaved-thinking-2025-05-14');
      assert.equal(got.headers['anthropic-version'], sent[0].headers['anthropic-version']);
      assert.equal(got.headers['content-length'], String(got.body.length));

      await until(h.proxy.events, 'request', () => (h.store as MemoryStore).requests.length >= 1);
      const rec = (h.store as MemoryStore).requests[0];
      assert.equal(rec.provider, 'anthropic');
      assert.equal(rec.model, 'claude-test');
      assert.equal(rec.status, 200);
      assert.equal(rec.units.length, 1);
      assert.ok(rec.tokensAfter < rec.tokensBefore / 5, `${rec.tokensBefore} → ${rec.tokensAfter}`);
      assert.equal(h.store.get(rec.units[0].originalId!), log, 'the exact original is in the store');
      assert.ok(!JSON.stringify(rec).includes('sk-ant-secret'), 'no secret in records');
    } finally {
      await h.close();
    }
  },
);

test('Anthropic SDK, streaming: the client gets the first event before the provider sent the last one', async () => {
  const text = 'Jobs are slow because worker-1 waits on the database lock.';
  // the provider holds the rest of the stream until the client saw its first event: a proxy that buffered the
  // answer would never let that happen (the test would time out)
  const firstEvent = deferred();
  const h = await startHarness(() => ({
    chunks: anthropicSse([{ type: 'text', text }]),
    holdAfter: { chunks: 2, until: firstEvent.promise },
  }));
  try {
    const client = new Anthropic({ apiKey: 'sk-test', baseURL: h.proxy.url });
    const stream = await client.messages.create({
      model: 'claude-test',
      max_tokens: 100,
      system,
      tools,
      messages: conversation(toolLog(2)),
      stream: true,
    });
    let events = 0;
    let out = '';
    for await (const ev of stream) {
      if (events++ === 0) {
        assert.equal(
          h.provider.received[0].sentAt.length,
          2,
          'the first event arrived while the provider held the rest',
        );
        firstEvent.resolve();
      }
      if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') out += ev.delta.text;
    }
    assert.equal(out, text);
    assert.ok(events >= 7);
  } finally {
    await h.close();
  }
});

test(
  'Anthropic SDK helper stream (messages.stream) without anything to compress: the body reaches the provider byte ' +
    'for byte',
  async () => {
    const h = await startHarness(() => ({ chunks: anthropicSse([{ type: 'text', text: 'ok' }]), delayMs: 5 }));
    try {
      const sent: Sent[] = [];
      const client = new Anthropic({ apiKey: 'sk-test', baseURL: h.proxy.url, fetch: captureFetch(sent) });
      const final = await client.messages
        .stream({ model: 'claude-test', max_tokens: 10, system, tools, messages: [{ role: 'user', content: 'hi' }] })
        .finalMessage();
      assert.deepEqual(final.content, [{ type: 'text', text: 'ok' }]);
      assert.equal(h.provider.received[0].text, sent[0].body);
    } finally {
      await h.close();
    }
  },
);

test(
  'count_tokens is counted on what will be sent: compressed like the conversation, the next turn carries the same ' +
    'bytes, no request record',
  async () => {
    const h = await startHarness(() => ({ body: { input_tokens: 123 } }));
    try {
      const sent: Sent[] = [];
      const client = new Anthropic({ apiKey: 'sk-test', baseURL: h.proxy.url, fetch: captureFetch(sent) });
      const log = toolLog(3);
      // Claude Code calls the beta endpoints with ?beta=true
      const r = await client.messages.countTokens(
        { model: 'claude-test', messages: conversation(log), tools },
        { query: { beta: 'true' } },
      );
      assert.ok(sent[0].url.endsWith('/v1/messages/count_tokens?beta=true'));
      assert.equal(r.input_tokens, 123);
      assert.equal(h.provider.received[0].url, '/v1/messages/count_tokens?beta=true');
      assert.equal(
        h.provider.received[0].text,
        expectedUpstream(sent[0].body, log),
        'the unit compressed and the retrieve tool added, as the real request will be',
      );

      await client.messages.create({ model: 'claude-test', max_tokens: 10, messages: conversation(log), tools });
      const counted = JSON.parse(h.provider.received[0].text) as { messages: Array<{ content: unknown }> };
      const real = JSON.parse(h.provider.received[1].text) as { messages: Array<{ content: unknown }> };
      assert.deepEqual(
        real.messages[2].content,
        counted.messages[2].content,
        'the turn sends exactly what was counted',
      );
      await until(h.proxy.events, 'request', () => (h.store as MemoryStore).requests.length >= 1);
      const recs = (h.store as MemoryStore).requests;
      assert.equal(recs.length, 1, 'only the real request is recorded (a count would count the savings twice)');
      assert.equal(recs[0].units[0].memoHit, true);
    } finally {
      await h.close();
    }
  },
);
