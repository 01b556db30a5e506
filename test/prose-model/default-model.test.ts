import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDefaultProseModel } from '../../scripts/make-default-prose-model.js';
import { loadManifest } from '../../core/prose-model/manifest.js';
import { loadProseModel } from '../../core/prose-model/model-session.js';
import { DEFAULT_DIR, DEFAULT_MANIFEST } from './helpers.js';

test('the committed default model is exactly what the script produces (reproducible, byte for byte)', async () => {
  const { files } = await buildDefaultProseModel();
  for (const [name, bytes] of files) {
    assert.ok(
      Buffer.from(bytes).equals(readFileSync(join(DEFAULT_DIR, name))),
      `models/headroom-prose-v1/${name} is stale: run scripts/make-default-prose-model.ts`,
    );
  }
  const m = loadManifest(DEFAULT_MANIFEST);
  assert.ok(m.size < 5_000_000, 'small enough to commit');
});

test('the default model ranks words as its features intend', async () => {
  const m = await loadProseModel(loadManifest(DEFAULT_MANIFEST));
  try {
    const words = 'The daemon does not restart the watchdog unless the kubelet restarts the watchdog .'.split(' ');
    const ids: number[] = [...m.tokenizer.prefix];
    const at: number[] = [];
    for (const w of words) {
      at.push(ids.length);
      ids.push(...m.tokenizer.encodeWord(w, true));
    }
    ids.push(...m.tokenizer.suffix);
    const p = await m.run(ids);
    const score = (i: number) => p[at[i]];
    const [the, daemon, , not, restart, , watchdog, unless, , kubelet, , , watchdog2, dot] = words.map((_, i) =>
      score(i),
    );
    assert.ok(daemon > the && restart > the, 'content words over function words');
    assert.ok(not > 0.9, 'a negation is kept');
    assert.ok(kubelet > daemon, 'an out-of-vocabulary term over a known word');
    assert.ok(watchdog2 < watchdog, 'a repeated content word says less the second time');
    assert.ok(dot < 0.1 && the < 0.1, 'punctuation and articles go first');
    assert.ok(unless < restart);
  } finally {
    await m.release();
  }
});
