/**
 * Issue 16 item 7: expired rows were deleted but their text stayed in store.sqlite (free pages and freed cell space
 * are exported as they are), the file grew past the size cap (the cap counted contents, not the file), and
 * `.corrupt-*` files were never removed. Deleted means gone from the saved bytes; the cap is on bytes on disk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadSqlJs } from '../../core/ccr/sqljs.js';
import { ensureSchema } from '../../core/ccr/store-schema.js';
import { contentId } from '../../core/util/hash.js';
import { DAY, freshDir, manualClock, open, originalFile } from './store-helpers.js';
import { sessionScope } from '../../core/ccr/scope.js';

const rec = (content: string) => ({ id: contentId(content), content });
const SECRET = 'sk-live-7f3a9c0e5b2d4f6a8c1e3b5d7f9a0c2e';
/** True when any file under the store folder (store.sqlite, original files) holds `s`. */
const fileHas = (dir: string, s: string): boolean =>
  (readdirSync(dir, { recursive: true }) as string[])
    .map((name) => join(dir, name))
    .some((path) => statSync(path).isFile() && readFileSync(path).includes(Buffer.from(s)));

test('an expired record, small or large, and a memo naming it leave no trace in the saved file', async () => {
  const dir = freshDir();
  const clock = manualClock();
  const s = await open(dir, { now: clock.now });
  const small = rec(`token=${SECRET} in a short tool output`);
  const large = rec(('filler line\n'.repeat(5000) + `export KEY=${SECRET}\n`).repeat(4)); // overflow pages
  await s.put([small, large]);
  s.putMemo('unit', {
    output: `compressed, still shows ${SECRET}`,
    compressed: true,
    kind: 'log',
    ccr: [],
    originalId: large.id,
  });
  s.recordRequest({
    id: 'r1',
    time: clock.now(),
    provider: 'anthropic',
    tokensBefore: 1,
    tokensAfter: 1,
    compressMs: 0,
    units: [],
  });
  await s.flush();
  assert.ok(fileHas(dir, SECRET), 'the secret is on disk while the records live');
  assert.ok(fileHas(join(dir, 'originals'), 'filler line'), 'the large original is a file');

  clock.advance(8 * DAY);
  await s.put([rec('a record written after the others expired')]);
  s.sweep();
  await s.close();
  assert.equal(fileHas(dir, SECRET), false, 'no byte of the expired text is left in the file');
  assert.equal(fileHas(dir, 'filler line'), false);
  const t = await open(dir, { now: clock.now });
  assert.equal(
    t.get(contentId('a record written after the others expired')),
    'a record written after the others expired',
  );
  await t.close();
});

test('the file stays under maxBytes on disk after many puts, and freed pages are given back', async () => {
  const dir = freshDir();
  const clock = manualClock();
  const maxBytes = 2 * 1024 * 1024;
  const s = await open(dir, { now: clock.now, maxBytes, persistDebounceMs: 60_000 });
  let last = rec('');
  for (let i = 0; i < 300; i++) {
    last = rec(`record ${i}\n` + `${i} `.repeat(10_000 + (i % 7) * 3000));
    await s.put([last]);
    s.putMemo(`memo-${i}`, { output: `short ${i}`, compressed: true, kind: 'text', ccr: [], originalId: last.id });
    clock.advance(1000);
    if (i % 25 === 24) {
      await s.flush();
      const size = statSync(join(dir, 'store.sqlite')).size;
      assert.ok(size <= maxBytes, `after ${i + 1} puts the file is ${size} bytes, over the cap of ${maxBytes}`);
    }
  }
  assert.equal(s.get(last.id), last.content, 'the newest record is kept');
  assert.equal(s.get(contentId(`record 0\n` + '0 '.repeat(10_000))), undefined, 'the oldest was evicted');
  await s.close();
  assert.ok(statSync(join(dir, 'store.sqlite')).size <= maxBytes);
});

test(
  'a store file from before (no auto-vacuum, deleted text in free pages) is rebuilt clean at its first ' + 'save',
  async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const SQL = await loadSqlJs();
    const legacy = new SQL.Database();
    ensureSchema(legacy);
    const old = rec(`${SECRET}\n`.repeat(3000));
    legacy.run('INSERT INTO ccr(id, bytes, created, accessed, content) VALUES (?, ?, 0, 0, ?)', [
      old.id,
      old.content.length,
      old.content,
    ]);
    legacy.run('DELETE FROM ccr');
    writeFileSync(join(dir, 'store.sqlite'), legacy.export());
    legacy.close();
    assert.ok(fileHas(dir, SECRET), 'the old file still holds deleted text');

    const s = await open(dir);
    await s.put([rec('new')]);
    await s.close();
    assert.equal(fileHas(dir, SECRET), false);
    const reread = new SQL.Database(readFileSync(join(dir, 'store.sqlite')));
    assert.equal(
      reread.exec('PRAGMA auto_vacuum')[0].values[0][0],
      2,
      'now INCREMENTAL: later deletions shrink the file in place',
    );
    reread.close();
  },
);

test(
  'moved-aside .corrupt-* files: the newest two are kept for at most the TTL, the rest are removed on ' + 'save',
  async () => {
    const dir = freshDir();
    const clock = manualClock();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const aside = (ageMs: number): string => {
      const name = `store.sqlite.corrupt-${clock.now() - ageMs}`;
      writeFileSync(join(dir, name), `old originals, ${SECRET}`);
      return name;
    };
    const [day1, day2, day3, day4] = [1, 2, 3, 4].map((d) => aside(d * DAY));
    const s = await open(dir, { now: clock.now });
    await s.put([rec('x')]);
    await s.flush();
    assert.deepEqual(
      readdirSync(dir)
        .filter((n) => n.includes('.corrupt-'))
        .sort(),
      [day1, day2].sort(),
    );
    for (const gone of [day3, day4]) assert.equal(existsSync(join(dir, gone)), false);

    clock.advance(7 * DAY); // day2 is now 9 days old, day1 8: past the 7-day TTL
    await s.put([rec('y')]);
    await s.close();
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.includes('.corrupt-')),
      [],
    );
  },
);

test(
  'files a killed writer never indexed: a fresh one is indexed on open, one older than the TTL is ' + 'deleted',
  async () => {
    const dir = freshDir();
    const s = await open(dir);
    await s.close();
    const scope = sessionScope('killed-before-save');
    const fresh = 'written, fsynced, then kill -9 before the index was saved';
    const stale = 'the same, eight days ago';
    for (const text of [fresh, stale]) {
      mkdirSync(dirname(originalFile(dir, contentId(text), scope)), { recursive: true });
      writeFileSync(originalFile(dir, contentId(text), scope), Buffer.concat([Buffer.from('T'), Buffer.from(text)]));
    }
    const eightDaysAgo = (Date.now() - 8 * 86_400_000) / 1000;
    utimesSync(originalFile(dir, contentId(stale), scope), eightDaysAgo, eightDaysAgo);
    const t = await open(dir);
    assert.equal(t.get(contentId(fresh), scope), fresh);
    assert.equal(t.get(contentId(stale), scope), undefined, 'expired by its mtime');
    await t.close();
    assert.equal(existsSync(originalFile(dir, contentId(stale), scope)), false, 'gone from disk');
    assert.equal(existsSync(originalFile(dir, contentId(fresh), scope)), true);
  },
);
