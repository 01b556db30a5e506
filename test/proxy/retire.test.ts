import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startHarness } from '../helpers/proxy-harness.js';
import { anthropicSse } from '../helpers/provider-replies.js';
import { startProxy } from '../../core/proxy/start-proxy.js';
import { lineCompressBody } from '../helpers/line-compress.js';

test('retire: the port is free at once for the next proxy, while an answer streaming in finishes on the old one', async () => {
  const text = 'one two three four five six seven eight nine ten';
  const h = await startHarness(() => ({ chunks: anthropicSse([{ type: 'text', text }]), delayMs: 60 }));
  let next: Awaited<ReturnType<typeof startProxy>> | undefined;
  try {
    const client = new Anthropic({ apiKey: 'k', baseURL: h.proxy.url, maxRetries: 0 });
    const stream = await client.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], stream: true });
    let got = '';
    const reading = (async () => {
      for await (const ev of stream) if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') got += ev.delta.text;
    })();
    await new Promise((r) => setTimeout(r, 100)); // the stream is under way
    const { drained } = await h.proxy.retire(10_000);
    // a new proxy binds the same port while the old answer is still streaming
    next = await startProxy({ store: h.store, port: h.proxy.port, bases: { anthropic: h.provider.url }, compressBody: lineCompressBody });
    assert.equal(next.port, h.proxy.port);
    await reading;
    assert.equal(got, text, 'the answer in flight arrived whole');
    await drained;
    // the old proxy ended the streamed answer's connection after it, so this one opens a new connection to the new proxy
    const again = await client.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'again' }], stream: true });
    for await (const _ of again) void _;
    assert.equal(h.provider.received.length, 2, 'the next request went through the new proxy');
  } finally {
    await next?.close();
    await h.close();
  }
});

test('retire: what is still running after drainMs is cut, and drained resolves', async () => {
  const h = await startHarness(() => ({ hang: true }));
  try {
    const req = fetch(`${h.proxy.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":"m","messages":[]}' }).then(
      (r) => r.text(),
      (e: Error) => `cut: ${e.message}`,
    );
    await new Promise((r) => setTimeout(r, 50));
    const { drained } = await h.proxy.retire(200);
    await drained;
    assert.match(await req, /^cut/);
  } finally {
    await h.close();
  }
});
