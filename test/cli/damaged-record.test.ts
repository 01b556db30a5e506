/** Issue 16 item 5: `headroom retrieve` returned altered text with exit 0 from a store file flipped on disk. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDamagedRecord } from '../ccr/store-helpers.js';
import { accessLog, oneLine, runCli } from './run-cli.js';

test(`retrieve of a record altered on disk: exit 1, one line saying it is damaged and what to do, no \
text`, async () => {
  const home = join(mkdtempSync(join(tmpdir(), 'hr-cli-damaged-')), 'home');
  const { id } = await seedDamagedRecord(home, accessLog(400));
  const r = runCli(['retrieve', id], { home });
  assert.equal(r.code, 1, r.err);
  assert.equal(r.out, '', 'nothing of the altered text on stdout');
  assert.ok(oneLine(r.err), r.err);
  assert.match(
    r.err,
    new RegExp(
      `^headroom retrieve: the original stored under "${id}" is damaged .*originals/local/${id} was altered on ` +
        `disk.*re-run the tool that produced it`,
    ),
  );
});
