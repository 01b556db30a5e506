import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest, ManifestError, validateManifest } from '../../core/prose-model/manifest.js';
import { DEFAULT_MANIFEST, defaultManifestJson } from './helpers.js';

test('the shipped manifest validates and resolves its files beside it', () => {
  const m = loadManifest(DEFAULT_MANIFEST);
  assert.equal(m.id, 'headroom-prose-v1');
  assert.equal(m.modelPath, join(DEFAULT_MANIFEST, '..', 'model.onnx'));
  assert.deepEqual(m.inputs, { ids: 'input_ids', mask: 'attention_mask' });
  assert.deepEqual(m.output, { name: 'logits', labels: ['drop', 'keep'], keep: 1 });
  assert.match(m.license, /MIT/);
  assert.match(m.source, /make-default-prose-model/);
});

/** Each case breaks one field; the error must name the file and that field. */
const BROKEN: Array<[string, (m: Record<string, unknown>) => void, RegExp]> = [
  ['wrong schema', (m) => (m.schema = 2), /unsupported "schema" 2/],
  ['wrong task', (m) => (m.task = 'text-generation'), /"task" must be "token-classification"/],
  ['bad id', (m) => (m.id = 'Has Spaces'), /"id" must be lower-case/],
  ['short sha256', (m) => (m.sha256 = 'abc123'), /"sha256" must be 64 lower-case hex digits, got "abc123"/],
  ['file outside its folder', (m) => (m.file = '../../etc/passwd'), /"file" must be a file name beside the manifest/],
  ['size missing', (m) => delete m.size, /"size" must be an integer ≥ 1, got nothing/],
  ['no tokenizer', (m) => delete m.tokenizer, /"tokenizer" must be an object/],
  [
    'sentencepiece model file',
    (m) => (m.tokenizer = { type: 'spm', file: 'x.model' }),
    /"tokenizer.type" must be "tokenizer.json", got "spm"/,
  ],
  ['no input ids', (m) => (m.inputs = { mask: 'attention_mask' }), /"inputs.ids" must be a tensor name/],
  ['same tensor twice', (m) => (m.inputs = { ids: 'x', mask: 'x' }), /names the same tensor twice/],
  ['one label', (m) => (m.output = { name: 'logits', labels: ['keep'], keep: 0 }), /at least two label names/],
  [
    'keep index out of range',
    (m) => (m.output = { name: 'logits', labels: ['drop', 'keep'], keep: 2 }),
    /"output.keep" is 2, but there are only 2 labels/,
  ],
  ['no licence', (m) => delete m.license, /"license" must be a licence statement/],
  ['no source', (m) => (m.source = ' '), /"source" must be where the model comes from/],
];

for (const [name, edit, message] of BROKEN) {
  test(`manifest validation: ${name}`, () => {
    const m = defaultManifestJson();
    edit(m);
    assert.throws(
      () => validateManifest(m, 'models/x/manifest.json'),
      (err: unknown) =>
        err instanceof ManifestError && err.message.startsWith('models/x/manifest.json: ') && message.test(err.message),
    );
  });
}

test('unreadable and non-JSON manifests name the file', () => {
  assert.throws(
    () => loadManifest('/nonexistent/manifest.json'),
    /\/nonexistent\/manifest.json: cannot read the manifest \(ENOENT\)/,
  );
  const dir = mkdtempSync(join(tmpdir(), 'hr-manifest-'));
  writeFileSync(join(dir, 'manifest.json'), '{"id": ');
  assert.throws(() => loadManifest(join(dir, 'manifest.json')), /manifest.json: not valid JSON/);
});
