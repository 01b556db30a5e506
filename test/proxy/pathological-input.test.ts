import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { startHarness } from '../helpers/proxy-harness.js';
import { anthropicJson } from '../helpers/provider-replies.js';
import { rawRequest } from '../helpers/raw-http.js';
import type { Received, Reply } from '../helpers/fake-provider.js';
import type { RequestRecord } from '../../core/ccr/store-types.js';

const json = { 'content-type': 'application/json' };

// Issue 16.1: one tool result of 200,000 characters without whitespace froze every request and /health for ~40 s
// (gpt-tokenizer's BPE is superlinear on one long piece, and the count ran on the main thread after forwarding).
// The timeout is the freeze showing up; nothing below waits on the clock.
test('a tool result that is one 200,000-character run: /health answers while it is in flight, and its tokens are ' +
  'recorded', {
  timeout: 20_000,
}, async () => {
  let release!: (r: Reply) => void;
  const held = new Promise<Reply>((r) => (release = r));
  const h = await startHarness(() => held, { compressBody: undefined }); // the real compressors
  try {
    const run = 'A'.repeat(200_000);
    const body = JSON.stringify({
      model: 'claude-test',
      max_tokens: 5,
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: run }] }],
    });
    const forwarded = once(h.provider.events, 'request') as Promise<[Received]>;
    const recorded = once(h.proxy.events, 'request') as Promise<[RequestRecord]>;
    const answer = rawRequest(`${h.proxy.url}/v1/messages`, { headers: json, body });
    await forwarded; // the request is upstream (and held there); its tokens are being counted

    const health = await rawRequest(`${h.proxy.url}/health`, { method: 'GET' });
    assert.equal(health.status, 200);
    assert.equal(JSON.parse(health.text).status, 'ok');

    release({ body: anthropicJson([{ type: 'text', text: 'ok' }]) });
    assert.equal((await answer).status, 200);
    const [rec] = await recorded;
    assert.ok(
      Math.abs(rec.units[0].tokensBefore - 25_000) <= 500,
      `200,000 × "A" is ~25,000 o200k tokens; recorded ${rec.units[0].tokensBefore}`,
    );
  } finally {
    release({ body: anthropicJson([{ type: 'text', text: 'ok' }]) });
    await h.close();
  }
});
