import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentId } from '../../core/util/hash.js';
import { resolveSqlWasm } from '../../core/ccr/sqljs.js';
import type { RequestRecord, StoreWarning } from '../../core/ccr/store-types.js';
import { sessionScope } from '../../core/ccr/scope.js';
import { DAY, captureStderr, freshDir, manualClock, open } from './store-helpers.js';
import { untilFile } from '../helpers/wait.js';

function rec(content: string): { id: string; content: string } {
  return { id: contentId(content), content };
}

test('put/get returns exactly the bytes put: unicode, \\r\\n, NUL, astral, 1 MB', async () => {
  const dir = freshDir();
  const s = await open(dir);
  const samples = [
    'line one\r\nline two\r\n\r\n',
    'ünïcödé ✓ — 日本語 — emoji 🎉👩‍👩‍👧 — combining e\u0301',
    'nul\u0000inside\u0000',
    '',
    'x'.repeat(1024 * 1024 - 7) + '\r\n🎉\u0000',
  ];
  await s.put(samples.map(rec));
  for (const c of samples) assert.equal(s.get(contentId(c)), c);
  assert.equal(s.get('hr_0000000000000000'), undefined);
  await s.close();
  // The same after a round trip through the file.
  const t = await open(dir);
  for (const c of samples) assert.equal(t.get(contentId(c)), c);
  await t.close();
});

test('strings with lone surrogates (not valid UTF-16) round-trip exactly too, as UTF-16 blobs', async () => {
  // A tool output cut in the middle of a surrogate pair has no UTF-8 form; the store keeps its code units.
  const dir = freshDir();
  const s = await open(dir);
  const broken = ['cut emoji \uD83C', '\uDF89 orphan low', 'a\uD800b\u0000c\r\n🎉\uDC00'];
  await s.put(broken.map((content, i) => ({ id: `hr_broken${i}`, content })));
  for (const [i, c] of broken.entries()) assert.equal(s.get(`hr_broken${i}`), c);
  await s.close();
  const t = await open(dir);
  for (const [i, c] of broken.entries()) {
    const back = t.get(`hr_broken${i}`);
    assert.equal(back, c);
    assert.equal(back?.length, c.length);
  }
  await t.close();
});

test('the folder is created with mode 0700 and holds store.sqlite after close', async () => {
  const dir = freshDir();
  const s = await open(dir);
  await s.put([rec('hello')]);
  await s.close();
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.deepEqual(readdirSync(dir), ['originals', 'store.sqlite']);
  assert.equal(statSync(join(dir, 'originals')).mode & 0o777, 0o700);
  assert.equal(readFileSync(join(dir, 'store.sqlite')).subarray(0, 15).toString('latin1'), 'SQLite format 3');
});

test('everything persists across close and reopen: records, memo, requests, retrievals', async () => {
  const dir = freshDir();
  const s = await open(dir);
  const a = rec('original A');
  await s.put([a]);
  s.putMemo('memo-1', { output: 'short', compressed: true, kind: 'log', ccr: [a.id], originalId: a.id });
  s.recordRequest(request('r1', 1000, 500, 100, 2));
  s.recordRetrieval({ id: a.id, time: 1001, via: 'mcp', requestId: 'r1', found: true });
  await s.close();
  const t = await open(dir);
  assert.equal(t.get(a.id), 'original A');
  assert.deepEqual(t.getMemo('memo-1'), {
    output: 'short',
    compressed: true,
    kind: 'log',
    ccr: [a.id],
    originalId: a.id,
  });
  assert.deepEqual(t.recentRequests(10), [request('r1', 1000, 500, 100, 2)]);
  assert.deepEqual(t.recentRetrievals(10), [{ id: a.id, time: 1001, via: 'mcp', requestId: 'r1', found: true }]);
  await t.close();
});

test(
  'debounce: a write persists by itself after persistDebounceMs, and a write then close persists at ' + 'once',
  async () => {
    const dir = freshDir();
    const s = await open(dir, { persistDebounceMs: 30 });
    await s.put([rec('debounced')]);
    assert.equal(existsSync(join(dir, 'store.sqlite')), false, 'nothing written synchronously');
    await untilFile(join(dir, 'store.sqlite'));
    await s.close();

    const dir2 = freshDir();
    const s2 = await open(dir2, { persistDebounceMs: 60_000 });
    await s2.put([rec('closed before the timer')]);
    await s2.close();
    const t = await open(dir2);
    assert.equal(t.get(contentId('closed before the timer')), 'closed before the timer');
    await t.close();
  },
);

test('records expire ttlMs after their last access; reading refreshes them (also across reopen)', async () => {
  const dir = freshDir();
  // file mtimes are real time: the clock starts there, or a file whose index row the sweep removed looks young
  const clock = manualClock(Date.now());
  const s = await open(dir, { now: clock.now });
  const old = rec('read once, then forgotten');
  const kept = rec('read again on day 6');
  await s.put([old, kept]);
  clock.advance(6 * DAY);
  assert.equal(s.get(kept.id), kept.content);
  await s.close();

  clock.advance(2 * DAY); // day 8: `old` is 8 days unread, `kept` 2 days
  const t = await open(dir, { now: clock.now });
  assert.equal(t.get(old.id), undefined);
  assert.equal(t.get(kept.id), kept.content);
  clock.advance(7 * DAY + 1);
  assert.equal(t.get(kept.id), undefined, 'expired even before a sweep deletes it');
  t.sweep();
  await t.close();
  const u = await open(dir, { now: () => 0 }); // a clock in the past: only deletion can hide them now
  assert.equal(u.get(kept.id), undefined);
  assert.equal(u.get(old.id), undefined);
  await u.close();
});

// An empty store file is ~96 KiB of pages (tables and indexes); the cap counts them too.
test('LRU eviction past maxBytes keeps the recently read record', async () => {
  const dir = freshDir();
  const clock = manualClock();
  const s = await open(dir, { now: clock.now, maxBytes: 550_000 });
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((ch) => rec(ch.repeat(200_000)));
  for (const r of [a, b, c]) {
    await s.put([r]);
    clock.advance(1000);
  }
  assert.equal(s.get(a.id), a.content); // a is now the most recently used
  clock.advance(1000);
  await s.put([d]);
  s.sweep(); // ~900 KB on disk > 550 KB: the two least recently used (b, c) go
  assert.equal(s.get(b.id), undefined);
  assert.equal(s.get(c.id), undefined);
  assert.equal(s.get(a.id), a.content);
  assert.equal(s.get(d.id), d.content);
  await s.close();
});

test('the size cap counts UTF-8 bytes, not characters', async () => {
  const dir = freshDir();
  const clock = manualClock();
  const s = await open(dir, { now: clock.now, maxBytes: 350_000 });
  const wide = rec('€'.repeat(80_000)); // 240 KB in UTF-8
  await s.put([wide]);
  clock.advance(1);
  await s.put([rec('x'.repeat(80_000))]);
  s.sweep();
  assert.equal(s.get(wide.id), undefined, '~96 KB of tables + 240 KB + 80 KB exceed 350 KB');
  await s.close();
});

test('a memo is deleted when a record it names is evicted, and does not come back when the record does', async () => {
  const dir = freshDir();
  const clock = manualClock();
  const s = await open(dir, { now: clock.now, maxBytes: 350_000 });
  const orig = rec('o'.repeat(200_000));
  const frag = rec('f'.repeat(1000));
  await s.put([orig, frag]);
  s.putMemo('unit', {
    output: '[… omitted · retrieve x]',
    compressed: true,
    kind: 'text',
    ccr: [frag.id],
    originalId: orig.id,
  });
  s.putMemo('plain', { output: 'as is', compressed: false, kind: 'text', ccr: [] });
  assert.ok(s.getMemo('unit'));
  clock.advance(1000);
  const newer = rec('n'.repeat(200_000));
  await s.put([newer]);
  s.sweep(); // orig (oldest) is evicted
  assert.equal(s.get(orig.id), undefined);
  assert.equal(s.getMemo('unit'), undefined);
  await s.put([orig]);
  assert.equal(s.getMemo('unit'), undefined, 'the memo row itself was deleted');
  assert.deepEqual(s.getMemo('plain'), { output: 'as is', compressed: false, kind: 'text', ccr: [] });
  await s.close();
});

test('a memo hit keeps its records alive: reading the memo refreshes them', async () => {
  const dir = freshDir();
  const clock = manualClock();
  const s = await open(dir, { now: clock.now });
  const orig = rec('the original of a memoized unit');
  await s.put([orig]);
  s.putMemo('unit', { output: 'short', compressed: true, kind: 'text', ccr: [], originalId: orig.id });
  for (let day = 0; day < 20; day += 5) {
    clock.advance(5 * DAY);
    assert.ok(s.getMemo('unit'), `memo alive on day ${day + 5}`);
    s.sweep();
  }
  assert.equal(s.get(orig.id), orig.content);
  clock.advance(8 * DAY);
  assert.equal(s.getMemo('unit'), undefined);
  await s.close();
});

test("a memo hit keeps every scope's copy of its original alive, before and after touches are applied", async () => {
  const dir = freshDir();
  const clock = manualClock(Date.now());
  const s = await open(dir, { now: clock.now });
  const orig = rec('an original three conversations sent');
  const other = rec('an original no memo names');
  const [a, b, c] = ['a', 'b', 'c'].map(sessionScope);
  for (const scope of [a, b, c]) await s.put([orig, other], scope);
  s.putMemo('unit', { output: 'short', compressed: true, kind: 'text', ccr: [], originalId: orig.id });
  clock.advance(5 * DAY);
  assert.ok(s.getMemo('unit'));
  clock.advance(5 * DAY); // day 10: 10 days since the put, 5 since the memo hit (a pending touch)
  assert.equal(s.get(orig.id, c), orig.content);
  assert.equal(s.get(other.id, c), undefined);
  s.sweep(); // applies the pending touches, then deletes what expired
  await s.close();
  clock.advance(1 * DAY);
  const t = await open(dir, { now: clock.now });
  assert.equal(t.get(orig.id, a), orig.content);
  assert.equal(t.get(orig.id, b), orig.content);
  assert.equal(t.get(other.id, a), undefined);
  await t.close();
});

test('memo entries expire on their own ttl', async () => {
  const dir = freshDir();
  const clock = manualClock();
  const s = await open(dir, { now: clock.now, ttlMs: 1000 });
  s.putMemo('k', { output: 'x', compressed: false, kind: 'text', ccr: [] });
  clock.advance(999);
  assert.ok(s.getMemo('k'));
  clock.advance(1001);
  assert.equal(s.getMemo('k'), undefined);
  await s.close();
});

test(
  'a corrupt store.sqlite (truncated, or not SQLite at all) is moved aside with a typed warning; originals ' +
    'survive',
  async () => {
    const dir = freshDir();
    const s = await open(dir);
    await s.put(Array.from({ length: 300 }, (_, i) => rec(`record ${i} `.repeat(200))));
    await s.close();
    const file = join(dir, 'store.sqlite');
    const whole = readFileSync(file);
    for (const bad of [
      whole.subarray(0, Math.floor(whole.length / 2)),
      whole.subarray(0, 60),
      Buffer.from('not a database\n'.repeat(50)),
    ]) {
      writeFileSync(file, bad);
      const warnings: StoreWarning[] = [];
      let t: Awaited<ReturnType<typeof open>> | undefined;
      const err = await captureStderr(async () => {
        t = await open(dir, { onWarning: (w) => warnings.push(w) });
      });
      assert.equal(err, '', 'the store never writes to stderr');
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0].kind, 'store-unreadable');
      assert.match(warnings[0].message, /unreadable .*moved it to .*store\.sqlite\.corrupt-\d+/);
      assert.ok(t);
      // the index is lost, the originals are not: they are files, found by id
      assert.equal(t.get(contentId(`record 0 `.repeat(200))), `record 0 `.repeat(200));
      assert.equal(existsSync(file), false, 'moved aside');
      const aside = readdirSync(dir).filter((n) => n.startsWith('store.sqlite.corrupt-'));
      assert.ok(aside.length >= 1);
      assert.deepEqual(readFileSync(join(dir, aside[aside.length - 1])), bad, 'kept, not deleted');
      await t.put([rec('after recovery')]);
      await t.close();
      const u = await open(dir);
      assert.equal(u.get(contentId('after recovery')), 'after recovery');
      await u.close();
    }
  },
);

test('request records are inserted in batches, yet every read, save and close includes them', async () => {
  const dir = freshDir();
  const s = await open(dir);
  s.recordRequest(request('first', 1, 100, 10, 1));
  assert.equal(s.totals().requests, 1, 'read at once');
  for (let i = 0; i < 100; i++) s.recordRequest(request(`r${i}`, 10 + i, 100, 10, 1)); // past one batch
  assert.equal(s.recentRequests(500).length, 101);
  s.recordRequest(request('last', 1000, 100, 10, 1)); // not read before the close
  await s.close();
  const t = await open(dir);
  assert.equal(t.totals().requests, 102);
  assert.equal(t.recentRequests(1)[0].id, 'last');
  await t.close();
});

test('requests: newest first, paging by beforeTime; totals sum them and count retrievals since a time', async () => {
  const dir = freshDir();
  const s = await open(dir);
  s.recordRequest(request('r1', 100, 1000, 200, 3));
  s.recordRequest(request('r2', 200, 500, 500, 0));
  s.recordRequest(request('r3', 300, 4000, 1000, 5));
  s.recordRetrieval({ id: 'hr_a', time: 150, via: 'proxy', found: true });
  s.recordRetrieval({ id: 'hr_b', time: 250, via: 'cli', found: false });
  s.recordRetrieval({ id: 'hr_b', time: 250, via: 'cli', found: false }); // the same retrieval twice is two rows
  assert.deepEqual(
    s.recentRequests(2).map((r) => r.id),
    ['r3', 'r2'],
  );
  assert.deepEqual(
    s.recentRequests(10, 300).map((r) => r.id),
    ['r2', 'r1'],
  );
  assert.deepEqual(s.totals(), { requests: 3, tokensBefore: 5500, tokensAfter: 1700, retrievals: 3, units: 8 });
  assert.deepEqual(s.totals(200), { requests: 2, tokensBefore: 4500, tokensAfter: 1500, retrievals: 2, units: 5 });
  assert.deepEqual(s.recentRetrievals(1), [{ id: 'hr_b', time: 250, via: 'cli', found: false }]);
  assert.equal(s.recentRetrievals(10).length, 3);
  await s.close();
});

test('the request log keeps the newest 50,000', async () => {
  const dir = freshDir();
  const s = await open(dir);
  for (let i = 0; i < 50_010; i++) s.recordRequest(request(`r${i}`, i, 1, 1, 0));
  s.sweep();
  assert.equal(s.totals().requests, 50_000);
  assert.equal(s.recentRequests(1, 10)[0]?.id, undefined, 'the 10 oldest are gone');
  assert.equal(s.recentRequests(1)[0]?.id, 'r50009');
  await s.close();
});

test('a closed store refuses calls; close twice is fine', async () => {
  const s = await open(freshDir());
  await s.close();
  await s.close();
  assert.throws(() => s.get('hr_x'), /closed/);
  assert.throws(() => s.put([rec('x')]), /closed/);
});

test('the wasm is looked up next to the bundle, or where the caller says', () => {
  assert.equal(resolveSqlWasm('/opt/x/sql-wasm.wasm'), '/opt/x/sql-wasm.wasm');
  // In the source tree there is no wasm beside core/ccr: sql.js finds its own.
  assert.equal(resolveSqlWasm(), undefined);
});

function request(id: string, time: number, before: number, after: number, units: number): RequestRecord {
  return {
    id,
    time,
    provider: 'anthropic',
    model: 'claude-x',
    tokensBefore: before,
    tokensAfter: after,
    compressMs: 3,
    units: Array.from({ length: units }, (_, i) => ({
      path: `messages.${i}.content`,
      kind: 'json',
      tokensBefore: 10,
      tokensAfter: 2,
    })),
  };
}

test(
  'the database itself stays under maxDbBytes (what a save exports): least recently used memos go ' + 'first',
  async () => {
    const dir = freshDir();
    const clock = manualClock();
    const s = await open(dir, { now: clock.now, maxDbBytes: 400_000 });
    for (let i = 0; i < 80; i++) {
      s.putMemo(`m${i}`, { output: `${i} `.repeat(5000), compressed: false, kind: 'text', ccr: [] }); // ~10 KB each
      clock.advance(1);
    }
    s.sweep();
    await s.close();
    assert.ok(
      statSync(join(dir, 'store.sqlite')).size <= 400_000,
      `store.sqlite is ${statSync(join(dir, 'store.sqlite')).size} bytes`,
    );
    const t = await open(dir, { now: clock.now, maxDbBytes: 400_000 });
    assert.equal(t.getMemo('m0'), undefined, 'the oldest memo was evicted');
    assert.equal(t.getMemo('m79')?.output, '79 '.repeat(5000), 'the newest is kept');
    await t.close();
  },
);
