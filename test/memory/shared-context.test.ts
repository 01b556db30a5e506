/** Memory findings and dedup notes in the store: search ranking, limits, run semantics, and merge across processes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../core/ccr/store.js';
import { MAX_MEMORY_CHARS } from '../../core/ccr/store-shared.js';
import { sharedContext } from '../../core/memory/shared-context.js';
import { resolveWorkspace } from '../../core/memory/workspace.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'hr-mem-'));

test(`put → search: ranked by distinct terms matched (text and tags), newest first among equals; tags merge on \
re-put`, async () => {
  const store = await openStore({ dir: fresh() });
  const ws = 'ws_test';
  const put = (text: string, tags?: string[]) => store.memoryPut(ws, { text, tags, agent: 'a' });
  put('The flaky test is test/proxy/websocket.test.ts: it races the upgrade handler', ['flaky', 'proxy']);
  put('Build uses esbuild; dist/cli.js is the CLI bundle', ['build']);
  put('The proxy listens on 127.0.0.1:8787 by default');
  const again = store.memoryPut(ws, { text: 'Build uses esbuild; dist/cli.js is the CLI bundle', tags: ['bundle'] });
  assert.deepEqual(again.tags, ['build', 'bundle'], 'same text: one entry, tags merged');
  assert.equal(store.memoryCount(ws), 3);

  const hits = store.memorySearch(ws, 'which proxy test is flaky?');
  assert.deepEqual(
    hits.map((h) => h.score),
    [3, 1],
  );
  assert.match(hits[0].text, /websocket\.test\.ts/);
  assert.deepEqual(
    store.memorySearch(ws, 'esbuild bundle').map((h) => h.text),
    ['Build uses esbuild; dist/cli.js is the CLI bundle'],
  );
  assert.equal(store.memorySearch(ws, '', 2).length, 2, 'no terms: newest first');
  assert.deepEqual(store.memorySearch(ws, 'kubernetes'), []);
  assert.deepEqual(store.memorySearch(ws, '100%_done').length, 0, 'LIKE wildcards in the query are literal');
  assert.throws(() => store.memoryPut(ws, { text: 'x'.repeat(MAX_MEMORY_CHARS + 1) }), /at most 8000/);
  assert.throws(() => store.memoryPut(ws, { text: '   ' }), /non-empty/);
  await store.close();
});

test(`noteSeen: the first run owns a content; the same run again is not a duplicate; another run is, \
once`, async () => {
  const store = await openStore({ dir: fresh() });
  const t0 = Date.now();
  const note = (runId: string, agent: string) =>
    store.noteSeen({ workspace: 'ws_a', contentId: 'hr_0123456789abcdef', runId, agent, tokens: 500, time: t0 });
  assert.equal(note('run-1', 'claude').duplicate, false);
  assert.equal(note('run-1', 'claude').duplicate, false, 'an agent resends its history every turn');
  const second = note('run-2', 'codex');
  assert.equal(second.duplicate, true);
  assert.deepEqual(second.first, { runId: 'run-1', agent: 'claude', time: t0 });
  note('run-2', 'codex');
  assert.deepEqual(store.dedupTotals('ws_a'), { outputs: 1, tokens: 500 });
  await store.close();
});

test("two processes' memory and seen rows merge; the earliest first-receiver wins", async () => {
  const dir = fresh();
  const t0 = Date.now();
  const a = await openStore({ dir, persistDebounceMs: 60_000 });
  const b = await openStore({ dir, persistDebounceMs: 60_000 });
  a.memoryPut('ws_x', { text: 'from A' });
  b.memoryPut('ws_x', { text: 'from B' });
  b.noteSeen({
    workspace: 'ws_x',
    contentId: 'hr_aaaaaaaaaaaaaaaa',
    runId: 'b',
    agent: 'codex',
    tokens: 1,
    time: t0 + 200,
  });
  a.noteSeen({
    workspace: 'ws_x',
    contentId: 'hr_aaaaaaaaaaaaaaaa',
    runId: 'a',
    agent: 'claude',
    tokens: 1,
    time: t0 + 100,
  });
  await a.flush();
  await b.flush();
  await a.close();
  await b.close();
  const c = await openStore({ dir });
  assert.deepEqual(
    c
      .memorySearch('ws_x', '')
      .map((e) => e.text)
      .sort(),
    ['from A', 'from B'],
  );
  const r = c.noteSeen({
    workspace: 'ws_x',
    contentId: 'hr_aaaaaaaaaaaaaaaa',
    runId: 'c',
    agent: 'gemini',
    tokens: 1,
    time: t0 + 300,
  });
  assert.deepEqual(r.first, { runId: 'a', agent: 'claude', time: t0 + 100 });
  await c.close();
});

test(`sharedContext: workspace = the enclosing git checkout; received() reports what another agent already \
had`, async () => {
  const repo = fresh();
  mkdirSync(join(repo, '.git'));
  mkdirSync(join(repo, 'packages', 'web'), { recursive: true });
  const store = await openStore({ dir: fresh() });
  const root = sharedContext(store, repo, 'claude');
  const sub = sharedContext(store, join(repo, 'packages', 'web'), 'codex');
  assert.equal(sub.workspace.id, root.workspace.id);
  assert.equal(resolveWorkspace(join(repo, 'packages')).root, root.workspace.root);
  root.put('auth lives in packages/api/src/auth.ts', ['auth']);
  assert.equal(sub.search('where is auth?')[0].text, 'auth lives in packages/api/src/auth.ts');
  const output = 'x'.repeat(5000);
  assert.equal(root.received(output, 1200).duplicate, false);
  const dup = sub.received(output, 1200);
  assert.equal(dup.duplicate, true);
  assert.equal(dup.first.agent, 'claude');
  assert.deepEqual(sub.duplicates(), { outputs: 1, tokens: 1200 });
  await store.close();
});
