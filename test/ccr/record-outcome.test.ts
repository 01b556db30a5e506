import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namedIds, recordOutcome } from '../../core/ccr/record-outcome.js';
import type { CcrRecord } from '../../core/types.js';
import type { MemoEntry } from '../../core/ccr/store-types.js';
import { prepareBody } from '../../core/proxy/prepare-body.js';
import { RetrieveSessions } from '../../core/proxy/retrieve-sessions.js';
import { headLines, lineCompressBody, toolLog } from '../helpers/line-compress.js';
import { MemoryStore } from '../helpers/memory-store.js';

/** A MemoryStore that logs each write as it lands, and can be told to fail its puts. */
class LoggingStore extends MemoryStore {
  readonly writes: string[] = [];
  failPuts = false;
  override async put(records: readonly CcrRecord[], scope?: string): Promise<void> {
    if (this.failPuts) throw new Error('disk full');
    await super.put(records, scope);
    this.writes.push(`put ${records.map((r) => r.id).join(',')}`);
  }
  override async share(ids: readonly string[], scope?: string): Promise<void> {
    await super.share(ids, scope);
    this.writes.push(`share ${[...ids].sort().join(',')}`);
  }
  override putMemo(key: string, entry: MemoEntry): void {
    super.putMemo(key, entry);
    this.writes.push(`memo ${key}`);
  }
}

function compressedUnit(seed: number) {
  const records: CcrRecord[] = [];
  const entry = headLines(toolLog(seed), records);
  return { records, entry, ids: [entry.originalId!, ...entry.ccr].sort() };
}

test('originals are put and shared before the memo entry that names them is written', async () => {
  const store = new LoggingStore();
  const u = compressedUnit(1);
  await recordOutcome(store, { records: u.records, named: u.ids, memo: [{ key: 'k1', entry: u.entry }] }, 's1');
  assert.deepEqual(store.writes, [
    `put ${u.records.map((r) => r.id).join(',')}`,
    `share ${u.ids.join(',')}`,
    'memo k1',
  ]);
  assert.equal(store.get(u.entry.originalId!, 's1'), toolLog(1));
  assert.deepEqual(store.getMemo('k1'), u.entry);
});

test('a failed put writes no memo entry, so the next request decides afresh', async () => {
  const store = new LoggingStore();
  store.failPuts = true;
  const u = compressedUnit(2);
  await assert.rejects(
    recordOutcome(store, { records: u.records, memo: [{ key: 'k2', entry: u.entry }] }),
    /disk full/,
  );
  assert.equal(store.memo.size, 0);
});

test('a memo entry naming an original stored nowhere is refused, even when the caller forgot to name it', async () => {
  const store = new LoggingStore();
  const u = compressedUnit(3);
  // the records are not passed: the memo entry's ids are shared all the same, and that rejects
  await assert.rejects(
    recordOutcome(store, { records: [], memo: [{ key: 'k3', entry: u.entry }] }),
    /no longer stored/,
  );
  assert.equal(store.memo.size, 0);
});

test('a unit sent as it is is memoized with no original behind it', async () => {
  const store = new LoggingStore();
  const entry: MemoEntry = { output: 'as is', compressed: false, kind: 'text', ccr: [] };
  await recordOutcome(store, { records: [], memo: [{ key: 'plain', entry }] });
  assert.deepEqual(store.writes, ['memo plain']);
});

test('namedIds lists the originals and pieces of compressed units only, once each', () => {
  const a = compressedUnit(4).entry;
  const ids = namedIds([a, a, { compressed: false, originalId: 'hr_ffffffffffffffff', ccr: ['hr_eeeeeeeeeeeeeeee'] }]);
  assert.deepEqual(ids.sort(), [a.originalId!, ...a.ccr].sort());
});

/** An OpenAI chat body whose tool results are the given texts. */
function chat(...results: string[]): Buffer {
  const messages: unknown[] = [{ role: 'user', content: 'why?' }];
  results.forEach((content, i) => {
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: `c${i}`, type: 'function', function: { name: 'Bash', arguments: '{}' } }],
    });
    messages.push({ role: 'tool', tool_call_id: `c${i}`, content });
  });
  return Buffer.from(JSON.stringify({ model: 'gpt-x', messages }));
}

const prepare = (store: MemoryStore, body: Buffer) =>
  prepareBody(body, { 'content-type': 'application/json' }, 'openai-chat', {
    store,
    sessions: new RetrieveSessions(store),
    compressBody: lineCompressBody,
    retrieveTool: false,
    maxBodyBytes: 1 << 20,
  });

test('the proxy memoizes a new unit only after its originals are stored, never when they cannot be', async () => {
  const store = new LoggingStore();
  store.failPuts = true;
  const failed = await prepare(store, chat(toolLog(5)));
  assert.match(failed.reason ?? '', /store write failed: disk full/);
  assert.equal(failed.decoded, false, "the client's bytes went");
  assert.equal(store.memo.size, 0, 'no memo entry for bytes that were not sent');

  store.failPuts = false;
  const sent = await prepare(store, chat(toolLog(5)));
  assert.equal(sent.decoded, true);
  assert.deepEqual(
    store.writes.map((w) => w.split(' ')[0]),
    ['put', 'share', 'memo'],
  );
  const [entry] = store.memo.values();
  for (const id of [entry.originalId!, ...entry.ccr]) assert.ok(store.get(id, sent.scope), `${id} is stored`);
});
