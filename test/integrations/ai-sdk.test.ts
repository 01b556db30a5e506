/**
 * headroomMiddleware with the real `ai` package: wrapLanguageModel + generateText against the AI SDK's gateway
 * provider pointed at a fake gateway on 127.0.0.1, which receives the LanguageModelV3 call options as JSON — so the
 * test sees exactly the prompt a provider would get.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createGateway,
  generateText,
  wrapLanguageModel,
  type JSONValue,
  type LanguageModelMiddleware,
  type ModelMessage,
} from 'ai';
import { headroomMiddleware } from '../../core/integrations/ai-sdk.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';

const listing = readFileSync(join(__dirname, '..', 'fixtures', 'mcp', 'packages.json'), 'utf8');
const result = {
  content: [{ type: 'text', text: 'sql.js is MIT' }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: {
    inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 1, text: 1, reasoning: 0 },
  },
  warnings: [],
};
let gateway: FakeProvider;
before(async () => {
  gateway = await startFakeProvider(() => ({ body: result }));
});
after(() => gateway.close());

type Sent = { prompt: { role: string; content: { type: string; output?: { type: string; value: unknown } }[] }[] };

function messages(output: { type: 'text'; value: string } | { type: 'json'; value: JSONValue }): ModelMessage[] {
  return [
    { role: 'user', content: 'which licence does sql.js use?' },
    { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'list_packages', input: {} }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'list_packages', output }] },
  ];
}

test(`the middleware type-checks as a LanguageModelMiddleware and compresses text tool results before the \
provider`, async () => {
  const store = new MemoryStore();
  const middleware: LanguageModelMiddleware = headroomMiddleware({ store });
  const model = wrapLanguageModel({
    model: createGateway({ baseURL: gateway.url, apiKey: 'test-key' })('openai/gpt-4o'),
    middleware,
  });
  const res = await generateText({ model, messages: messages({ type: 'text', value: listing }) });
  assert.equal(res.text, 'sql.js is MIT');
  const sent = gateway.received.at(-1)!;
  assert.equal(sent.url, '/language-model');
  const out = sent.json<Sent>().prompt[2].content[0].output!;
  assert.equal(out.type, 'text');
  const text = out.value as string;
  assert.ok(text.length < listing.length / 4, `${listing.length} → ${text.length}`);
  assert.match(text, /sql\.js \| 1\.17\.0/);
  assert.ok([...store.ccr.values()].includes(listing), 'the exact original is stored');
  await new Promise((r) => setImmediate(r));
  assert.equal(store.requests[0].agent, 'ai-sdk');
});

test(`json tool results are compressed as their JSON text; a repeat gets the same bytes; small results \
pass`, async () => {
  const store = new MemoryStore();
  const model = wrapLanguageModel({
    model: createGateway({ baseURL: gateway.url, apiKey: 'k' })('openai/gpt-4o'),
    middleware: headroomMiddleware({ store }),
  });
  await generateText({ model, messages: messages({ type: 'json', value: JSON.parse(listing) as JSONValue }) });
  const first = gateway.received.at(-1)!.json<Sent>().prompt[2].content[0].output!;
  assert.equal(first.type, 'text');
  assert.ok((first.value as string).length < listing.length / 4);
  await generateText({
    model,
    messages: [
      ...messages({ type: 'json', value: JSON.parse(listing) as JSONValue }),
      { role: 'user', content: 'and ajv?' },
    ],
  });
  const again = gateway.received.at(-1)!.json<Sent>().prompt[2].content[0].output!;
  assert.equal(again.value, first.value, 'memo: same bytes in a later turn');
  await generateText({ model, messages: messages({ type: 'text', value: 'short result' }) });
  assert.deepEqual(gateway.received.at(-1)!.json<Sent>().prompt[2].content[0].output, {
    type: 'text',
    value: 'short result',
  });
});
