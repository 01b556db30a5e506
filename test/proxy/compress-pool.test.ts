// The proxy with its compression workers (core/compress-pool): new units are compressed in a worker to the bytes the
// engine gives in-process, memo hits and retrieval work as before, and a unit that hangs its worker holds up nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness } from '../helpers/proxy-harness.js';
import { anthropicJson } from '../helpers/provider-replies.js';
import { rawRequest } from '../helpers/raw-http.js';
import type { Received } from '../helpers/fake-provider.js';
import type { RequestRecord, RetrievalRecord } from '../../core/ccr/store-types.js';
import { compressMessages } from '../../core/messages/compress-messages.js';
import { GrammarRegistry } from '../../core/compressors/code/index.js';
import { CompressPool } from '../../core/compress-pool/pool.js';
import { markerIds } from '../../core/ccr/marker.js';
import { measureTokens } from '../../core/util/tokens.js';
import { HANG, HANGING_CHANNEL } from '../compress-pool/misbehaving-worker.js';

const ROOT = join(__dirname, '..', '..');
const GRAMMARS = join(ROOT, 'syntaxes');
const json = { 'content-type': 'application/json', 'x-api-key': 'sk-test' };
const log = readFileSync(join(ROOT, 'test', 'fixtures', 'log', 'npm-install-silly.txt'), 'utf8');
const code = readFileSync(join(ROOT, 'test', 'fixtures', 'code', 'textwrap.py'), 'utf8');

function conversation(results: { id: string; text: string }[]): string {
  return JSON.stringify({
    model: 'claude-test',
    max_tokens: 50,
    tools: [{ name: 'Bash', input_schema: { type: 'object', properties: { command: { type: 'string' } } } }],
    messages: [
      { role: 'user', content: 'why did the install fail, and how does dedent work?' },
      {
        role: 'assistant',
        content: results.map((r) => ({ type: 'tool_use', id: r.id, name: 'Bash', input: { command: 'cat' } })),
      },
      {
        role: 'user',
        content: results.map((r) => ({ type: 'tool_result', tool_use_id: r.id, content: r.text })),
      },
    ],
  });
}

type Sent = { messages: { content: { type: string; content?: string }[] }[] };
const results = (r: Received) => r.json<Sent>().messages[2].content.map((c) => c.content);

test('new units are compressed in a worker to the in-process bytes; memo and retrieval work as before', async () => {
  const grammars = new GrammarRegistry();
  await grammars.init({ grammarsDir: GRAMMARS });
  let calls = 0;
  const h = await startHarness(
    (req) => {
      calls++;
      if (calls === 1) {
        const id = markerIds(results(req).join('\n'))[0];
        return {
          body: anthropicJson([{ type: 'tool_use', id: 'toolu_r', name: 'headroom_retrieve', input: { id } }]),
        };
      }
      return { body: anthropicJson([{ type: 'text', text: 'done' }]) };
    },
    { compressBody: undefined, grammars, grammarsDir: GRAMMARS, compressWorkers: 1 },
  );
  try {
    assert.equal(h.proxy.compressWorkers, 1);
    const body = conversation([
      { id: 'toolu_1', text: log },
      { id: 'toolu_2', text: code },
    ]);
    const expected = compressMessages(JSON.parse(body), 'anthropic', { grammars });
    assert.deepEqual(
      expected.units.map((u) => u.compressed),
      [true, true],
      'both units compress: the comparison is about work done',
    );
    const recorded = once(h.proxy.events, 'request') as Promise<[RequestRecord]>;
    const retrieved = once(h.proxy.events, 'retrieval') as Promise<[RetrievalRecord]>;
    const first = await rawRequest(`${h.proxy.url}/v1/messages`, { headers: json, body });
    assert.equal(first.status, 200);
    assert.equal(JSON.parse(first.text).content[0].text, 'done');
    const [sent, round] = h.provider.received;
    assert.deepEqual(
      results(sent),
      expected.units.map((u) => u.output),
      'the bytes the engine gives in-process',
    );
    // the retrieve round: the original behind the first marker, exactly
    const id = markerIds(results(sent).join('\n'))[0];
    const answer = round.json<Sent>().messages.at(-1)?.content[0].content;
    assert.ok(answer && (log.includes(answer) || code.includes(answer)), 'an exact piece of the original');
    assert.equal(h.store.get(id), answer);
    assert.equal((await retrieved)[0].found, true);

    const [rec] = await recorded;
    assert.deepEqual(
      rec.units.map((u) => u.tokensBefore),
      [measureTokens(log).tokens, measureTokens(code).tokens],
      'counted in the worker, exactly',
    );
    assert.deepEqual(
      rec.units.map((u) => u.tokensAfter),
      expected.units.map((u) => measureTokens(u.output).tokens),
    );

    // the next turn: memo hits, the same bytes
    const again = once(h.proxy.events, 'request') as Promise<[RequestRecord]>;
    calls = 1; // answer with text at once
    assert.equal((await rawRequest(`${h.proxy.url}/v1/messages`, { headers: json, body })).status, 200);
    assert.deepEqual(results(h.provider.received[2]), results(sent));
    assert.deepEqual(
      (await again)[0].units.map((u) => u.memoHit),
      [true, true],
    );
  } finally {
    await h.close();
  }
});

test(
  'a unit that hangs its worker: /health answers meanwhile, it goes upstream as it is with the reason, and ' +
    'the next unit is compressed by a new worker',
  async () => {
    const hanging = new BroadcastChannel(HANGING_CHANNEL);
    const pool = new CompressPool({
      size: 1,
      timeoutMs: 3000,
      workerFile: join(ROOT, 'test', 'compress-pool', 'misbehaving-worker.ts'),
    });
    const h = await startHarness(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }), {
      compressBody: undefined,
      compressPool: pool,
    });
    try {
      const stuck = `${HANG}${'tool output that never finishes compressing\n'.repeat(200)}`;
      const inWorker = once(hanging, 'message');
      const recorded = once(h.proxy.events, 'request') as Promise<[RequestRecord]>;
      const answer = rawRequest(`${h.proxy.url}/v1/messages`, {
        headers: json,
        body: conversation([{ id: 'toolu_1', text: stuck }]),
      });
      await inWorker;
      const health = await rawRequest(`${h.proxy.url}/health`, { method: 'GET' });
      assert.equal(health.status, 200);
      assert.equal(h.provider.received.length, 0, '/health answered while the unit was still in its worker');

      assert.equal((await answer).status, 200);
      assert.deepEqual(results(h.provider.received[0]), [stuck], 'upstream as the client sent it');
      const [rec] = await recorded;
      assert.match(rec.units[0].reason ?? '', /compression took longer than 3000 ms/);

      const next = once(h.proxy.events, 'request') as Promise<[RequestRecord]>;
      const ok = await rawRequest(`${h.proxy.url}/v1/messages`, {
        headers: json,
        body: conversation([{ id: 'toolu_2', text: log }]),
      });
      assert.equal(ok.status, 200);
      assert.equal((await next)[0].units[0].tokensAfter < (await next)[0].units[0].tokensBefore, true);
    } finally {
      hanging.close();
      await h.close();
    }
  },
);
