/**
 * headroomExpress in a real express app that forwards chat completions itself, called by the real `openai` client:
 * the forwarded bytes are the client's body with the tool output compressed; other routes are untouched.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import OpenAI from 'openai';
import { headroomExpress, type HeadroomRequestInfo } from '../../core/integrations/express.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';

const listing = readFileSync(join(__dirname, '..', 'fixtures', 'mcp', 'packages.json'), 'utf8');
const chatReply = {
  id: 'c1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'done' }, finish_reason: 'stop' }],
};
const store = new MemoryStore();
let provider: FakeProvider;
let server: Server;
let appUrl: string;

before(async () => {
  provider = await startFakeProvider(() => ({ body: chatReply }));
  const app = express();
  // the app's own forwarding route: what it sends upstream is what headroom left on the request
  app.post('/llm/v1/chat/completions', headroomExpress({ store }), async (req, res) => {
    const info = (req as unknown as { headroom: HeadroomRequestInfo }).headroom;
    const up = await fetch(`${provider.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: String(req.headers.authorization) },
      body: new Uint8Array(info.bytes),
    });
    res
      .status(up.status)
      .type('application/json')
      .send(Buffer.from(await up.arrayBuffer()));
  });
  // a route behind express.json(): the parsed body is compressed in place
  app.post('/parsed/chat/completions', express.json({ limit: '10mb' }), headroomExpress({ store }), (req, res) => {
    res.json({ toolContent: (req.body as { messages: { content: string }[] }).messages[2].content });
  });
  app.post('/other', headroomExpress({ store }), (req, res) =>
    res.json({ headroom: (req as unknown as { headroom?: unknown }).headroom ?? null }),
  );
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((r) => server.close(r));
  await provider.close();
});

const messages = [
  { role: 'user' as const, content: 'which licence does sql.js use?' },
  {
    role: 'assistant' as const,
    content: null,
    tool_calls: [{ id: 'call_1', type: 'function' as const, function: { name: 'list_packages', arguments: '{}' } }],
  },
  { role: 'tool' as const, tool_call_id: 'call_1', content: listing },
];

test(`an app forwarding chat completions sends the compressed body upstream, byte-spliced into the client's \
JSON`, async () => {
  const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${appUrl}/llm/v1` });
  const res = await client.chat.completions.create({ model: 'gpt-4o', messages, temperature: 0.25 });
  assert.equal(res.choices[0].message.content, 'done');
  const sent = provider.received.at(-1)!;
  assert.equal(sent.headers.authorization, 'Bearer sk-test');
  const body = sent.json<{ temperature: number; messages: { content: string }[] }>();
  assert.equal(body.temperature, 0.25, 'other fields as the client sent them');
  assert.ok(body.messages[2].content.length < listing.length / 4);
  assert.match(body.messages[2].content, /sql\.js \| 1\.17\.0/);
  const original = [...store.ccr.values()].find((v) => v === listing);
  assert.ok(original, 'the exact original is in the store');
});

test('after express.json(), req.body is compressed in place; non-LLM routes pass untouched', async () => {
  const r = await fetch(`${appUrl}/parsed/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'x', messages }),
  });
  const { toolContent } = (await r.json()) as { toolContent: string };
  assert.ok(toolContent.length < listing.length / 4);
  const other = await fetch(`${appUrl}/other`, { method: 'POST', body: 'x' });
  assert.deepEqual(await other.json(), { headroom: null });
});
