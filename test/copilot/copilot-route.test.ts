import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness } from '../helpers/proxy-harness.js';
import { anthropicSse, chatSse, responsesSse } from '../helpers/provider-replies.js';
import { headLines, lineCompressBody } from '../helpers/line-compress.js';
import { startFakeProvider } from '../helpers/fake-provider.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { startProxy } from '../../core/proxy/start-proxy.js';
import { rawExchange } from '../helpers/raw-socket.js';
import type { Received, Script } from '../helpers/fake-provider.js';
import type { RequestRecord } from '../../core/ccr/store-types.js';
import type { StartProxyOptions } from '../../core/proxy/start-proxy.js';
import { copilotBaseUrl, loadOrCreateCopilotSecret } from '../../core/copilot/secret.js';
import { WS_RESPONSES } from '../../core/copilot/models-answer.js';
import { chatTurn, copilotSend, COPILOT_TOKEN, LOG, messagesTurn, responsesTurn, type Sent } from './copilot-client.js';

/** Copilot's `/models` answer, as modelMetadataFetcher.ts reads it (`.data[]`, each with `supported_endpoints`). */
const MODELS = JSON.stringify({
  data: [
    {
      id: 'gpt-5',
      name: 'GPT-5',
      vendor: 'Azure OpenAI',
      capabilities: { type: 'chat', family: 'gpt-5' },
      supported_endpoints: ['/chat/completions', '/responses', WS_RESPONSES],
    },
    {
      id: 'claude-sonnet-4',
      name: 'Claude Sonnet 4',
      vendor: 'Anthropic',
      capabilities: { type: 'chat', family: 'claude-sonnet-4' },
      supported_endpoints: ['/chat/completions', '/v1/messages'],
    },
    {
      id: 'gpt-4.1',
      name: 'GPT-4.1',
      vendor: 'Azure OpenAI',
      capabilities: { type: 'chat', family: 'gpt-4.1' },
      supported_endpoints: [WS_RESPONSES, '/responses'],
    },
  ],
  object: 'list',
});

/** A fake Copilot API: the three chat formats stream a short answer, /models and /_ping answer, the rest 404. */
const copilotApi: Script = (req) => {
  if (req.method === 'POST' && req.url === '/chat/completions')
    return { chunks: chatSse({ text: 'It waits on I/O.' }) };
  if (req.method === 'POST' && req.url === '/responses')
    return { chunks: responsesSse({ items: [{ type: 'message', id: 'msg_1', text: 'It waits on I/O.' }] }) };
  if (req.method === 'POST' && req.url === '/v1/messages')
    return { chunks: anthropicSse([{ type: 'text', text: 'It waits on I/O.' }]) };
  if (req.method === 'GET' && req.url === '/models') return { body: MODELS };
  if (req.method === 'GET' && req.url === '/_ping') return { body: { status: 'ok' } };
  if (req.method === 'POST' && req.url === '/models/session') return { body: { session_token: 'st' } };
  return { status: 404, body: { error: { message: `no ${req.url}` } } };
};

interface Env {
  h: Harness;
  home: string;
  base: string;
  close(): Promise<void>;
}

/** The proxy (HEADROOM_HOME in a temp folder, the Copilot base at the fake Copilot API) and the base Copilot is
 * given. */
async function start(opts: Partial<StartProxyOptions> = {}, script: Script = copilotApi): Promise<Env> {
  const home = mkdtempSync(join(tmpdir(), 'hr-copilot-'));
  const secret = loadOrCreateCopilotSecret(home); // what `headroom configure copilot-subscription` writes
  const provider = await startFakeProvider(script);
  const store = new MemoryStore();
  const proxy = await startProxy({
    compressBody: lineCompressBody,
    ...opts,
    store,
    port: 0,
    home,
    copilotBase: provider.url,
  });
  const h: Harness = { proxy, provider, store, close: async () => (await proxy.close(), await provider.close()) };
  return {
    h,
    home,
    base: copilotBaseUrl(proxy.url, secret),
    close: async () => {
      await h.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Every header the client sent arrived with the same value, except the body's length (the body was compressed). */
function assertHeadersUnchanged(sent: Sent, got: Received): void {
  for (const [name, value] of Object.entries(sent.headers)) {
    if (name.toLowerCase() === 'content-length') continue;
    assert.equal(got.headers[name.toLowerCase()], value, `${name} arrives unchanged`);
  }
}

const compressed = headLines(LOG).output;

for (const [label, path, turn] of [
  ['chat completions', '/chat/completions', chatTurn],
  ['Responses', '/responses', responsesTurn],
  ['Claude /v1/messages', '/v1/messages', messagesTurn],
] as const) {
  test(`Copilot ${label} turn: the tool result arrives compressed, every other byte and every header as Copilot sent \
them`, async () => {
    const env = await start({ retrieveTool: false });
    try {
      const recorded = once(env.h.proxy.events, 'request');
      const extra: Record<string, string> =
        path === '/v1/messages'
          ? { 'anthropic-beta': 'interleaved-thinking-2025-05-14', 'anthropic-version': '2023-06-01' }
          : {};
      const sent = await copilotSend(env.base, 'POST', path, turn(), extra);
      assert.equal(sent.response.status, 200);
      assert.match(sent.response.text, /It waits/);
      const [got] = env.h.provider.received;
      assert.equal(got.url, path, 'the path under the secret reaches the Copilot API as is');
      // byte for byte the client's body, with only the tool result's text replaced (copilot_cache_control,
      // copilot_references, cache_control, key order and spacing untouched)
      assert.equal(got.text, sent.body!.replace(JSON.stringify(LOG), JSON.stringify(compressed)));
      assertHeadersUnchanged(sent, got);
      const [rec] = (await recorded) as [RequestRecord];
      assert.equal(rec.agent, 'copilot');
      assert.ok(rec.tokensAfter < rec.tokensBefore, `${rec.tokensAfter} < ${rec.tokensBefore}`);
      const original = rec.units.find((u) => u.originalId)?.originalId;
      assert.equal((env.h.store as MemoryStore).get(original!), LOG, 'the original is retrievable exactly');
    } finally {
      await env.close();
    }
  });
}

test(`Copilot chat turn: the same tool result next turn is the same bytes (memo), so the prompt cache \
holds`, async () => {
  const env = await start({ retrieveTool: false });
  try {
    await copilotSend(env.base, 'POST', '/chat/completions', chatTurn());
    await copilotSend(env.base, 'POST', '/chat/completions', chatTurn());
    const [a, b] = env.h.provider.received;
    assert.equal(a.text, b.text);
  } finally {
    await env.close();
  }
});

test('a retrieval round on the Copilot route is sent as X-Initiator: agent; the user turn keeps its own', async () => {
  let n = 0;
  const script: Script = (req) => {
    if (req.url !== '/chat/completions') return copilotApi(req);
    n++;
    const id = /retrieve (hr_[0-9a-f]{16})/.exec(req.text)![1];
    return n === 1
      ? {
          chunks: chatSse({
            text: 'Looking. ',
            calls: [{ id: 'call_r', name: 'headroom_retrieve', args: JSON.stringify({ id }) }],
          }),
        }
      : { chunks: chatSse({ id: 'chatcmpl-2', text: 'It waits on I/O.' }) };
  };
  const env = await start({}, script);
  try {
    const sent = await copilotSend(env.base, 'POST', '/chat/completions', chatTurn());
    assert.equal(sent.response.status, 200);
    assert.doesNotMatch(sent.response.text, /headroom_retrieve/, 'no retrieve call reaches Copilot');
    const [first, second] = env.h.provider.received;
    assert.equal(env.h.provider.received.length, 2);
    assert.equal(first.headers['x-initiator'], 'user');
    assert.equal(second.headers['x-initiator'], 'agent');
    assert.equal(second.headers['x-request-id'], sent.headers['X-Request-Id']);
    assert.equal(second.headers.authorization, sent.headers.Authorization);
  } finally {
    await env.close();
  }
});

test(`/models: only the ws:/responses capability is taken out; the rest of the answer is byte for byte the \
API's`, async () => {
  const env = await start();
  try {
    const sent = await copilotSend(env.base, 'GET', '/models');
    assert.equal(sent.response.status, 200);
    assert.equal(sent.response.text, MODELS.replace(`,"${WS_RESPONSES}"`, '').replace(`"${WS_RESPONSES}",`, ''));
    assert.equal(Number(sent.response.headers['content-length']), sent.response.body.length);
    const [got] = env.h.provider.received;
    assertHeadersUnchanged(sent, got);
  } finally {
    await env.close();
  }
});

test(`every other path and method under the route passes through unchanged (/_ping, /models/session, unknown \
paths)`, async () => {
  const env = await start();
  try {
    const ping = await copilotSend(env.base, 'GET', '/_ping');
    assert.equal(ping.response.status, 200);
    assert.equal(ping.response.text, '{"status":"ok"}');
    const session = await copilotSend(env.base, 'POST', '/models/session', { auto_mode: { model_hints: ['auto'] } });
    assert.equal(session.response.text, '{"session_token":"st"}');
    const other = await copilotSend(env.base, 'DELETE', '/agents/sessions/42?x=1');
    assert.equal(other.response.status, 404, "the API's own answer comes back");
    const got = env.h.provider.received;
    assert.deepEqual(
      got.map((r) => `${r.method} ${r.url}`),
      ['GET /_ping', 'POST /models/session', 'DELETE /agents/sessions/42?x=1'],
    );
    assert.equal(got[1].text, session.body, 'a body that is not a conversation goes as sent');
    assertHeadersUnchanged(ping, got[0]);
    assertHeadersUnchanged(session, got[1]);
  } finally {
    await env.close();
  }
});

test('a wrong or missing secret is refused and nothing is forwarded', async () => {
  const env = await start();
  try {
    const origin = env.h.proxy.url;
    const wrong = copilotBaseUrl(origin, 'A'.repeat(43));
    for (const [method, path, body] of [
      ['POST', '/chat/completions', chatTurn()],
      ['GET', '/models', undefined],
      ['GET', '/_ping', undefined],
    ] as const) {
      const r = await copilotSend(wrong, method, path, body);
      assert.equal(r.response.status, 403, `${method} ${path}`);
      assert.match(r.response.text, /wrong Copilot route secret/);
      assert.doesNotMatch(r.response.text, /A{43}/, 'the refused secret is not echoed');
    }
    assert.equal((await copilotSend(origin + '/copilot', 'GET', '/')).response.status, 404);
    assert.equal((await copilotSend(origin + '/copilot/', 'POST', '', chatTurn())).response.status, 404);
    assert.equal(env.h.provider.received.length, 0, 'nothing reached the Copilot API');
  } finally {
    await env.close();
  }
});

test('without a HEADROOM_HOME the Copilot route does not exist (404), nothing forwarded', async () => {
  const h = await startHarness(copilotApi);
  try {
    const r = await copilotSend(`${h.proxy.url}/copilot/${'x'.repeat(43)}`, 'POST', '/chat/completions', chatTurn());
    assert.equal(r.response.status, 404);
    assert.equal(h.provider.received.length, 0);
  } finally {
    await h.close();
  }
});

test(`a WebSocket upgrade on the Copilot Responses path is answered 426 (Copilot retries over HTTP); a wrong secret \
403`, async () => {
  const env = await start();
  try {
    const port = env.h.proxy.port;
    const path = new URL(env.base).pathname;
    const up = (p: string) =>
      `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer t\r\n\r\n';
    assert.equal((await rawExchange(port, up(`${path}/responses`))).status, 426);
    assert.equal((await rawExchange(port, up(`/copilot/${'B'.repeat(43)}/responses`))).status, 403);
    assert.equal(env.h.provider.received.length, 0);
  } finally {
    await env.close();
  }
});

test(`/models that is not a 200 JSON answer comes back byte for byte (the API's error reaches Copilot as that \
error)`, async () => {
  const denied = `{"error":{"message":"token expired","code":"unauthorized"},"hint":"${WS_RESPONSES}"}`;
  const env = await start({}, (req) =>
    req.url === '/models'
      ? { status: 401, body: denied, headers: { 'x-github-request-id': 'AB:CD' } }
      : copilotApi(req),
  );
  try {
    const sent = await copilotSend(env.base, 'GET', '/models');
    assert.equal(sent.response.status, 401);
    assert.equal(sent.response.text, denied);
    assert.equal(sent.response.headers['x-github-request-id'], 'AB:CD');
  } finally {
    await env.close();
  }
});

test('tunnel mode: a Copilot Responses WebSocket upgrade goes to the Copilot base with its headers', async () => {
  const seen: { url?: string; authorization?: string }[] = [];
  const upstream = http.createServer((_req, res) => res.end());
  upstream.on('upgrade', (req, socket: Duplex) => {
    seen.push({ url: req.url, authorization: req.headers.authorization });
    socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  });
  upstream.listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  const home = mkdtempSync(join(tmpdir(), 'hr-copilot-'));
  const secret = loadOrCreateCopilotSecret(home);
  const proxy = await startProxy({
    store: new MemoryStore(),
    port: 0,
    home,
    copilotBase: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    responsesWebSocket: 'tunnel',
  });
  try {
    const req =
      `GET /copilot/${secret}/responses HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\n` +
      `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n` +
      `Sec-WebSocket-Version: 13\r\nAuthorization: Bearer ${COPILOT_TOKEN}\r\n\r\n`;
    assert.equal((await rawExchange(proxy.port, req)).status, 101);
    assert.deepEqual(seen, [{ url: '/responses', authorization: `Bearer ${COPILOT_TOKEN}` }]);
  } finally {
    await proxy.close();
    await new Promise<void>((r) => upstream.close(() => r()));
    rmSync(home, { recursive: true, force: true });
  }
});
