// The proxy app driven in-process (test/helpers/app-request.ts): no listening socket on the proxy's side, so these
// tests exercise routing, refusals and a retrieval round without a port; the upstream is a fake provider on loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createProxyApp, type ProxyApp } from '../../core/proxy/app.js';
import { appRequest } from '../helpers/app-request.js';
import { startFakeProvider, type FakeProvider, type Received, type Script } from '../helpers/fake-provider.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { lineCompressBody, toolLog } from '../helpers/line-compress.js';
import { anthropicJson } from '../helpers/provider-replies.js';
import type { RetrievalRecord } from '../../core/ccr/store-types.js';

const log = toolLog(3);
const rest = log.split('\n').slice(3).join('\n'); // what the test compressor leaves out, behind its marker
const markerId = (r: Received) => /lines omitted · retrieve (hr_[0-9a-f]{16})/.exec(r.text)![1];
const conversation = JSON.stringify({
  model: 'claude-test',
  max_tokens: 50,
  tools: [{ name: 'Bash', input_schema: { type: 'object', properties: { command: { type: 'string' } } } }],
  messages: [
    { role: 'user', content: 'what did job 3040 do?' },
    {
      role: 'assistant',
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'cat w.log' } }],
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: log }] },
  ],
});
const json = { 'content-type': 'application/json', 'x-api-key': 'sk-test' };

async function inProcess(
  script: Script,
): Promise<{ app: ProxyApp; provider: FakeProvider; store: MemoryStore; close(): Promise<void> }> {
  const provider = await startFakeProvider(script);
  const store = new MemoryStore();
  const app = createProxyApp({
    store,
    compressBody: lineCompressBody,
    bases: { anthropic: provider.url, openai: provider.url, gemini: provider.url },
  });
  return {
    app,
    provider,
    store,
    close: async () => {
      await app.close();
      await provider.close();
    },
  };
}

test(
  'routing: /health and /stats answer locally; a conversation is compressed and forwarded; other paths pass ' +
    'through',
  async () => {
    const p = await inProcess((req) =>
      req.url === '/v1/models'
        ? { body: { data: [{ id: 'claude-test' }] } }
        : { body: anthropicJson([{ type: 'text', text: 'done' }]) },
    );
    try {
      const health = await appRequest(p.app.app, { url: '/health' });
      assert.equal(health.status, 200);
      assert.equal(JSON.parse(health.text).status, 'ok');
      assert.equal(p.provider.received.length, 0, '/health never reaches the provider');

      const answer = await appRequest(p.app.app, { url: '/v1/messages', headers: json, body: conversation });
      assert.equal(answer.status, 200);
      assert.equal(JSON.parse(answer.text).content[0].text, 'done', "the provider's answer, unchanged");
      assert.equal(p.provider.received.length, 1);
      const sent = p.provider.received[0];
      assert.equal(sent.url, '/v1/messages');
      assert.equal(sent.headers['x-api-key'], 'sk-test', "the client's key goes upstream");
      assert.ok(sent.text.includes(markerId(sent)), 'the tool result went upstream compressed, behind a marker');
      assert.ok(!sent.text.includes(log.split('\n')[5]), 'the omitted lines did not go upstream');

      const models = await appRequest(p.app.app, { url: '/v1/models', headers: { 'x-api-key': 'sk-test' } });
      assert.equal(models.status, 200);
      assert.deepEqual(JSON.parse(models.text), { data: [{ id: 'claude-test' }] });
      assert.equal(p.provider.received[1].url, '/v1/models', 'passed through as sent');

      const stats = await appRequest(p.app.app, { url: '/stats' });
      assert.equal(stats.status, 200);
      assert.ok(Array.isArray(JSON.parse(stats.text).recent));
    } finally {
      await p.close();
    }
  },
);

test(
  'request-target refusal: a target naming a host, or walking out of the base, is refused before anything is ' +
    'forwarded',
  async () => {
    const p = await inProcess(() => ({ body: anthropicJson([{ type: 'text', text: 'never' }]) }));
    try {
      for (const url of [
        'http://evil.example/v1/messages',
        '//evil.example/v1/messages',
        '/v1/../../admin',
        '/v1/%2e%2e/x',
      ]) {
        const r = await appRequest(p.app.app, { url, headers: json, body: conversation });
        assert.equal(r.status, 400, url);
        assert.equal(JSON.parse(r.text).error.type, 'invalid_request_target', url);
        assert.equal(r.headers.connection, 'close', url);
      }
      const foreign = await appRequest(p.app.app, {
        url: '/v1/messages',
        headers: { ...json, host: 'evil.example' },
        body: conversation,
      });
      assert.equal(foreign.status, 403, 'a Host that is not this machine is refused (DNS rebinding)');
      assert.equal(p.provider.received.length, 0, 'nothing reached the provider');
    } finally {
      await p.close();
    }
  },
);

test(
  'one retrieval round: the model asks for the omitted lines, the proxy answers from the store and returns the ' +
    'final answer',
  async () => {
    let n = 0;
    const p = await inProcess((req) =>
      ++n === 1
        ? {
            body: anthropicJson([
              { type: 'tool_use', id: 'toolu_r1', name: 'headroom_retrieve', input: { id: markerId(req) } },
            ]),
          }
        : { body: anthropicJson([{ type: 'text', text: 'Job 3040 took 6ms.' }], { id: 'msg_2' }) },
    );
    const retrievals: RetrievalRecord[] = [];
    p.app.events.on('retrieval', (r) => retrievals.push(r));
    try {
      const r = await appRequest(p.app.app, { url: '/v1/messages', headers: json, body: conversation });
      assert.equal(r.status, 200);
      const msg = JSON.parse(r.text) as { content: { type: string; text?: string }[]; stop_reason: string };
      assert.deepEqual(
        msg.content.map((b) => b.type),
        ['text'],
        'the client sees only the final answer',
      );
      assert.equal(msg.content[0].text, 'Job 3040 took 6ms.');
      assert.equal(msg.stop_reason, 'end_turn');
      assert.equal(p.provider.received.length, 2, 'the provider saw the retrieve round');
      const second = p.provider.received[1].json<{
        messages: { role: string; content: { type: string; content?: string }[] }[];
      }>();
      const answer = second.messages[second.messages.length - 1];
      assert.equal(answer.content[0].type, 'tool_result');
      assert.equal(answer.content[0].content, rest, 'the exact omitted text');
      // recorded once the tokens it handed back are counted (in a compression worker)
      if (!retrievals.length) await once(p.app.events, 'retrieval');
      assert.equal(retrievals.length, 1);
      assert.equal(retrievals[0].found, true);
    } finally {
      await p.close();
    }
  },
);
