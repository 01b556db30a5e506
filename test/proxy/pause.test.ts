import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { startHarness } from '../helpers/proxy-harness.js';
import { anthropicJson } from '../helpers/provider-replies.js';
import { toolLog } from '../helpers/line-compress.js';
import { rawRequest } from '../helpers/raw-http.js';
import { startProxy } from '../../core/proxy/start-proxy.js';
import { MemoryStore } from '../helpers/memory-store.js';
import type { RequestRecord } from '../../core/ccr/store-types.js';

const json = { 'content-type': 'application/json' };
const conversation = (log: string) =>
  JSON.stringify({
    model: 'claude-test',
    max_tokens: 5,
    messages: [
      { role: 'user', content: 'why?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'cat log' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: log }] },
    ],
  });

test(
  'GET/PUT /pause: one state per proxy, read and set by any local client; the paused request is recorded as ' +
    'paused',
  async () => {
    const h = await startHarness(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }));
    try {
      const url = `${h.proxy.url}/pause`;
      assert.deepEqual(JSON.parse((await rawRequest(url, { method: 'GET' })).text), { paused: false });
      const put = await rawRequest(url, { method: 'PUT', headers: json, body: '{"paused":true}' });
      assert.equal(put.status, 200);
      assert.deepEqual(JSON.parse(put.text), { paused: true });
      assert.equal(h.proxy.pause.paused, true);

      const log = toolLog(1, 80);
      const seen = once(h.proxy.events, 'request') as Promise<[RequestRecord]>;
      const r = await rawRequest(`${h.proxy.url}/v1/messages`, { headers: json, body: conversation(log) });
      assert.equal(r.status, 200);
      assert.equal(h.provider.received[0].text, conversation(log), 'forwarded byte for byte');
      const [rec] = await seen;
      assert.equal(rec.paused, true);
      assert.equal(rec.status, 200);
      assert.equal(rec.units.length, 0);

      h.proxy.pause.set(false);
      assert.deepEqual(JSON.parse((await rawRequest(url, { method: 'GET' })).text), { paused: false });
      const seen2 = once(h.proxy.events, 'request') as Promise<[RequestRecord]>;
      await rawRequest(`${h.proxy.url}/v1/messages`, { headers: json, body: conversation(log) });
      const [rec2] = await seen2;
      assert.equal(rec2.paused, undefined);
      assert.ok(h.provider.received[1].text.length < conversation(log).length, 'compressed again');
    } finally {
      await h.close();
    }
  },
);

test('PUT /pause refuses a web origin, a non-JSON body type and a malformed body, and changes nothing', async () => {
  const h = await startHarness(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }));
  try {
    const url = `${h.proxy.url}/pause`;
    const fromPage = await rawRequest(url, {
      method: 'PUT',
      headers: { ...json, origin: 'https://attacker.example' },
      body: '{"paused":true}',
    });
    assert.equal(fromPage.status, 403);
    const form = await rawRequest(url, {
      method: 'PUT',
      headers: { 'content-type': 'text/plain' },
      body: '{"paused":true}',
    });
    assert.equal(form.status, 415);
    const bad = await rawRequest(url, { method: 'PUT', headers: json, body: '{"paused":"yes"}' });
    assert.equal(bad.status, 400);
    assert.match(JSON.parse(bad.text).error.message, /\{"paused": true\|false\}/);
    const post = await rawRequest(url, { method: 'POST', headers: json, body: '{"paused":true}' });
    assert.equal(post.status, 405);
    assert.equal(h.proxy.pause.paused, false);
    assert.equal(h.provider.received.length, 0, '/pause is never forwarded upstream');
  } finally {
    await h.close();
  }
});

test('an unreachable upstream: the record carries the 502 the client got and why', async () => {
  const store = new MemoryStore();
  const proxy = await startProxy({ store, port: 0, bases: { anthropic: 'http://127.0.0.1:1' } });
  try {
    const seen = once(proxy.events, 'request') as Promise<[RequestRecord]>;
    const r = await rawRequest(`${proxy.url}/v1/messages`, { headers: json, body: conversation('short') });
    assert.equal(r.status, 502);
    const [rec] = await seen;
    assert.equal(rec.status, 502);
    assert.match(rec.error ?? '', /ECONNREFUSED|connect/i);
  } finally {
    await proxy.close();
  }
});
