import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenCounter, type CountingPool } from '../../core/proxy/records.js';
import { measureTokens } from '../../core/util/tokens.js';
import { CompressPool } from '../../core/compress-pool/pool.js';

const text = 'the quick brown fox jumps over the lazy dog. '.repeat(40);

/** A pool whose every count fails the way `kind` says, counting the calls. */
function failing(kind: string): CountingPool & { calls: number } {
  const p = {
    calls: 0,
    count: async () => {
      p.calls++;
      return { ok: false as const, kind, reason: `${kind} in the test` };
    },
  };
  return p;
}

test('with a pool, counts come from its workers and are cached by content; repeats cost no job', async () => {
  const pool = new CompressPool({ size: 1 });
  try {
    let jobs = 0;
    const counted: CountingPool = { count: (texts) => (jobs++, pool.count(texts)) };
    const counter = new TokenCounter(16, counted);
    const exact = measureTokens(text).tokens;
    assert.deepEqual(await counter.countAll([{ text }, { text: 'short' }, { text }]), [
      exact,
      measureTokens('short').tokens,
      exact,
    ]);
    assert.equal(jobs, 1, 'one job for the request, the repeat counted once');
    assert.equal(await counter.count(text), exact);
    assert.equal(jobs, 1, 'cached');
  } finally {
    await pool.close();
  }
});

test('a count the pool lost (timeout, crash) is estimated, not cached, and not redone on the main thread', async () => {
  const lost = failing('timeout');
  const counter = new TokenCounter(16, lost);
  assert.equal(await counter.count(text), Math.ceil(text.length / 4));
  assert.equal(await counter.count(text), Math.ceil(text.length / 4));
  assert.equal(lost.calls, 2, 'not cached: the next request asks the pool again');

  const gone = failing('unavailable'); // a pool that cannot run: counted here, exactly
  assert.equal(await new TokenCounter(16, gone).count(text), measureTokens(text).tokens);
});
