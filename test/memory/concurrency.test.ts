/**
 * Several processes writing one store at the same time (each saving many times, under the store's lock and merge):
 * nothing any of them wrote is lost, and each workspace still sees only its own findings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../core/ccr/store.js';
import { tsxLoader } from '../mcp/helpers.js';

const writer = join(__dirname, '..', 'fixtures', 'memory', 'writer.ts');
const WRITERS = [
  { name: 'alpha', ws: 'ws_one' },
  { name: 'beta', ws: 'ws_one' },
  { name: 'gamma', ws: 'ws_two' },
  { name: 'delta', ws: 'ws_two' },
];
const COUNT = 30;

test('four processes put findings and originals at once: all of them are there afterwards, per workspace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hr-mem-conc-'));
  const runs = WRITERS.map(({ name, ws }) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, writer, dir, ws, name, String(COUNT)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    return once(child, 'exit').then(([code]) => ({ code, out, err, name }));
  });
  for (const r of await Promise.all(runs)) assert.equal(r.code, 0, `${r.name}: ${r.err}`);

  const store = await openStore({ dir });
  try {
    for (const ws of ['ws_one', 'ws_two']) {
      const names = WRITERS.filter((w) => w.ws === ws).map((w) => w.name);
      assert.equal(store.memoryCount(ws), names.length * COUNT, ws);
      const all = store.memorySearch(ws, '', 50).concat(store.memorySearch(ws, 'finding', 50));
      assert.ok(
        all.every((e) => names.includes(e.agent!)),
        `${ws} holds only its own writers' findings`,
      );
      for (const name of names)
        assert.equal(store.memorySearch(ws, name, 50).length, COUNT, `${name}'s findings in ${ws}`);
    }
    for (const { name } of WRITERS)
      for (let i = 0; i < COUNT; i++) assert.equal(store.get(`hr_${name}_${i}`), `original ${i} from ${name}`);
    for (const ws of ['ws_one', 'ws_two']) {
      // both writers of a workspace noted the same output; at most one of them can have been told it was second
      const r = store.noteSeen({
        workspace: ws,
        contentId: 'hr_common0000000000',
        runId: 'checker',
        agent: 'checker',
        tokens: 0,
        time: Date.now(),
      });
      assert.equal(r.duplicate, true);
      assert.ok(
        WRITERS.filter((w) => w.ws === ws)
          .map((w) => w.name)
          .includes(r.first.agent),
        `${ws}: first receiver is one of its own writers`,
      );
    }
  } finally {
    await store.close();
  }
});
