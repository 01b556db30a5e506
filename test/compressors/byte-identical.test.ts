// The compressors' speed work must not change a byte: every golden case (real outputs of every kind, seeded samples,
// hostile shapes) is compressed and compared with the sha256 stored in bench/speed/golden.json. A change that must
// alter output bumps COMPRESSION_VERSION and regenerates the file (bench/speed/write-golden.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { goldenCases } from '../../bench/speed/cases.js';
import { GOLDEN_FILE, initGrammars, resultHash } from '../../bench/speed/golden.js';
import { compress } from '../../core/compress.js';

test('every golden case compresses to exactly the stored bytes', async () => {
  await initGrammars();
  const stored = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Record<string, string>;
  const cases = goldenCases();
  assert.deepEqual(
    cases.map((c) => c.id).sort(),
    Object.keys(stored).sort(),
    'the golden set changed: regenerate bench/speed/golden.json on the commit before the change',
  );
  const changed: string[] = [];
  const compressedKinds = new Set<string>();
  for (const c of cases) {
    const r = compress(c.text, { query: c.query, fileName: c.fileName });
    if (resultHash(r) !== stored[c.id]) changed.push(c.id);
    if (r.compressed) compressedKinds.add(r.kind);
  }
  assert.deepEqual(changed, [], `outputs changed for ${changed.length} case(s)`);
  // the hashes pin compressors' output only where they compress: every compressor must have some
  for (const k of ['json', 'log', 'search', 'diff', 'code', 'html', 'table', 'text'])
    assert.ok(compressedKinds.has(k), `no golden case compressed as ${k}`);
});

test('the golden set covers every content kind with real output', () => {
  const families = new Set(
    goldenCases()
      .filter((c) => !c.id.startsWith('sample/'))
      .map((c) => c.family),
  );
  for (const f of ['json', 'log', 'search', 'diff', 'code', 'html', 'table', 'text']) assert.ok(families.has(f), f);
});
