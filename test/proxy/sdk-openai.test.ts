import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startHarness } from '../helpers/proxy-harness.js';
import { chatJson, chatSse, responsesJson, responsesSse } from '../helpers/provider-replies.js';
import { headLines, toolLog } from '../helpers/line-compress.js';
import { captureFetch, type Sent } from '../helpers/capture-fetch.js';
import { until } from '../helpers/wait.js';
import { deferred } from '../helpers/wait.js';
import { RETRIEVE_TOOL_JSON } from '../../core/proxy/retrieve-tool.js';
import type { MemoryStore } from '../helpers/memory-store.js';

const chatTools = [
  {
    type: 'function' as const,
    function: {
      name: 'shell',
      description: 'run',
      parameters: { type: 'object', properties: { cmd: { type: 'string' } } },
    },
  },
];

function chatMessages(log: string): OpenAI.ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: 'You are a coding agent.' },
    { role: 'user', content: 'why is the build slow?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'shell', arguments: '{"cmd":"cat build.log"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: log },
  ];
}

function expected(
  sent: string,
  original: string,
  toolsJson: string,
  provider: 'openai-chat' | 'openai-responses',
): string {
  assert.ok(sent.includes(JSON.stringify(original)) && sent.includes(toolsJson));
  return sent
    .replace(JSON.stringify(original), JSON.stringify(headLines(original).output))
    .replace(toolsJson, toolsJson.slice(0, -1) + ',' + RETRIEVE_TOOL_JSON[provider] + ']');
}

test(
  'OpenAI SDK chat, non-streaming: role:tool compressed, the rest byte-identical, Authorization ' + 'forwarded',
  async () => {
    const h = await startHarness(() => ({
      body: chatJson({ text: 'It waits on the lock.' }),
      headers: { 'x-request-id': 'req_1', 'openai-processing-ms': '12' },
    }));
    try {
      const sent: Sent[] = [];
      const client = new OpenAI({
        apiKey: 'sk-openai-secret',
        baseURL: h.proxy.url + '/v1',
        fetch: captureFetch(sent),
        organization: 'org-1',
      });
      const log = toolLog(4);
      const raw = await client.chat.completions
        .create({ model: 'gpt-test', messages: chatMessages(log), tools: chatTools, temperature: 0.25 })
        .withResponse();
      assert.equal(raw.data.choices[0].message.content, 'It waits on the lock.');
      assert.equal(raw.response.headers.get('openai-processing-ms'), '12', 'provider headers come back');
      const got = h.provider.received[0];
      assert.equal(got.url, '/v1/chat/completions');
      assert.equal(got.text, expected(sent[0].body, log, JSON.stringify(chatTools), 'openai-chat'));
      assert.equal(got.headers.authorization, 'Bearer sk-openai-secret');
      assert.equal(got.headers['openai-organization'], 'org-1');
      await until(h.proxy.events, 'request', () => (h.store as MemoryStore).requests.length >= 1);
      const rec = (h.store as MemoryStore).requests[0];
      assert.equal(rec.provider, 'openai-chat');
      assert.ok(rec.tokensAfter < rec.tokensBefore);
    } finally {
      await h.close();
    }
  },
);

test('OpenAI SDK chat, streaming: chunk by chunk, final text intact', async () => {
  const text = 'The build is slow because of the lint step.';
  // the provider holds the rest until the client saw its first chunk (a buffering proxy would time the test out)
  const firstChunk = deferred();
  const h = await startHarness(() => ({
    chunks: chatSse({ text, usage: true }),
    holdAfter: { chunks: 2, until: firstChunk.promise },
  }));
  try {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: h.proxy.url + '/v1' });
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages: chatMessages(toolLog(5)),
      tools: chatTools,
      stream: true,
      stream_options: { include_usage: true },
    });
    let chunks = 0;
    let out = '';
    let usage: unknown;
    for await (const chunk of stream) {
      if (chunks++ === 0) {
        assert.equal(
          h.provider.received[0].sentAt.length,
          2,
          'the first chunk arrived while the provider held the rest',
        );
        firstChunk.resolve();
      }
      out += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(out, text);
    assert.ok(usage, 'usage chunk forwarded');
  } finally {
    await h.close();
  }
});

const respTools = [
  {
    type: 'function' as const,
    name: 'shell',
    description: 'run',
    parameters: { type: 'object', properties: { cmd: { type: 'string' } } },
    strict: false,
  },
];

function respInput(log: string): OpenAI.Responses.ResponseInput {
  return [
    { role: 'user', content: 'what failed in the tests?' },
    { type: 'function_call', call_id: 'call_9', name: 'shell', arguments: '{"cmd":"npm test"}' },
    { type: 'function_call_output', call_id: 'call_9', output: log },
  ];
}

test(
  'OpenAI SDK Responses, non-streaming and streaming: function_call_output compressed, events forwarded in ' + 'order',
  async () => {
    let n = 0;
    const h = await startHarness(() => {
      n++;
      const items = [{ type: 'message' as const, id: 'msg_1', text: 'Two tests failed.' }];
      return n === 1 ? { body: responsesJson({ items }) } : { chunks: responsesSse({ items }), delayMs: 20 };
    });
    try {
      const sent: Sent[] = [];
      const client = new OpenAI({ apiKey: 'sk-test', baseURL: h.proxy.url + '/v1', fetch: captureFetch(sent) });
      const log = toolLog(6);
      const r = await client.responses.create({
        model: 'gpt-test',
        instructions: 'Be brief.',
        input: respInput(log),
        tools: respTools,
        store: false,
      });
      assert.equal(r.output_text, 'Two tests failed.');
      assert.equal(
        h.provider.received[0].text,
        expected(sent[0].body, log, JSON.stringify(respTools), 'openai-responses'),
      );

      const stream = await client.responses.create({
        model: 'gpt-test',
        instructions: 'Be brief.',
        input: respInput(log),
        tools: respTools,
        store: false,
        stream: true,
      });
      const types: string[] = [];
      const seqs: number[] = [];
      for await (const ev of stream) {
        types.push(ev.type);
        seqs.push(ev.sequence_number);
      }
      assert.equal(types[0], 'response.created');
      assert.equal(types[types.length - 1], 'response.completed');
      assert.deepEqual(
        seqs,
        seqs.map((_, i) => i),
      );
      // the same unit gives the same bytes in the second request (memo)
      assert.equal(h.provider.received[1].text.includes(JSON.stringify(headLines(log).output)), true);
    } finally {
      await h.close();
    }
  },
);
