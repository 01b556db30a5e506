import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compress } from '../../../core/compress.js';
import { compressMessages } from '../../../core/messages/compress-messages.js';
import { compressCode, defaultGrammars, GrammarRegistry } from '../../../core/compressors/code/index.js';
import { copyGrammars, fixture, GRAMMARS_DIR, stashCtx } from './helpers.js';

// One process per test file: the default registry here is empty, so only the registry handed in can parse.
test('the engine parses with the registry it is handed, and only with it', async () => {
  copyGrammars();
  const py = fixture('textwrap.py');
  const go = fixture('persistent-https-proxy.go');
  const mine = new GrammarRegistry();
  const report = await mine.init({ grammarsDir: GRAMMARS_DIR, languages: ['python'] });
  assert.deepEqual(report.loaded, ['python']);
  assert.equal(defaultGrammars.get('python'), undefined, 'the default registry was not filled');

  const withMine = { ...stashCtx('', 'textwrap.py').ctx, grammars: mine };
  const out = compressCode(py, withMine);
  assert.ok(out && out.length < py.length, 'python parsed with the registry handed in');
  assert.equal(compressCode(py, stashCtx('', 'textwrap.py').ctx), null, 'the default registry has no grammar');
  assert.equal(compressCode(go, { ...stashCtx('', 'proxy.go').ctx, grammars: mine }), null, 'go not loaded in it');

  // compress() hands CompressOptions.grammars to the code compressor
  const viaCompress = compress(py, { fileName: 'textwrap.py', grammars: mine });
  assert.equal(viaCompress.kind, 'code');
  assert.equal(viaCompress.compressed, true);
  assert.equal(viaCompress.output, out);
  assert.equal(compress(py, { fileName: 'textwrap.py' }).output === out, false, 'no grammar: not the code output');

  // compressMessages hands CompressMessagesOptions.grammars to compress()
  const body = {
    messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: py }] }],
  };
  const viaMessages = compressMessages(body, 'anthropic', { grammars: mine });
  const expected = compress(py, { query: viaMessages.query, grammars: mine });
  assert.equal(expected.kind, 'code');
  assert.equal(viaMessages.units[0].output, expected.output);
  assert.notEqual(compressMessages(body, 'anthropic').units[0].output, expected.output);

  // another registry is independent: disposing one leaves the other loaded
  const other = new GrammarRegistry();
  await other.init({ grammarsDir: GRAMMARS_DIR, languages: ['python'] });
  mine.dispose();
  assert.equal(mine.get('python'), undefined);
  assert.equal(compressCode(py, { ...stashCtx('', 'textwrap.py').ctx, grammars: other }), out, 'same bytes');
  other.dispose();
});
