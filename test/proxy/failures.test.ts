import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startHarness } from '../helpers/proxy-harness.js';
import { anthropicJson, anthropicSse, chatSse } from '../helpers/provider-replies.js';
import { toolLog } from '../helpers/line-compress.js';
import { rawRequest } from '../helpers/raw-http.js';
import { MemoryStore } from '../helpers/memory-store.js';
import type { Reply } from '../helpers/fake-provider.js';
import { startProxy } from '../../core/proxy/start-proxy.js';

const json = { 'content-type': 'application/json' };
const small = JSON.stringify({ model: 'claude-test', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] });

test('413 with a clear error for a declared or streamed body over the limit; the provider sees nothing', async () => {
  const h = await startHarness(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }), {
    maxBodyBytes: 10_000,
  });
  try {
    const big = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(20_000) }] });
    const r = await rawRequest(`${h.proxy.url}/v1/messages`, { headers: json, body: big });
    assert.equal(r.status, 413);
    assert.match(JSON.parse(r.text).error.message, /larger than the proxy's limit of 10000 bytes/);
    // no content-length: the limit trips while reading
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${h.proxy.url}/v1/messages`,
        { method: 'POST', headers: { ...json, 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write('x'.repeat(1000));
      req.end();
    });
    assert.equal(chunked, 413);
    assert.equal(h.provider.received.length, 0);
    // the SDK surfaces it as an API error with the message
    const client = new Anthropic({ apiKey: 'k', baseURL: h.proxy.url, maxRetries: 0 });
    await assert.rejects(
      client.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x'.repeat(20_000) }] }),
      (e: Error) => {
        assert.ok(e instanceof Anthropic.APIError && e.status === 413, String(e));
        return true;
      },
    );
  } finally {
    await h.close();
  }
});

test('DNS rebinding: a non-local Host or a web Origin gets 403 with a JSON reason; local ones pass', async () => {
  const h = await startHarness(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }));
  try {
    const bad = await rawRequest(`${h.proxy.url}/v1/messages`, {
      headers: { ...json, host: `attacker.example:${h.proxy.port}` },
      body: small,
    });
    assert.equal(bad.status, 403);
    assert.match(JSON.parse(bad.text).error.message, /Host "attacker\.example:\d+" is not local/);
    const origin = await rawRequest(`${h.proxy.url}/v1/messages`, {
      headers: { ...json, origin: 'https://evil.example' },
      body: small,
    });
    assert.equal(origin.status, 403);
    assert.match(JSON.parse(origin.text).error.message, /Origin "https:\/\/evil\.example" is not a local web origin/);
    const stats = await rawRequest(`${h.proxy.url}/stats`, { method: 'GET', headers: { host: 'rebind.example' } });
    assert.equal(stats.status, 403, '/stats is guarded too');
    for (const host of [`localhost:${h.proxy.port}`, `127.0.0.1:${h.proxy.port}`, `[::1]:${h.proxy.port}`]) {
      const ok = await rawRequest(`${h.proxy.url}/v1/messages`, {
        headers: { ...json, host, origin: 'http://localhost:5173' },
        body: small,
      });
      assert.equal(ok.status, 200, host);
    }
    assert.equal(h.provider.received.length, 3);
  } finally {
    await h.close();
  }
});

test('upstream 500 and 429 reach the client as the provider sent them (status, body, headers)', async () => {
  let n = 0;
  const h = await startHarness(
    (): Reply =>
      ++n === 1
        ? {
            status: 429,
            body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } },
            headers: { 'retry-after': '7', 'anthropic-ratelimit-requests-remaining': '0' },
          }
        : { status: 500, body: 'upstream exploded', headers: { 'content-type': 'text/plain' } },
  );
  try {
    const body = JSON.stringify({
      model: 'claude-test',
      max_tokens: 5,
      tools: [],
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: toolLog(1) }] }],
    });
    const a = await rawRequest(`${h.proxy.url}/v1/messages`, { headers: json, body });
    assert.equal(a.status, 429);
    assert.equal(a.headers['retry-after'], '7');
    assert.equal(a.headers['anthropic-ratelimit-requests-remaining'], '0');
    assert.deepEqual(JSON.parse(a.text), { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } });
    const b = await rawRequest(`${h.proxy.url}/v1/messages`, { headers: json, body });
    assert.equal(b.status, 500);
    assert.equal(b.text, 'upstream exploded');
  } finally {
    await h.close();
  }
});

test('an unreachable upstream gives a 502 that names it', async () => {
  const store = new MemoryStore();
  const proxy = await startProxy({ store, port: 0, bases: { anthropic: 'http://127.0.0.1:9' } });
  try {
    const r = await rawRequest(`${proxy.url}/v1/messages`, { headers: json, body: small });
    assert.equal(r.status, 502);
    assert.match(JSON.parse(r.text).error.message, /upstream request failed: ECONNREFUSED.*127\.0\.0\.1:9/);
  } finally {
    await proxy.close();
  }
});

test('an upstream that stops answering is given up on after the idle timeout (504)', async () => {
  const h = await startHarness(() => ({ hang: true }), { upstreamIdleTimeoutMs: 200 });
  try {
    const r = await rawRequest(`${h.proxy.url}/v1/messages`, { headers: json, body: small });
    assert.equal(r.status, 504);
    assert.match(JSON.parse(r.text).error.message, /upstream sent nothing for 200 ms/);
  } finally {
    await h.close();
  }
});

test('upstream closing mid-stream: the client stream ends in an error, not a silent success', async () => {
  for (const retrieveTool of [false, true]) {
    const h = await startHarness(
      () => ({
        chunks: anthropicSse([{ type: 'text', text: 'partial answer that never ends' }]),
        cutAfter: 3,
        delayMs: 5,
      }),
      { retrieveTool },
    );
    try {
      const client = new Anthropic({ apiKey: 'k', baseURL: h.proxy.url, maxRetries: 0 });
      const params = {
        model: 'claude-test',
        max_tokens: 5,
        tools: [{ name: 'Bash', input_schema: { type: 'object' as const } }],
        messages: [
          { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: 't', content: toolLog(2) }] },
        ],
      };
      const events: string[] = [];
      await assert.rejects(async () => {
        const stream = await client.messages.create({ ...params, stream: true });
        for await (const ev of stream) events.push(ev.type);
      }, `retrieveTool=${retrieveTool}`);
      assert.ok(events.length >= 1 && !events.includes('message_stop'), events.join(','));
    } finally {
      await h.close();
    }
  }
});

test('client disconnecting mid-stream aborts the upstream request', async () => {
  for (const retrieveTool of [false, true]) {
    const chunks = chatSse({ text: 'a long answer '.repeat(40) });
    const h = await startHarness(() => ({ chunks: [...chunks, ...chunks], delayMs: 30 }), { retrieveTool });
    try {
      const ac = new AbortController();
      const client = new OpenAI({ apiKey: 'k', baseURL: h.proxy.url + '/v1', maxRetries: 0 });
      const aborted = h.provider.nextAbort();
      const stream = await client.chat.completions.create(
        {
          model: 'gpt-test',
          stream: true,
          tools: [{ type: 'function', function: { name: 'shell', parameters: { type: 'object' } } }],
          messages: [
            {
              role: 'assistant',
              content: null,
              tool_calls: [{ id: 'c1', type: 'function', function: { name: 'shell', arguments: '{}' } }],
            },
            { role: 'tool', tool_call_id: 'c1', content: toolLog(3) },
          ],
        },
        { signal: ac.signal },
      );
      let n = 0;
      try {
        for await (const _ of stream) {
          if (++n === 2) {
            ac.abort(); // the SDK ends the iteration quietly when its own signal aborts
            break;
          }
        }
      } catch {
        // some SDK versions throw an APIUserAbortError instead
      }
      const rec = await aborted; // the provider saw its connection closed (else the test times out)
      assert.ok(rec.sentAt.length < chunks.length * 2, 'it stopped before sending everything');
    } finally {
      await h.close();
    }
  }
});
