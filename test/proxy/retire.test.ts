import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startHarness } from '../helpers/proxy-harness.js';
import { anthropicSse } from '../helpers/provider-replies.js';
import { startProxy } from '../../core/proxy/start-proxy.js';
import { lineCompressBody } from '../helpers/line-compress.js';
import { deferred } from '../helpers/wait.js';
import { once } from 'node:events';

test(
  'retire: the port is free at once for the next proxy, while an answer streaming in finishes on the old ' + 'one',
  async () => {
    const text = 'one two three four five six seven eight nine ten';
    const release = deferred();
    const h = await startHarness(() => ({
      chunks: anthropicSse([{ type: 'text', text }]),
      holdAfter: { chunks: 3, until: release.promise },
    }));
    let next: Awaited<ReturnType<typeof startProxy>> | undefined;
    try {
      const client = new Anthropic({ apiKey: 'k', baseURL: h.proxy.url, maxRetries: 0 });
      const stream = await client.messages.create({
        model: 'm',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      let got = '';
      const started = deferred();
      const reading = (async () => {
        for await (const ev of stream) {
          started.resolve();
          if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') got += ev.delta.text;
        }
      })();
      await started.promise; // the stream is under way; the provider holds the rest until released
      const { drained } = await h.proxy.retire(10_000);
      // a new proxy binds the same port while the old answer is still streaming
      next = await startProxy({
        store: h.store,
        port: h.proxy.port,
        bases: { anthropic: h.provider.url },
        compressBody: lineCompressBody,
      });
      assert.equal(next.port, h.proxy.port);
      release.resolve();
      await reading;
      assert.equal(got, text, 'the answer in flight arrived whole');
      await drained;
      // the old proxy ended the streamed answer's connection after it, so this one opens a new connection to the new
      // proxy
      const again = await client.messages.create({
        model: 'm',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'again' }],
        stream: true,
      });
      for await (const _ of again) void _;
      assert.equal(h.provider.received.length, 2, 'the next request went through the new proxy');
    } finally {
      await next?.close();
      await h.close();
    }
  },
);

test('retire: what is still running after drainMs is cut, and drained resolves', async () => {
  const h = await startHarness(() => ({ hang: true }));
  try {
    const req = fetch(`${h.proxy.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":"m","messages":[]}',
    }).then(
      (r) => r.text(),
      (e: Error) => `cut: ${e.message}`,
    );
    await once(h.provider.events, 'request'); // in flight: the provider has it and never answers
    const { drained } = await h.proxy.retire(200);
    await drained;
    assert.match(await req, /^cut/);
  } finally {
    await h.close();
  }
});
