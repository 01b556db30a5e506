/** Issue 16 item 5: the proxy's headroom_retrieve answer for a record altered on disk is an error, not its text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../core/ccr/store.js';
import type { RetrievalRecord } from '../../core/ccr/store-types.js';
import { answerRetrieves } from '../../core/proxy/retrieval/answer.js';
import { freshDir, seedDamagedRecord } from '../ccr/store-helpers.js';

test('a retrieve call for a damaged record gets an error answer (is_error) and is recorded as not found', async () => {
  const dir = freshDir();
  const original = Array.from({ length: 200 }, (_, i) => `row ${i} status=ok latency=${i % 17}ms`).join('\n');
  const { id, altered } = await seedDamagedRecord(dir, original, 'session:s1');
  const store = await openStore({ dir });
  const records: RetrievalRecord[] = [];
  try {
    const [a] = answerRetrieves([{ callId: 'c1', id }], store, 'session:s1', 'req-1', (r) => records.push(r));
    assert.equal(a.found, false, 'answered as an error');
    assert.match(
      a.content,
      new RegExp(`^headroom_retrieve: the original stored under "${id}" is damaged.*re-run the tool that produced it`),
    );
    assert.ok(!a.content.includes(altered.slice(0, 100)));
    assert.deepEqual(
      records.map((r) => [r.id, r.found]),
      [[id, false]],
    );
  } finally {
    await store.close();
  }
});
