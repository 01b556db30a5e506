/**
 * The MCP server through the SDK's real client over stdio (`headroom mcp` spawned as a child process): tool listing,
 * compress → exact retrieve (whole, line ranges, JSON row ranges), stats, and clear errors for bad input.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markerIds } from '../../core/ccr/marker.js';
import { openStore } from '../../core/ccr/store.js';
import { connectMcp, root, texts, type Connected } from './helpers.js';

const fixtures = join(root, 'test', 'fixtures', 'mcp');
const packagesJson = readFileSync(join(fixtures, 'packages.json'), 'utf8');
const dpkg = readFileSync(join(fixtures, 'dpkg-l.txt'), 'utf8');
const home = mkdtempSync(join(tmpdir(), 'hr-mcp-'));
const work = mkdtempSync(join(tmpdir(), 'hr-mcp-ws-'));
let mcp: Connected;

type Structured<T> = { structuredContent: T; isError?: boolean; content: unknown[] };
type CompressOut = {
  kind: string;
  compressed: boolean;
  originalTokens: number;
  compressedTokens: number;
  originalId?: string;
  ccr: string[];
  reason?: string;
};

before(async () => {
  mcp = await connectMcp({ home, cwd: fixtures, workspace: work, name: 'test-client' });
});
after(async () => {
  await mcp?.close();
});

test('lists the five tools, each with an input schema', async () => {
  const { tools } = await mcp.client.listTools();
  const names = tools.map((t) => t.name).sort();
  assert.deepEqual(names, [
    'headroom_compress',
    'headroom_memory_put',
    'headroom_memory_search',
    'headroom_retrieve',
    'headroom_stats',
  ]);
  const retrieve = tools.find((t) => t.name === 'headroom_retrieve')!;
  assert.deepEqual(retrieve.inputSchema.required, ['id']);
  assert.ok(retrieve.outputSchema, 'typed results');
});

test(`compress a JSON listing → much shorter, keeps the queried row; retrieve gives back the exact original and each \
omitted part`, async () => {
  const r = (await mcp.client.callTool({
    name: 'headroom_compress',
    arguments: { text: packagesJson, query: 'sql.js' },
  })) as Structured<CompressOut>;
  assert.ok(!r.isError, texts(r).join('\n'));
  const out = r.structuredContent;
  const [output, summary] = texts(r);
  assert.equal(out.kind, 'json');
  assert.ok(out.compressed);
  assert.ok(out.compressedTokens < out.originalTokens / 4, `${out.originalTokens} → ${out.compressedTokens}`);
  assert.match(output, /sql\.js \| 1\.17\.0/, 'the row the query asks about is kept');
  assert.match(summary, new RegExp(`headroom_retrieve id ${out.originalId}`));
  assert.deepEqual(markerIds(output), out.ccr);

  const whole = (await mcp.client.callTool({
    name: 'headroom_retrieve',
    arguments: { id: out.originalId },
  })) as Structured<{ chars: number; unit: string }>;
  assert.equal(texts(whole)[0], packagesJson, 'bytes in = bytes out');
  assert.equal(whole.structuredContent.unit, 'all');

  // each marker's id gives back exactly the rows it stands for: a run (`index a–b`), or scattered rows keyed by index
  const all = JSON.parse(packagesJson) as unknown[];
  for (const id of out.ccr) {
    const part = (await mcp.client.callTool({ name: 'headroom_retrieve', arguments: { id } })) as Structured<unknown>;
    const content = JSON.parse(texts(part)[0]) as unknown;
    const marker = new RegExp(`index (\\d+)–(\\d+)[^\\]]*retrieve ${id}`).exec(output);
    if (marker) assert.deepEqual(content, all.slice(Number(marker[1]), Number(marker[2]) + 1));
    else {
      assert.match(output, new RegExp(`rows not shown, by index[^\\]]*retrieve ${id}`), `marker for ${id}`);
      for (const [index, row] of Object.entries(content as Record<string, unknown>))
        assert.deepEqual(row, all[Number(index)]);
    }
  }
});

test('retrieve rows of a JSON array: the exact source text of elements 10–12', async () => {
  const c = (await mcp.client.callTool({
    name: 'headroom_compress',
    arguments: { text: packagesJson },
  })) as Structured<CompressOut>;
  const id = c.structuredContent.originalId!;
  const r = (await mcp.client.callTool({ name: 'headroom_retrieve', arguments: { id, rows: '10-12' } })) as Structured<{
    from: number;
    to: number;
    total: number;
  }>;
  const text = texts(r)[0];
  const all = JSON.parse(packagesJson) as unknown[];
  assert.deepEqual(JSON.parse(`[${text}]`), all.slice(10, 13));
  assert.ok(packagesJson.includes(text), 'a substring of the original, formatting and all');
  assert.deepEqual([r.structuredContent.from, r.structuredContent.to, r.structuredContent.total], [10, 12, all.length]);
  const beyond = (await mcp.client.callTool({
    name: 'headroom_retrieve',
    arguments: { id, rows: '999' },
  })) as Structured<unknown>;
  assert.equal(beyond.isError, true);
  assert.match(texts(beyond)[0], /has 305 rows/);
});

test('compress a file by relative path, then retrieve a line range exactly', async () => {
  const c = (await mcp.client.callTool({
    name: 'headroom_compress',
    arguments: { path: 'dpkg-l.txt', query: 'libssl' },
  })) as Structured<CompressOut>;
  assert.ok(!c.isError, texts(c).join('\n'));
  const id = c.structuredContent.originalId;
  assert.ok(id, 'compressed, with an original id');
  const r = (await mcp.client.callTool({
    name: 'headroom_retrieve',
    arguments: { id, lines: '120-161' },
  })) as Structured<{ from: number; to: number; total: number }>;
  const want = dpkg.split('\n').slice(119, 161).join('\n') + '\n';
  assert.equal(texts(r)[0], want);
  assert.deepEqual([r.structuredContent.from, r.structuredContent.to, r.structuredContent.total], [120, 161, 400]);
  const last = (await mcp.client.callTool({
    name: 'headroom_retrieve',
    arguments: { id, lines: '399-1000' },
  })) as Structured<{ to: number }>;
  assert.equal(texts(last)[0], dpkg.split('\n').slice(398).join('\n'), 'a range past the end stops at the last line');
  assert.equal(last.structuredContent.to, 400);
});

test('bad input gets a clear tool error, never a crash', async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ id: 'hr_0000000000000000' }, /no original stored under hr_0000000000000000/],
    [{ id: 'not-an-id' }, /hr_0123456789abcdef/],
    [{ id: 'hr_0000000000000000', lines: '5-1' }, /not a range|no original/],
    [{}, /id/],
  ];
  for (const [args, want] of cases) {
    const r = (await mcp.client.callTool({ name: 'headroom_retrieve', arguments: args })) as Structured<unknown>;
    assert.equal(r.isError, true, JSON.stringify(args));
    assert.match(texts(r)[0], want);
  }
  const both = (await mcp.client.callTool({
    name: 'headroom_compress',
    arguments: { text: 'x', path: 'y' },
  })) as Structured<unknown>;
  assert.equal(both.isError, true);
  assert.match(texts(both)[0], /exactly one of text or path/);
  const missing = (await mcp.client.callTool({
    name: 'headroom_compress',
    arguments: { path: 'no-such-file.txt' },
  })) as Structured<unknown>;
  assert.equal(missing.isError, true);
  assert.match(texts(missing)[0], /no-such-file\.txt/);
  const c = (await mcp.client.callTool({
    name: 'headroom_compress',
    arguments: { text: packagesJson },
  })) as Structured<CompressOut>;
  const badRange = (await mcp.client.callTool({
    name: 'headroom_retrieve',
    arguments: { id: c.structuredContent.originalId, lines: 'abc' },
  })) as Structured<unknown>;
  assert.equal(badRange.isError, true);
  assert.match(texts(badRange)[0], /"abc" is not a range/);
  const rowsOfText = (await mcp.client.callTool({
    name: 'headroom_compress',
    arguments: { path: 'dpkg-l.txt' },
  })) as Structured<CompressOut>;
  const r = (await mcp.client.callTool({
    name: 'headroom_retrieve',
    arguments: { id: rowsOfText.structuredContent.originalId, rows: '1-2' },
  })) as Structured<unknown>;
  assert.equal(r.isError, true);
  assert.match(texts(r)[0], /use lines instead/);
});

test('stats: session and all-time savings, top tools; retrievals are recorded via mcp in the store', async () => {
  const r = (await mcp.client.callTool({ name: 'headroom_stats', arguments: {} })) as Structured<{
    session: { compressions: number; tokensSaved: number; retrievals: number };
    allTime: { requests: number; tokensSaved: number };
    topTools: { tool: string; tokensSaved: number }[];
  }>;
  const s = r.structuredContent;
  assert.ok(s.session.compressions >= 5);
  assert.ok(s.session.tokensSaved > 10_000, String(s.session.tokensSaved));
  assert.ok(s.session.retrievals >= 8);
  assert.equal(s.allTime.tokensSaved, s.session.tokensSaved, 'a fresh store holds only this session');
  assert.equal(s.topTools[0].tool, 'headroom_compress');
  assert.match(texts(r)[0], /this session: .* saved/);

  await mcp.close();
  const store = await openStore({ dir: home });
  try {
    const rets = store.recentRetrievals(100);
    assert.ok(rets.length >= 8 && rets.every((x) => x.via === 'mcp'));
    assert.ok(rets.some((x) => !x.found) && rets.some((x) => x.found));
    assert.ok(store.recentRequests(100).every((x) => x.provider === 'mcp' && x.agent === 'mcp:test-client'));
  } finally {
    await store.close();
  }
  mcp = await connectMcp({ home, cwd: fixtures, workspace: work });
  const again = (await mcp.client.callTool({ name: 'headroom_stats', arguments: {} })) as Structured<{
    session: { compressions: number };
    allTime: { requests: number };
  }>;
  assert.equal(again.structuredContent.session.compressions, 0, 'a new session starts at zero');
  assert.ok(again.structuredContent.allTime.requests >= 5, 'all-time totals survive the restart');
});

test(`headroom mcp --prose-model: prose goes through the model, the result says so, and the passages redeem \
exactly`, async () => {
  const h = mkdtempSync(join(tmpdir(), 'hr-mcp-prose-'));
  const m = await connectMcp({
    home: h,
    cwd: fixtures,
    workspace: work,
    extraArgs: ['--prose-model', 'headroom-prose-v1', '--prose-budget-ms', '20000'],
  });
  try {
    const faq = readFileSync(join(root, 'test', 'fixtures', 'prose', 'zlib-faq.txt'), 'utf8');
    const r = (await m.client.callTool({
      name: 'headroom_compress',
      arguments: { text: faq, query: 'Is zlib thread-safe?' },
    })) as Structured<CompressOut & { prose?: string }>;
    const out = r.structuredContent;
    assert.equal(out.kind, 'text');
    assert.match(out.prose ?? '', /^prose model headroom-prose-v1/);
    const text = texts(r)[0];
    assert.ok(out.compressedTokens < out.originalTokens * 0.8, `${out.originalTokens} → ${out.compressedTokens}`);
    assert.ok(text.includes('thread-safe'));
    for (const id of markerIds(text)) {
      const part = texts(
        (await m.client.callTool({ name: 'headroom_retrieve', arguments: { id } })) as Structured<unknown>,
      )[0];
      assert.ok(faq.includes(part), `${id} redeems a verbatim passage`);
    }
    const bad = await connectMcp({
      home: h,
      cwd: fixtures,
      workspace: work,
      extraArgs: ['--prose-model', 'nope'],
    }).then(
      (c) => c.close().then(() => 'connected'),
      () => 'refused',
    );
    assert.equal(bad, 'refused', 'an unknown model id stops the server before it serves');
  } finally {
    await m.close();
  }
});

test(`issue 16 item 6: an MCP server for another workspace cannot retrieve this workspace's original; the owner \
can`, async () => {
  const h = mkdtempSync(join(tmpdir(), 'hr-mcp-scope-'));
  const mine = await connectMcp({ home: h, cwd: fixtures, workspace: work });
  let id: string;
  try {
    const c = (await mine.client.callTool({
      name: 'headroom_compress',
      arguments: { text: packagesJson },
    })) as Structured<CompressOut>;
    id = c.structuredContent.originalId!;
    const own = (await mine.client.callTool({ name: 'headroom_retrieve', arguments: { id } })) as Structured<unknown>;
    assert.equal(texts(own)[0], packagesJson, 'its own workspace reads it');
  } finally {
    await mine.close();
  }
  const other = await connectMcp({
    home: h,
    cwd: fixtures,
    workspace: mkdtempSync(join(tmpdir(), 'hr-mcp-other-ws-')),
  });
  try {
    const r = (await other.client.callTool({ name: 'headroom_retrieve', arguments: { id } })) as Structured<unknown>;
    assert.equal(r.isError, true);
    assert.match(texts(r)[0], /no original stored under/);
    assert.ok(!texts(r).join('').includes('sql.js'), 'none of the text');
  } finally {
    await other.close();
  }
  const store = await openStore({ dir: h });
  try {
    assert.equal(store.get(id), packagesJson, '`headroom retrieve` (the owner) reads every scope');
  } finally {
    await store.close();
  }
});
