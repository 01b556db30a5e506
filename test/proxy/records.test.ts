import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { startHarness } from '../helpers/proxy-harness.js';
import { anthropicJson } from '../helpers/provider-replies.js';
import { toolLog } from '../helpers/line-compress.js';
import { rawRequest } from '../helpers/raw-http.js';
import type { RequestRecord, StoreTotals } from '../../core/ccr/store-types.js';
import { countTokens } from '../../core/util/tokens.js';
import { headLines } from '../helpers/line-compress.js';

const body = (content: string, model = 'claude-test') =>
  JSON.stringify({
    model,
    max_tokens: 5,
    tools: [],
    messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content }] }],
  });

test(
  'each LLM request is recorded (store + event) after it was forwarded, with per-unit tokens and the passthrough ' +
    'reason',
  async () => {
    const h = await startHarness(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }));
    try {
      const seen: RequestRecord[] = [];
      h.proxy.events.on('request', (r) => seen.push(r));
      const log = toolLog(10);
      const first = once(h.proxy.events, 'request');
      const r = await rawRequest(`${h.proxy.url}/v1/messages`, {
        headers: { 'content-type': 'application/json', 'user-agent': 'claude-cli/2.0.1 (external, cli)' },
        body: body(log),
      });
      assert.equal(r.status, 200);
      const [rec] = (await first) as [RequestRecord];
      assert.equal(rec.provider, 'anthropic');
      assert.equal(rec.agent, 'Claude Code', 'the product name, from the agent catalogue');
      assert.equal(rec.status, 200);
      assert.equal(typeof rec.compressMs, 'number');
      assert.deepEqual(rec.units[0], {
        path: 'messages.0.content.0.content',
        kind: 'log',
        tokensBefore: countTokens(log),
        tokensAfter: countTokens(headLines(log).output),
        originalId: headLines(log).originalId,
      });
      assert.equal(rec.tokensBefore, countTokens(log));

      const second = once(h.proxy.events, 'request');
      await rawRequest(`${h.proxy.url}/v1/messages`, {
        headers: { 'content-type': 'application/json' },
        body: body(log),
      });
      const [rec2] = (await second) as [RequestRecord];
      assert.equal(rec2.units[0].memoHit, true, 'the second time the unit comes from the memo');

      const third = once(h.proxy.events, 'request');
      await rawRequest(`${h.proxy.url}/v1/messages`, {
        headers: { 'content-type': 'application/json' },
        body: '{"model": "x", oops',
      });
      const [rec3] = (await third) as [RequestRecord];
      assert.match(rec3.passthroughReason!, /malformed JSON/);

      const stats = await rawRequest(`${h.proxy.url}/stats`, { method: 'GET' });
      const s = JSON.parse(stats.text) as { totals: StoreTotals; recent: RequestRecord[] };
      assert.equal(s.totals.requests, 3);
      assert.equal(s.totals.tokensBefore, 2 * countTokens(log));
      assert.equal(s.recent.length, 3);
      assert.equal(seen.length, 3);
      // issue 16 item 6: /stats answers without authentication, so it names no original (units, retrievals)
      assert.ok(!/hr_[0-9a-f]{16}/.test(stats.text), '/stats lists no original ids');
      assert.equal(s.recent[2].units[0].tokensBefore, countTokens(log), 'the figures are still there');

      const health = await rawRequest(`${h.proxy.url}/health`, { method: 'GET' });
      assert.equal(health.status, 200);
      assert.equal(JSON.parse(health.text).status, 'ok');
    } finally {
      await h.close();
    }
  },
);

test('a compressor that throws fails open: the original bytes go upstream and the reason is recorded', async () => {
  const h = await startHarness(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }), {
    compressBody: () => {
      throw new Error('boom in compressor');
    },
  });
  try {
    const b = body(toolLog(11));
    const ev = once(h.proxy.events, 'request');
    const r = await rawRequest(`${h.proxy.url}/v1/messages`, {
      headers: { 'content-type': 'application/json' },
      body: b,
    });
    assert.equal(r.status, 200);
    assert.equal(h.provider.received[0].text, b);
    const [rec] = (await ev) as [RequestRecord];
    assert.match(rec.passthroughReason!, /compression failed: boom in compressor/);
  } finally {
    await h.close();
  }
});

/**
 * ~1.5 MB of distinct lines: counted a segment per turn, so its record lands many turns after the answer (the tokens
 * are counted first).
 */
const SLOW_TO_COUNT = Array.from(
  { length: 30_000 },
  (_, i) => `line ${i}: value=${(i * 7919) % 100_003} status=ok`,
).join('\n');

/** Sends SLOW_TO_COUNT as `model`'s tool result; resolves with the answer in, its record still being counted. */
async function answered(proxyUrl: string, model: string): Promise<void> {
  const r = await rawRequest(`${proxyUrl}/v1/messages`, {
    headers: { 'content-type': 'application/json' },
    body: body(SLOW_TO_COUNT, model),
  });
  assert.equal(r.status, 200);
}

test("close() right after the last answer waits for that request's record (tokens counted, then written)", async () => {
  const h = await startHarness(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }));
  try {
    await answered(h.proxy.url, 'claude-last-turn');
    // the answer is in; its record is still being counted (many turns for 1.5 MB)
    await h.proxy.close();
    const recs = h.store.recentRequests(10);
    assert.equal(recs.length, 1, 'the record was written before close() resolved');
    assert.equal(recs[0].model, 'claude-last-turn');
    assert.equal(recs[0].tokensBefore, countTokens(SLOW_TO_COUNT));
  } finally {
    await h.close();
  }
});

test('GET /stats right after the last answer lists that request: its record is written first', async () => {
  const h = await startHarness(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }));
  try {
    await answered(h.proxy.url, 'claude-asked-at-once');
    // what `headroom wrap` does when its agent exits: ask the shared proxy what it handled
    const stats = await rawRequest(`${h.proxy.url}/stats`, { method: 'GET' });
    const s = JSON.parse(stats.text) as { totals: StoreTotals; recent: RequestRecord[] };
    assert.equal(s.totals.requests, 1, 'the request is in the totals');
    assert.equal(s.recent[0]?.model, 'claude-asked-at-once');
    assert.equal(s.recent[0].tokensBefore, countTokens(SLOW_TO_COUNT));
  } finally {
    await h.close();
  }
});
