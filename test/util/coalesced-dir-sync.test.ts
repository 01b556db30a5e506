import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoalescedDirSync } from '../../core/util/coalesced-dir-sync.js';

/** A folder fsync the test finishes by hand, and the log of those started. */
function manualSync() {
  const started: { dir: string; finish: (fail?: boolean) => void }[] = [];
  const sync = (dir: string) =>
    new Promise<void>((resolve, reject) =>
      started.push({ dir, finish: (fail) => (fail ? reject(new Error('EIO')) : resolve()) }),
    );
  return { started, sync };
}

const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

test('callers during a folder fsync share the next one, started after it; none waits on an older one', async () => {
  const { started, sync } = manualSync();
  const dirs = new CoalescedDirSync(sync);
  const first = dirs.request('/a');
  assert.equal(started.length, 1, 'nothing running: it starts at once');
  const second = dirs.request('/a');
  const third = dirs.request('/a');
  assert.equal(started.length, 1, 'a sync is running: the others wait for the next one');
  started[0].finish();
  await first;
  assert.equal(await settled(second), false, 'the fsync that ran began before they asked: it does not cover them');
  await Promise.resolve();
  assert.equal(started.length, 2, 'one more fsync for both');
  started[1].finish();
  await Promise.all([second, third]);
  assert.equal(started.length, 2);

  // idle again: the next caller starts its own at once
  const later = dirs.request('/a');
  assert.equal(started.length, 3);
  started[2].finish(true); // a folder that cannot be fsynced (Windows): best effort, as syncDir
  await later;
});

test('folders are independent', async () => {
  const { started, sync } = manualSync();
  const dirs = new CoalescedDirSync(sync);
  const a = dirs.request('/a');
  const b = dirs.request('/b');
  assert.deepEqual(
    started.map((s) => s.dir),
    ['/a', '/b'],
  );
  started[1].finish();
  await b;
  assert.equal(await settled(a), false, "/b's fsync does not answer for /a");
  started[0].finish();
  await a;
});

test('a burst of writes in one folder costs two fsyncs, not one each', async () => {
  const { started, sync } = manualSync();
  const dirs = new CoalescedDirSync(sync);
  const all = Array.from({ length: 50 }, () => dirs.request('/burst'));
  assert.equal(started.length, 1);
  started[0].finish();
  for (let i = 0; i < 5; i++) await Promise.resolve();
  assert.equal(started.length, 2, 'the 49 that came while the first ran share one');
  started[1].finish();
  await Promise.all(all);
  assert.equal(started.length, 2);
});
