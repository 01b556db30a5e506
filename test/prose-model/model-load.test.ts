import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest } from '../../core/prose-model/manifest.js';
import { loadProseModel, ModelShapeError } from '../../core/prose-model/model-session.js';
import { ModelFileError } from '../../core/prose-model/verify-file.js';
import { ProseModel } from '../../core/prose-model/service.js';
import { compressProse } from '../../core/prose-model/compress-prose.js';
import { DEFAULT_DIR, fixture, modelCopy } from './helpers.js';

const MODEL = readFileSync(join(DEFAULT_DIR, 'model.onnx'));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function loadError(manifestPath: string): Promise<Error> {
  try {
    const m = await loadProseModel(loadManifest(manifestPath));
    await m.release();
  } catch (err) {
    return err as Error;
  }
  assert.fail('the model loaded');
}

test('the default model loads, and its probe run has the declared shape', async () => {
  const m = await loadProseModel(loadManifest(join(DEFAULT_DIR, 'manifest.json')));
  const ids = [...m.tokenizer.prefix, ...m.tokenizer.encodeWord('configure', true), ...m.tokenizer.suffix];
  const p = await m.run(ids);
  assert.equal(p.length, ids.length);
  assert.ok(p[0] < 0.001 && p[ids.length - 1] < 0.001, 'special tokens are dropped');
  assert.ok(p[1] > 0.5, 'a content word is kept');
  await m.release();
});

test('a model file with one byte changed fails the sha256 check, naming both hashes', async () => {
  const bad = Uint8Array.from(MODEL);
  bad[bad.length - 100] ^= 0xff;
  const err = await loadError(modelCopy(() => {}, bad));
  assert.ok(err instanceof ModelFileError);
  assert.match(
    err.message,
    new RegExp(`model file .*model.onnx has sha256 ${sha(bad)} but the manifest says ${sha(MODEL)}`),
  );
});

test('a truncated model file is reported as truncated before any hashing', async () => {
  const err = await loadError(modelCopy(() => {}, MODEL.subarray(0, 5000)));
  assert.ok(err instanceof ModelFileError);
  assert.match(err.message, new RegExp(`is 5000 bytes but the manifest says ${MODEL.length} \\(truncated`));
});

test('a truncated model whose manifest matches it is refused by onnxruntime with a clear message', async () => {
  const cut = MODEL.subarray(0, 5000);
  const err = await loadError(modelCopy((m) => Object.assign(m, { sha256: sha(cut), size: cut.length }), cut));
  assert.ok(err instanceof ModelFileError);
  assert.match(
    err.message,
    /model file .*model.onnx is not a model onnxruntime can load \(not ONNX, damaged, or too new\): /,
  );
});

test('a file that is not ONNX at all is refused with the same clear message', async () => {
  const html = new TextEncoder().encode('<!doctype html><title>404 Not Found</title>\n'.repeat(20));
  const err = await loadError(modelCopy((m) => Object.assign(m, { sha256: sha(html), size: html.length }), html));
  assert.match(err.message, /is not a model onnxruntime can load/);
});

test("wrong input tensor names: the error lists the model's real inputs and the manifest to fix", async () => {
  const err = await loadError(modelCopy((m) => (m.inputs = { ids: 'tokens', mask: 'attention_mask' })));
  assert.ok(err instanceof ModelShapeError);
  assert.match(
    err.message,
    /has no input "tokens" \(its inputs are "input_ids", "attention_mask"\); fix "inputs" in .*manifest.json/,
  );
});

test('an input the manifest does not name is reported (the runtime could not feed it)', async () => {
  const err = await loadError(modelCopy((m) => (m.inputs = { ids: 'input_ids' })));
  assert.match(err.message, /needs input "attention_mask", which the manifest's "inputs" does not name/);
});

test('wrong output name and wrong label count are caught before use', async () => {
  const name = await loadError(modelCopy((m) => (m.output = { name: 'scores', labels: ['drop', 'keep'], keep: 1 })));
  assert.match(name.message, /has no output "scores" \(its outputs are "logits"\)/);
  const labels = await loadError(
    modelCopy((m) => (m.output = { name: 'logits', labels: ['drop', 'keep', 'maybe'], keep: 1 })),
  );
  assert.match(labels.message, /output "logits" has 2 labels; the manifest lists 3/);
});

test('a missing tokenizer file is named', async () => {
  const err = await loadError(modelCopy((m) => (m.tokenizer = { type: 'tokenizer.json', file: 'vocab.json' })));
  assert.match(err.message, /tokenizer file .*vocab.json is missing/);
});

test('a broken model makes compressProse fall back to the extractive compressor and say why', async () => {
  const bad = Uint8Array.from(MODEL);
  bad[200] ^= 1;
  const model = new ProseModel({ manifestPath: modelCopy(() => {}, bad), budgetMs: 10_000 });
  try {
    const text = fixture('gdb-readme.txt');
    const r = await compressProse(text, { model, query: 'What compiler does GDB require?' });
    assert.equal(r.stats.engine, 'extractive');
    assert.match(r.stats.fallbackReason ?? '', /has sha256 [0-9a-f]{64} but the manifest says/);
    assert.ok(r.output && r.output.length < text.length, 'the extractive compressor still shortened it');
    assert.ok(r.output!.includes('C++11'));
    assert.equal(model.status().state, 'unavailable');
    // the reason sticks: later calls fall back at once, without a new worker
    const again = await compressProse(text, { model });
    assert.equal(again.stats.fallbackReason, r.stats.fallbackReason);
  } finally {
    await model.close();
  }
});

test('wrong tensor names make the service fall back too', async () => {
  const model = new ProseModel({ manifestPath: modelCopy((m) => (m.inputs = { ids: 'ids' })), budgetMs: 10_000 });
  try {
    const r = await compressProse(fixture('zlib-faq.txt'), { model });
    assert.equal(r.stats.engine, 'extractive');
    assert.match(r.stats.fallbackReason ?? '', /has no input "ids"/);
  } finally {
    await model.close();
  }
});

test('a missing model folder is a fallback with the manifest path in the reason', async () => {
  const model = new ProseModel({ manifestPath: '/nonexistent/models/big/manifest.json' });
  const r = await compressProse(fixture('zlib-faq.txt'), { model });
  assert.equal(r.stats.engine, 'extractive');
  assert.match(r.stats.fallbackReason ?? '', /\/nonexistent\/models\/big\/manifest.json: cannot read the manifest/);
  await model.close();
});
