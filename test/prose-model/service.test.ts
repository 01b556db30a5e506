import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ProseModel } from '../../core/prose-model/service.js';
import { compressProse } from '../../core/prose-model/compress-prose.js';
import { markerIds } from '../../core/ccr/marker.js';
import { countTokens } from '../../core/util/tokens.js';
import { DEFAULT_MANIFEST, FIXTURES, fixture } from './helpers.js';

const BIG = 60_000; // ms: generous budgets where the test is not about timing (the CI machine may be loaded)

test('the default model compresses real prose in its worker: model engine, facts and markers intact', async () => {
  const model = new ProseModel({ manifestPath: DEFAULT_MANIFEST, budgetMs: BIG });
  try {
    assert.equal(model.status().state, 'idle', 'nothing loads before the first request');
    const text = fixture('xz-readme.txt');
    const r = await compressProse(text, { model, query: 'How do I report a bug in XZ Utils?' });
    assert.equal(r.stats.engine, 'model', r.stats.fallbackReason);
    assert.equal(r.stats.modelId, 'headroom-prose-v1');
    assert.ok(r.stats.chunks! >= 2 && r.stats.modelTokens! > 2000);
    assert.deepEqual(model.status().state, 'ready');
    const out = r.output!;
    assert.ok(countTokens(out) < countTokens(text) * 0.85, 'at least 15% fewer tokens');
    for (const fact of ['--enable-debug', '256 KiB', 'LZMA2', '30 %', 'X.Y.ZS', 'ulimit -c unlimited'])
      assert.ok(out.includes(fact), fact);
    // every marker's record is a passage of the original, verbatim
    const ids = markerIds(out);
    assert.ok(ids.length >= 2);
    assert.deepEqual(r.records.map((x) => x.id).sort(), [...ids].sort());
    for (const rec of r.records) assert.ok(text.includes(rec.content) && rec.content.length > 500);
  } finally {
    await model.close();
  }
});

test('deterministic: the same text and query give the same bytes, in the same worker and in a new one', async () => {
  const text = fixture('valgrind-faq.txt');
  const a = new ProseModel({ manifestPath: DEFAULT_MANIFEST, budgetMs: BIG });
  const b = new ProseModel({ manifestPath: DEFAULT_MANIFEST, budgetMs: BIG });
  try {
    const r1 = await compressProse(text, { model: a, query: 'attach to a running program' });
    const r2 = await compressProse(text, { model: a, query: 'attach to a running program' });
    const r3 = await compressProse(text, { model: b, query: 'attach to a running program' });
    assert.equal(r1.stats.engine, 'model');
    assert.equal(r1.output, r2.output);
    assert.equal(r1.output, r3.output);
    const other = await compressProse(text, { model: a, query: 'pronounce' });
    assert.notEqual(other.output, r1.output, 'the query changes what is protected');
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('the ratio sets how much of the prunable prose stays', async () => {
  const model = new ProseModel({ manifestPath: DEFAULT_MANIFEST, budgetMs: BIG });
  try {
    const text = fixture('gdb-readme.txt');
    const sizes: number[] = [];
    for (const ratio of [0.2, 0.5, 0.8]) {
      const r = await compressProse(text, { model, ratio });
      assert.equal(r.stats.engine, 'model');
      sizes.push(countTokens(r.output!));
    }
    assert.ok(sizes[0] < sizes[1] && sizes[1] < sizes[2], sizes.join(' < '));
    assert.ok(sizes[2] < countTokens(text));
  } finally {
    await model.close();
  }
});

test('concurrent requests are answered in turn by the one worker', async () => {
  const model = new ProseModel({ manifestPath: DEFAULT_MANIFEST, budgetMs: BIG });
  try {
    const docs = ['gdb-readme.txt', 'zlib-faq.txt', 'semver-readme.md'].map(fixture);
    const rs = await Promise.all(docs.map((text) => compressProse(text, { model })));
    for (const r of rs) assert.equal(r.stats.engine, 'model', r.stats.fallbackReason);
  } finally {
    await model.close();
  }
});

test('a model that does not answer within the budget: extractive output, the stats say why, no stall', async () => {
  const model = new ProseModel({ manifestPath: DEFAULT_MANIFEST, workerFile: join(FIXTURES, 'slow-worker.ts') });
  try {
    model.warmup();
    const text = fixture('gdb-readme.txt');
    const r = await compressProse(text, { model, budgetMs: 150, query: 'What compiler does GDB require?' });
    assert.equal(r.stats.engine, 'extractive');
    assert.match(r.stats.fallbackReason!, /the model did not answer within 150 ms/);
    assert.ok(r.output && r.output.includes('C++11'), 'the extractive compressor answered instead');
    assert.notEqual(model.status().state, 'unavailable', 'a slow answer is not a broken model');
  } finally {
    await model.close();
  }
});

test('the real worker gives up on its own when the deadline passes while it works', async () => {
  const model = new ProseModel({ manifestPath: DEFAULT_MANIFEST, budgetMs: BIG });
  try {
    await compressProse(fixture('zlib-faq.txt'), { model }); // loaded and warm
    const huge = Array.from({ length: 40 }, () => fixture('undici-readme.md')).join('\n\n');
    const r = await compressProse(huge, { model, budgetMs: 5 });
    assert.equal(r.stats.engine, 'extractive');
    assert.match(r.stats.fallbackReason!, /did not answer within 5 ms|ran out of its time budget/);
    // the worker is free again afterwards: a normal request still uses the model
    const again = await compressProse(fixture('zlib-faq.txt'), { model });
    assert.equal(again.stats.engine, 'model', again.stats.fallbackReason);
  } finally {
    await model.close();
  }
});

test('a worker that crashes makes the model unavailable; requests fall back at once', async () => {
  const model = new ProseModel({
    manifestPath: DEFAULT_MANIFEST,
    workerFile: join(FIXTURES, 'crash-worker.ts'),
    budgetMs: BIG,
  });
  try {
    const r = await compressProse(fixture('gdb-readme.txt'), { model });
    assert.equal(r.stats.engine, 'extractive');
    assert.match(r.stats.fallbackReason!, /prose model worker crashed: simulated worker crash/);
    assert.equal(model.status().state, 'unavailable');
    const again = await compressProse(fixture('gdb-readme.txt'), { model });
    assert.equal(again.stats.engine, 'extractive');
    assert.match(again.stats.fallbackReason!, /crashed/);
  } finally {
    await model.close();
  }
});

test('short prose and no model at all are fallbacks with a reason, not errors', async () => {
  const none = await compressProse(fixture('gdb-readme.txt'), {});
  assert.equal(none.stats.engine, 'extractive');
  assert.equal(none.stats.fallbackReason, 'no prose model configured');
  const model = new ProseModel({ manifestPath: DEFAULT_MANIFEST });
  const short = await compressProse('A short note.', { model });
  assert.equal(short.output, null);
  assert.match(short.stats.fallbackReason!, /under 1000 characters/);
  assert.equal(model.status().state, 'idle', 'no worker for text too short to matter');
  await model.close();
});
