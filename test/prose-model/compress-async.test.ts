import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compress } from '../../core/compress.js';
import { compressAsync } from '../../core/prose-model/compress-async.js';
import { ProseModel } from '../../core/prose-model/service.js';
import { markerIds } from '../../core/ccr/marker.js';
import { DEFAULT_MANIFEST, ROOT, fixture } from './helpers.js';

const model = new ProseModel({ manifestPath: DEFAULT_MANIFEST, budgetMs: 60_000 });
test.after(() => model.close());

test('without a prose model it is exactly compress()', async () => {
  const text = fixture('gdb-readme.txt');
  assert.deepEqual(await compressAsync(text, { query: 'compiler' }), compress(text, { query: 'compiler' }));
});

test('prose goes to the model: a CompressResult whose records redeem the original and every passage', async () => {
  const text = fixture('semver-readme.md');
  // forced: the router currently takes this README (with its JavaScript examples) for code
  const r = await compressAsync(text, { prose: model, kind: 'text', query: 'What does the tilde range ~1.2.3 allow?' });
  assert.equal(r.prose?.engine, 'model', r.prose?.fallbackReason);
  assert.equal(r.kind, 'text');
  assert.ok(r.compressed && r.output.length < text.length);
  const byId = new Map(r.records.map((x) => [x.id, x.content]));
  assert.equal(byId.get(r.originalId!), text, 'the original is retrievable whole');
  assert.deepEqual(r.ccr, markerIds(r.output));
  for (const id of r.ccr) assert.ok(text.includes(byId.get(id)!), 'each marker retrieves a verbatim passage');
  assert.ok(
    r.output.includes('`~1.2.3` := `>=1.2.3 <1.(2+1).0` := `>=1.2.3 <1.3.0-0`'),
    'the answer, a code span, is whole',
  );
});

test('other kinds never reach the model', async () => {
  const json = JSON.stringify({
    items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item ${i}`, ok: i % 7 !== 0 })),
  });
  const r = await compressAsync(json, { prose: model });
  assert.equal(r.kind, 'json');
  assert.equal(r.prose, undefined);
  assert.deepEqual(r, compress(json));
});

test('error lines in prose survive the model, so the pipeline guard accepts its output', async () => {
  const text = fixture('zlib-faq.txt') + '\n\nbuild: error: cannot find -lz when linking the example program\n';
  const r = await compressAsync(text, { prose: model });
  assert.equal(r.prose?.engine, 'model', r.prose?.fallbackReason);
  assert.ok(r.output.includes('build: error: cannot find -lz when linking the example program'));
  assert.ok(r.output.includes('Z_BUF_ERROR'));
});

test("when the model cannot answer in time, the result is the synchronous pipeline's, and says so", async () => {
  const slow = new ProseModel({
    manifestPath: DEFAULT_MANIFEST,
    workerFile: join(ROOT, 'test/fixtures/prose/slow-worker.ts'),
  });
  try {
    const text = readFileSync(join(ROOT, 'test/fixtures/prose/gdb-readme.txt'), 'utf8');
    const r = await compressAsync(text, { prose: slow, budgetMs: 100, query: 'Node.js version' });
    assert.equal(r.prose?.engine, 'extractive');
    // the coarse stage runs inside the same budget, so the model is given what is left of the 100 ms
    const waited = Number(/did not answer within (\d+) ms/.exec(r.prose!.fallbackReason!)?.[1]);
    assert.ok(waited > 0 && waited <= 100, r.prose!.fallbackReason);
    const { prose: _stats, ...rest } = r;
    assert.deepEqual(rest, compress(text, { query: 'Node.js version' }));
  } finally {
    await slow.close();
  }
});

test(`prose inside JSON strings and HTML pages goes through the model too; the structure around it stays the \
pipeline's`, async () => {
  const faq = fixture('zlib-faq.txt');
  const issue = JSON.stringify({ number: 88, title: 'zlib threads', state: 'open', body: faq, comments: 3 }, null, 2);
  const r = await compressAsync(issue, { prose: model, query: 'Is zlib thread-safe?' });
  assert.equal(r.kind, 'json');
  assert.equal(r.prose?.engine, 'model', r.prose?.fallbackReason);
  assert.equal(r.prose?.pieces, 1);
  const pruned = await compressAsync(faq, { prose: model, kind: 'text', query: 'Is zlib thread-safe?' });
  const value = JSON.parse(r.output.slice(r.output.indexOf('{'))) as Record<string, unknown>;
  assert.deepEqual(
    { ...value, body: undefined },
    { number: 88, title: 'zlib threads', state: 'open', body: undefined, comments: 3 },
  );
  assert.equal(value.body, pruned.output, 'the body is exactly what the model makes of the same prose');
  const byId = new Map(r.records.map((x) => [x.id, x.content]));
  for (const id of markerIds(r.output)) assert.ok(byId.has(id), `marker ${id} redeems`);
  assert.equal(byId.get(r.originalId!), issue);

  const page = readFileSync(join(ROOT, 'test/fixtures/html/libffi-the-basics.html'), 'utf8');
  const h = await compressAsync(page, { prose: model });
  assert.equal(h.kind, 'html');
  assert.equal(h.prose?.engine, 'model', h.prose?.fallbackReason);
  assert.notEqual(h.output, compress(page).output);
  assert.match(h.output, /characters of markup omitted/);
});

test('several prose strings in one document share one budget; those the model misses are extractive', async () => {
  const slow = new ProseModel({
    manifestPath: DEFAULT_MANIFEST,
    workerFile: join(ROOT, 'test/fixtures/prose/slow-worker.ts'),
  });
  try {
    const docs = ['zlib-faq.txt', 'gdb-readme.txt', 'xz-readme.txt'].map(fixture);
    const text = JSON.stringify(docs.map((body, i) => ({ id: i + 1, body })));
    const r = await compressAsync(text, { prose: slow, budgetMs: 80 });
    assert.equal(r.prose?.engine, 'extractive');
    assert.equal(r.prose?.pieces, 3);
    assert.equal(r.prose?.modelPieces, 0);
    const { prose: _p, ...rest } = r;
    assert.deepEqual(rest, compress(text));
  } finally {
    await slow.close();
  }
});
