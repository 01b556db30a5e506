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
  assert.ok(r.output.includes('`~1.2.3` := `>=1.2.3 <1.(2+1).0` := `>=1.2.3 <1.3.0-0`'), 'the answer, a code span, is whole');
});

test('other kinds never reach the model', async () => {
  const json = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item ${i}`, ok: i % 7 !== 0 })) });
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

test('when the model cannot answer in time, the result is the synchronous pipeline\'s, and says so', async () => {
  const slow = new ProseModel({ manifestPath: DEFAULT_MANIFEST, workerFile: join(ROOT, 'test/fixtures/prose/slow-worker.ts') });
  try {
    const text = readFileSync(join(ROOT, 'test/fixtures/prose/gdb-readme.txt'), 'utf8');
    const r = await compressAsync(text, { prose: slow, budgetMs: 100, query: 'Node.js version' });
    assert.equal(r.prose?.engine, 'extractive');
    assert.match(r.prose!.fallbackReason!, /did not answer within 100 ms/);
    const { prose: _stats, ...rest } = r;
    assert.deepEqual(rest, compress(text, { query: 'Node.js version' }));
  } finally {
    await slow.close();
  }
});
