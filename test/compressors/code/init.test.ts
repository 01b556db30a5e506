import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { compressCode, disposeCodeCompressor, initCodeCompressor } from '../../../core/compressors/code/index.js';
import { loadedGrammar } from '../../../core/compressors/code/grammars.js';
import { fixture, GRAMMARS_DIR, initAllLanguages, ROOT, stashCtx } from './helpers.js';

// One process per test file: this file sees the grammar registry before any init.
test('before init, and for languages not loaded, compressCode passes through without waiting', async () => {
  const py = fixture('textwrap.py');
  const go = fixture('persistent-https-proxy.go');
  assert.equal(compressCode(py, stashCtx('', 'textwrap.py').ctx), null, 'nothing loaded yet');

  const bad = await initCodeCompressor({ grammarsDir: join(ROOT, 'no-such-dir') });
  assert.equal(bad.loaded.length, 0);
  assert.match(bad.failed[0].error, /languages\.json/);
  assert.equal(compressCode(py, stashCtx('', 'textwrap.py').ctx), null);

  await initAllLanguages(); // copies the grammars, loads all: must still succeed after a failed init
  disposeCodeCompressor();
  const some = await initCodeCompressor({ grammarsDir: GRAMMARS_DIR, languages: ['python', 'cobol'] });
  assert.deepEqual(some.loaded, ['python']);
  assert.deepEqual(
    some.failed.map((f) => f.language),
    ['cobol'],
  );
  assert.ok(compressCode(py, stashCtx('', 'textwrap.py').ctx), 'python ready');
  assert.equal(compressCode(go, stashCtx('', 'proxy.go').ctx), null, 'go not loaded');
});

test(`init is memoized: a second call reuses the loaded grammar; dispose frees it and init brings it \
back`, async () => {
  await initCodeCompressor({ grammarsDir: GRAMMARS_DIR, languages: ['go'] });
  const first = loadedGrammar('go');
  assert.ok(first);
  const again = await Promise.all([
    initCodeCompressor({ grammarsDir: GRAMMARS_DIR, languages: ['go'] }),
    initCodeCompressor({ grammarsDir: GRAMMARS_DIR, languages: ['go'] }),
  ]);
  assert.deepEqual(
    again.map((r) => r.loaded),
    [['go'], ['go']],
  );
  assert.equal(loadedGrammar('go'), first, 'same parser and queries');

  const text = fixture('persistent-https-proxy.go');
  const before = compressCode(text, stashCtx('', 'proxy.go').ctx);
  disposeCodeCompressor();
  assert.equal(loadedGrammar('go'), undefined);
  assert.equal(compressCode(text, stashCtx('', 'proxy.go').ctx), null);
  await initCodeCompressor({ grammarsDir: GRAMMARS_DIR, languages: ['go'] });
  assert.equal(compressCode(text, stashCtx('', 'proxy.go').ctx), before, 'same bytes after a reload');
});
