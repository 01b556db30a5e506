import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { BodyBudget, type Admission } from '../../core/proxy/body-budget.js';
import { startHarness } from '../helpers/proxy-harness.js';
import { rawRequest } from '../helpers/raw-http.js';
import { lineCompressBody } from '../helpers/line-compress.js';
import type { CompressBody } from '../../core/proxy/rewrite-request.js';

// Issue 16.10: four 60 MB bodies compressed at once took the proxy to 2.19 GB RSS. Large bodies now take turns.

const limits = { maxBytes: 3000, maxQueued: 2, smallBytes: 1000 };
const granted = (a: Admission) => (assert.ok(a.ok, 'admitted'), a);

test(
  'body budget: large bodies share the budget in arrival order, small ones never wait, a full queue ' + 'refuses',
  async () => {
    const b = new BodyBudget(limits);
    const first = granted(await b.acquire(2000));
    const order: string[] = [];
    const second = b.acquire(2000).then((a) => (order.push('second'), granted(a)));
    const third = b.acquire(1500).then((a) => (order.push('third'), granted(a)));
    assert.deepEqual(b.state, { inUseBytes: 2000, queued: 2 });
    assert.deepEqual(await b.acquire(5000), { ok: false, queued: 2 }, 'a third waiting request is refused');
    granted(await b.acquire(900)); // small: neither counted nor queued
    assert.deepEqual(b.state, { inUseBytes: 2000, queued: 2 });

    first.release();
    first.release(); // idempotent
    const s = await second;
    assert.deepEqual(order, ['second'], 'the third (which would fit beside the second) does not overtake it... ');
    assert.deepEqual(b.state, { inUseBytes: 2000, queued: 1 }, '...it waits, 1500 does not fit beside 2000');
    s.release();
    const t = await third;
    assert.deepEqual(order, ['second', 'third']);
    t.release();
    assert.deepEqual(b.state, { inUseBytes: 0, queued: 0 });
  },
);

test(
  'body budget: one body larger than the budget passes alone; a client that leaves while waiting gives its place ' +
    'up',
  async () => {
    const b = new BodyBudget(limits);
    const huge = granted(await b.acquire(10_000));
    assert.deepEqual(b.state, { inUseBytes: 3000, queued: 0 }, 'charged at most the whole budget');
    const left = new AbortController();
    const leaving = b.acquire(2000, left.signal);
    const staying = b.acquire(2000);
    left.abort();
    assert.deepEqual(await leaving, { ok: false, queued: -1 });
    assert.equal(b.state.queued, 1);
    huge.release();
    granted(await staying);
  },
);

test('proxy: a large request waits for the one in compression, a small one does not, a full queue answers 503 with ' +
  'Retry-After', {
  timeout: 20_000,
}, async () => {
  const budget = new BodyBudget({ maxBytes: 3000, maxQueued: 1, smallBytes: 1000 });
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const compressed: string[] = [];
  let firstInCompression!: () => void;
  const inCompression = new Promise<void>((r) => (firstInCompression = r));
  const compressBody: CompressBody = async (body, provider, options) => {
    const tag = JSON.stringify(body).match(/"(big-\d|small)/)?.[1] ?? '?';
    compressed.push(tag);
    if (tag === 'big-1') {
      firstInCompression();
      await gate;
    }
    return lineCompressBody(body, provider, options);
  };
  const h = await startHarness(
    () => ({ body: { id: 'm', type: 'message', role: 'assistant', content: [{ type: 'text', text: 'ok' }] } }),
    { compressBody, bodyBudget: budget },
  );
  const post = (tag: string, size: number) =>
    rawRequest(`${h.proxy.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'm',
        max_tokens: 1,
        messages: [{ role: 'user', content: `${tag} ${'x'.repeat(size)}` }],
      }),
    });
  try {
    const big1 = post('big-1', 2000);
    await inCompression;
    const queued = once(budget, 'queued');
    const big2 = post('big-2', 2000);
    await queued;
    const big3 = await post('big-3', 2000);
    assert.equal(big3.status, 503, 'the queue (1) is full');
    assert.equal(big3.headers['retry-after'], '5');
    assert.match(
      JSON.parse(big3.text).error.message,
      /1 requests with large bodies are already waiting for the proxy's 0 MiB body budget; retry in 5 s/,
    );

    const small = await post('small', 100);
    assert.equal(
      small.status,
      200,
      'a small request is answered while a large one is in compression and another waits',
    );
    assert.deepEqual(compressed, ['big-1', 'small'], 'big-2 was not read nor compressed yet');

    open();
    assert.equal((await big1).status, 200);
    assert.equal((await big2).status, 200);
    assert.deepEqual(compressed, ['big-1', 'small', 'big-2']);
    assert.equal(h.provider.received.length, 3, 'every admitted request reached the provider; the refused one did not');
    assert.deepEqual(budget.state, { inUseBytes: 0, queued: 0 });
  } finally {
    open();
    await h.close();
  }
});

test('headroom proxy: --body-budget-mb, --body-queue and --slow-reader-timeout-ms are checked', async () => {
  const { proxyCommand } = await import('../../core/cli/proxy-command.js');
  for (const [args, message] of [
    [['--body-budget-mb', '0'], /--body-budget-mb must be a whole number of MiB from 1 to 65536, got "0"/],
    [['--body-queue', 'many'], /--body-queue must be a whole number from 0 to 10000, got "many"/],
    [['--slow-reader-timeout-ms', 'soon'], /--slow-reader-timeout-ms must be a whole number of milliseconds/],
  ] as const) {
    const err: string[] = [];
    const code = await proxyCommand([...args], {
      out: () => undefined,
      err: (l) => void err.push(l),
      debug: () => undefined,
      env: {},
    });
    assert.equal(code, 2, args.join(' '));
    assert.match(err.join('\n'), message);
  }
});
