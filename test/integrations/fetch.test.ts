/**
 * headroomFetch handed to the real `openai` and `@anthropic-ai/sdk` clients: request bodies are compressed in-process
 * before a fake provider on 127.0.0.1 receives them, replies come back untouched, and markers redeem from the store.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { headroomFetch } from '../../core/integrations/fetch.js';
import { openStore } from '../../core/ccr/store.js';
import type { HeadroomStore } from '../../core/ccr/store-types.js';
import { markerIds } from '../../core/ccr/marker.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';

const listing = readFileSync(join(__dirname, '..', 'fixtures', 'mcp', 'packages.json'), 'utf8');
const chatReply = {
  id: 'c1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'sql.js is MIT' }, finish_reason: 'stop' }],
};
const msgReply = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text: 'sql.js is MIT' }],
  stop_reason: 'end_turn',
  usage: { input_tokens: 1, output_tokens: 1 },
};
let provider: FakeProvider;
let store: HeadroomStore;

before(async () => {
  provider = await startFakeProvider((req) =>
    req.url.includes('/messages')
      ? { body: msgReply }
      : req.url.endsWith('/models')
        ? { body: { object: 'list', data: [] } }
        : { body: chatReply },
  );
  store = await openStore({ dir: mkdtempSync(join(tmpdir(), 'hr-fetch-')) });
});
after(async () => {
  await provider.close();
  await store.close();
});

test(`new OpenAI({ fetch: headroomFetch() }): the tool message reaches the provider compressed; the reply is the \
provider's`, async () => {
  const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${provider.url}/v1`, fetch: headroomFetch({ store }) });
  const res = await client.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'user', content: 'which licence does sql.js use?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'list_packages', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: listing },
    ],
  });
  assert.equal(res.choices[0].message.content, 'sql.js is MIT');
  const sent = provider.received.at(-1)!;
  assert.equal(sent.url, '/v1/chat/completions');
  assert.equal(sent.headers.authorization, 'Bearer sk-test', 'auth passes through');
  const tool = sent.json<{ messages: { content: string }[] }>().messages[2].content;
  assert.ok(tool.length < listing.length / 4, `${listing.length} → ${tool.length}`);
  assert.match(tool, /sql\.js \| 1\.17\.0 \| MIT/, 'the row the question is about is kept');
  assert.ok(!sent.json<{ tools?: unknown }>().tools, 'no retrieve tool: nothing in-process could answer it');
  for (const id of markerIds(tool)) assert.ok(store.get(id), `marker ${id} redeems from the store`);
  await new Promise((r) => setImmediate(r));
  const rec = store.recentRequests(1)[0];
  assert.equal(rec.provider, 'openai-chat');
  assert.equal(rec.agent, 'library');
  assert.ok(rec.tokensAfter < rec.tokensBefore / 4);
});

test(`new Anthropic({ fetch: headroomFetch() }): tool_result compressed, same bytes on a repeated request \
(memo)`, async () => {
  const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: provider.url, fetch: headroomFetch({ store }) });
  const params: Anthropic.MessageCreateParams = {
    model: 'claude-sonnet-4-5',
    max_tokens: 100,
    messages: [
      { role: 'user', content: 'which licence does sql.js use?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'list_packages', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: listing }] },
    ],
  };
  const res = await client.messages.create(params);
  assert.deepEqual(res.content, msgReply.content);
  const first = provider.received.at(-1)!;
  assert.equal(first.headers.authorization, 'Bearer sk-ant-test', 'auth passes through');
  const tool = first.json<{ messages: { content: { content: string }[] }[] }>().messages[2].content[0].content;
  assert.ok(tool.length < listing.length / 4);
  await client.messages.create({
    ...params,
    messages: [...params.messages, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'and ajv?' }],
  });
  const again = provider.received.at(-1)!.json<{ messages: { content: { content: string }[] }[] }>().messages[2]
    .content[0].content;
  assert.equal(again, tool, 'a later turn with another question sends the same compressed bytes (prompt cache safe)');
});

test('requests that are not conversations pass through untouched', async () => {
  const seen: { url: string; body: unknown }[] = [];
  const spy: typeof fetch = async (input, init) => {
    seen.push({ url: String(input), body: init?.body });
    return new Response('{"object":"list","data":[]}', { headers: { 'content-type': 'application/json' } });
  };
  const f = headroomFetch({ store, fetch: spy });
  await f(`${provider.url}/v1/models`);
  const small = JSON.stringify({ model: 'x', messages: [{ role: 'user', content: 'hi' }] });
  await f(`${provider.url}/v1/chat/completions`, { method: 'POST', body: small });
  assert.equal(seen[0].body, undefined);
  assert.equal(seen[1].body, small, 'nothing to compress: the very same body object');
});
