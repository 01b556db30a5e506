import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hostname } from 'node:os';
import { contentId } from '../../core/util/hash.js';
import { acquireLock } from '../../core/ccr/store-lock.js';
import { captureStderr, freshDir, open } from './store-helpers.js';

const root = resolve(__dirname, '..', '..');
const storeModule = join(root, 'core', 'ccr', 'store.ts');

test('two stores on one folder both write and flush: a third sees both (merge)', async () => {
  const dir = freshDir();
  const a = await open(dir, { persistDebounceMs: 60_000 });
  const b = await open(dir, { persistDebounceMs: 60_000 });
  await a.put([{ id: 'hr_from_a', content: 'written by A' }]);
  a.putMemo('memo-a', { output: 'A', compressed: false, kind: 'text', ccr: [] });
  a.recordRetrieval({ id: 'hr_from_a', time: 1, via: 'cli', found: true });
  await b.put([{ id: 'hr_from_b', content: 'written by B' }]);
  b.recordRetrieval({ id: 'hr_from_b', time: 2, via: 'mcp', found: true });
  b.recordRequest({
    id: 'req-b',
    time: 3,
    provider: 'openai',
    tokensBefore: 9,
    tokensAfter: 3,
    compressMs: 1,
    units: [],
  });
  await a.flush();
  await b.flush(); // B finds A's file newer than what it read, merges it, writes the union
  await a.close();
  await b.close();
  const c = await open(dir);
  assert.equal(c.get('hr_from_a'), 'written by A');
  assert.equal(c.get('hr_from_b'), 'written by B');
  assert.ok(c.getMemo('memo-a'));
  assert.deepEqual(c.totals(), { requests: 1, tokensBefore: 9, tokensAfter: 3, retrievals: 2, units: 0 });
  await c.close();
});

test('merging twice does not duplicate retrievals or requests', async () => {
  const dir = freshDir();
  const a = await open(dir);
  const b = await open(dir);
  a.recordRetrieval({ id: 'hr_x', time: 1, via: 'cli', found: true });
  await a.flush();
  b.recordRetrieval({ id: 'hr_y', time: 2, via: 'cli', found: true });
  await b.flush();
  a.recordRetrieval({ id: 'hr_z', time: 3, via: 'cli', found: true });
  await a.flush(); // merges B's file, which already holds A's first row
  await b.close();
  await a.close();
  const c = await open(dir);
  assert.deepEqual(
    c.recentRetrievals(10).map((r) => r.id),
    ['hr_z', 'hr_y', 'hr_x'],
  );
  await c.close();
});

test("another store's original is readable as soon as its put resolves (a file: no save needed)", async () => {
  const dir = freshDir();
  const reader = await open(dir);
  const writer = await open(dir);
  assert.equal(reader.get('hr_late'), undefined);
  await writer.put([{ id: 'hr_late', content: 'written after the reader opened' }]);
  assert.equal(reader.get('hr_late'), 'written after the reader opened');
  await writer.flush();
  assert.equal(reader.get('hr_late'), 'written after the reader opened');
  await writer.close();
  await reader.close();
});

test('crash safety: leftover temp files (whole or half-written) never change what the store holds', async () => {
  const dir = freshDir();
  const s = await open(dir);
  await s.put([{ id: 'hr_committed', content: 'committed' }]);
  await s.close();
  const file = join(dir, 'store.sqlite');
  const committed = readFileSync(file);
  // What writers that died mid-write leave: a half-written temp file, and a complete one never renamed in.
  const otherDir = freshDir();
  const other = await open(otherDir);
  await other.put([{ id: 'hr_never_committed', content: 'never renamed in' }]);
  await other.close();
  const deadPid = 2 ** 22 + 12345; // above Linux's pid_max default range: no such process
  writeFileSync(`${file}.tmp-${deadPid}-0`, committed.subarray(0, committed.length >> 1));
  writeFileSync(`${file}.tmp-${deadPid}-1`, readFileSync(join(otherDir, 'store.sqlite')));
  const t = await open(dir);
  assert.equal(t.get('hr_committed'), 'committed');
  assert.equal(t.get('hr_never_committed'), undefined);
  await t.put([{ id: 'hr_next', content: 'next write' }]);
  await t.close(); // the next writer, holding the lock, removes a dead writer's temp files
  assert.deepEqual(readdirSync(dir).sort(), ['originals', 'store.sqlite']);
  const u = await open(dir);
  assert.equal(u.get('hr_committed'), 'committed');
  assert.equal(u.get('hr_next'), 'next write');
  await u.close();
});

test('crash safety for real: a writer killed (SIGKILL) at random points never leaves a torn store', {
  timeout: 120_000,
}, async () => {
  const dir = freshDir();
  const code = `(async ({ openStore }) => {
    const s = await openStore({ dir: ${JSON.stringify(dir)}, persistDebounceMs: 600000 });
    for (let i = 0; ; i++) {
      await s.put([{ id: 'hr_crash_' + process.pid + '_' + i, content: String(i).repeat(200000) }]);
      await s.flush();
      process.stdout.write('flushed ' + i + '\\n');
    }
  })(require(${JSON.stringify(storeModule)}));`;
  const confirmed: string[] = [];
  for (let round = 0; round < 3; round++) {
    await new Promise<void>((resolveRound) => {
      const p = spawn(process.execPath, ['--import', 'tsx', '-e', code], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      p.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const done = [...out.matchAll(/flushed (\d+)\n/g)].map((m) => Number(m[1]));
        // Kill it while it is busy writing its next flush: after a number of flushes that varies per round.
        // (>=: one read can carry several lines, so the count can step past 3 + round)
        if (done.length >= 3 + round && p.exitCode === null && !p.killed) p.kill('SIGKILL');
      });
      p.on('exit', () => {
        for (const m of out.matchAll(/flushed (\d+)\n/g)) confirmed.push(`hr_crash_${p.pid}_${m[1]}`);
        resolveRound();
      });
    });
  }
  assert.ok(confirmed.length >= 9);
  let s: Awaited<ReturnType<typeof open>> | undefined;
  const err = await captureStderr(async () => {
    s = await open(dir);
  });
  assert.equal(err, '', 'no corruption warning');
  assert.ok(s);
  for (const id of confirmed) assert.equal(s.get(id)?.length, 200000 * id.split('_').pop()!.length, id);
  await s.put([{ id: 'hr_after', content: 'after the crashes' }]);
  await s.close(); // the dead writers' lock and temp files do not stop us
  assert.deepEqual(readdirSync(dir).sort(), ['originals', 'store.sqlite']);
});

test('a stale lock (dead pid, or too old) is taken over; a live one is waited for', async () => {
  const dir = freshDir();
  mkdirSync(dir, { recursive: true });
  const lockFile = join(dir, 'store.lock');
  const s = await open(dir);
  await s.put([{ id: 'hr_1', content: 'one' }]);
  const deadHolder = JSON.stringify({ pid: 2 ** 22 + 54321, host: hostname(), time: Date.now(), token: 'dead' });
  writeFileSync(lockFile, deadHolder);
  const waits: number[] = [];
  (await acquireLock(lockFile, { onWait: (n) => waits.push(n) })).release();
  assert.deepEqual(waits, [], 'dead holder: taken over at once, without waiting');
  writeFileSync(lockFile, deadHolder);
  await s.flush();
  assert.equal(existsSync(lockFile), false, 'released');

  writeFileSync(
    lockFile,
    JSON.stringify({ pid: process.pid, host: 'another-host', time: Date.now() - 60_000, token: 'old' }),
  );
  await s.put([{ id: 'hr_2', content: 'two' }]);
  await s.flush();
  assert.equal(existsSync(lockFile), false);

  const held = await acquireLock(lockFile);
  let waiting!: () => void;
  const firstWait = new Promise<void>((r) => (waiting = r));
  let got = false;
  const contender = acquireLock(lockFile, { onWait: () => waiting() }).then((l) => ((got = true), l));
  await firstWait;
  assert.equal(got, false, 'waits while a live process holds the lock');
  held.release();
  (await contender).release();
  await s.put([{ id: 'hr_3', content: 'three' }]);
  const again = await acquireLock(lockFile);
  const flushing = s.flush();
  again.release();
  await flushing;
  await s.close();
  const u = await open(dir);
  assert.equal(u.get('hr_3'), 'three');
  await u.close();
});

test('4 processes each put 200 records and flush concurrently: a fresh open sees all 800', {
  timeout: 120_000,
}, async () => {
  const dir = freshDir();
  mkdirSync(dir, { recursive: true });
  const child = (k: number): string => `
    const { once } = require('node:events');
    (async ({ openStore }) => {
      const s = await openStore({ dir: ${JSON.stringify(dir)}, persistDebounceMs: 5 });
      process.stdout.write('ready\\n');
      await once(process.stdin, 'data'); // the parent's go, once all four are ready
      for (let i = 0; i < 200; i++) {
        await s.put([{ id: 'hr_p${k}_' + i, content: 'process ${k} record ' + i + '\\r\\n' + 'x'.repeat(i) }]);
        if (i % 50 === 49) await s.flush();
        else if (i % 7 === 0) await new Promise((r) => setImmediate(r));
      }
      await s.close();
    })(require(${JSON.stringify(storeModule)}));`;
  let ready = 0;
  const children: ChildProcess[] = [];
  const exits = [0, 1, 2, 3].map(
    (k) =>
      new Promise<{ code: number | null; err: string }>((resolveExit) => {
        const p = spawn(process.execPath, ['--import', 'tsx', '-e', child(k)], {
          cwd: root,
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        children.push(p);
        let err = '';
        p.stderr.on('data', (d: Buffer) => (err += d.toString()));
        p.stdout.on('data', (d: Buffer) => {
          ready += (d.toString().match(/ready/g) ?? []).length;
          if (ready === 4) for (const c of children) c.stdin?.end('go\n');
        });
        p.on('exit', (code) => resolveExit({ code, err }));
      }),
  );
  for (const r of await Promise.all(exits)) assert.equal(r.code, 0, r.err);
  const s = await open(dir);
  let found = 0;
  for (let k = 0; k < 4; k++) {
    for (let i = 0; i < 200; i++)
      if (s.get(`hr_p${k}_${i}`) === `process ${k} record ${i}\r\n` + 'x'.repeat(i)) found++;
  }
  assert.equal(found, 800);
  assert.deepEqual(readdirSync(dir).sort(), ['originals', 'store.sqlite']);
  await s.close();
});

test('the debounce timer never keeps a process alive', { timeout: 60_000 }, async () => {
  const dir = freshDir();
  const code = `(async ({ openStore }) => {
    const s = await openStore({ dir: ${JSON.stringify(dir)}, persistDebounceMs: 600000 });
    await s.put([{ id: 'hr_x', content: 'x' }]);
    s.get('hr_x');
  })(require(${JSON.stringify(storeModule)}));`;
  // Exiting at all is the assertion: a timer keeping the process alive would outlast this test's timeout.
  const exitCode = await new Promise<number | null>((r) => {
    spawn(process.execPath, ['--import', 'tsx', '-e', code], { cwd: root, stdio: 'ignore' }).on('exit', r);
  });
  assert.equal(exitCode, 0);
});

test('content ids from contentId() fit the store unchanged', async () => {
  const s = await open(freshDir());
  const text = 'any content';
  await s.put([{ id: contentId(text), content: text }]);
  assert.equal(s.get(contentId(text)), text);
  await s.close();
});
