import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compressMessagesPooled } from '../../core/messages/compress-messages-pooled.js';
import { compressMessages } from '../../core/messages/compress-messages.js';
import { CompressPool } from '../../core/compress-pool/pool.js';
import { HANG } from '../compress-pool/misbehaving-worker.js';

const ROOT = join(__dirname, '..', '..');
const log = readFileSync(join(ROOT, 'test', 'fixtures', 'log', 'npm-install-silly.txt'), 'utf8');
const request = (text: string) => ({
  model: 'claude-test',
  messages: [
    { role: 'user', content: 'why did the install fail?' },
    { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: text }] },
  ],
});

test('through the pool a request gets the in-process result: body, units, records and memo writes', async () => {
  const pool = new CompressPool({ size: 1 });
  try {
    const body = request(log);
    const pooled = await compressMessagesPooled(body, 'anthropic', { pool });
    assert.equal(pooled.units[0].compressed, true);
    assert.deepEqual(pooled, compressMessages(body, 'anthropic'));
  } finally {
    await pool.close();
  }
});

test('a full queue passes the unit through, not memoized; a closed pool compresses in-process', async () => {
  const full = new CompressPool({ size: 1, maxQueued: 0 });
  try {
    const r = await compressMessagesPooled(request(log), 'anthropic', { pool: full });
    assert.equal(r.units[0].compressed, false);
    assert.match(r.units[0].reason ?? '', /compression queue full/);
    assert.deepEqual(r.memo, [], 'the next turn tries again');
  } finally {
    await full.close();
  }
  const r = await compressMessagesPooled(request(log), 'anthropic', { pool: full });
  assert.equal(r.units[0].compressed, true, 'in-process');
});

test('a unit that ran past the time limit passes through; the memo keeps it so (not waited for again)', async () => {
  const pool = new CompressPool({
    size: 1,
    timeoutMs: 300,
    workerFile: join(ROOT, 'test', 'compress-pool', 'misbehaving-worker.ts'),
  });
  try {
    const stuck = `${HANG}${log}`;
    const r = await compressMessagesPooled(request(stuck), 'anthropic', { pool });
    assert.equal(r.units[0].compressed, false);
    assert.equal(r.units[0].output, stuck);
    assert.match(r.units[0].reason ?? '', /compression took longer than 300 ms/);
    assert.equal(r.memo.length, 1);
    assert.equal(r.memo[0].entry.compressed, false);
    assert.equal(r.memo[0].entry.output, stuck);
  } finally {
    await pool.close();
  }
});
