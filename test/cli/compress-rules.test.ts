import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessLog, runCli } from './run-cli.js';

const MAX_UNIT = 64 * 1024 * 1024;

test('headroom stats counts CLI compress runs', () => {
  const first = runCli(['compress', '-'], { input: accessLog(1500) });
  for (const n of [1200, 1800])
    assert.equal(runCli(['compress', '-', '-q', 'checkout'], { input: accessLog(n), home: first.home }).code, 0);
  const s = runCli(['stats', '--json'], { home: first.home });
  assert.equal(s.code, 0, s.err);
  const { allTime, recent } = JSON.parse(s.out);
  assert.equal(allTime.requests, 3);
  assert.ok(allTime.tokensAfter < allTime.tokensBefore / 3, JSON.stringify(allTime));
  assert.deepEqual(
    recent.map((r: { provider: string }) => r.provider),
    ['cli', 'cli', 'cli'],
  );
  assert.match(runCli(['stats'], { home: first.home }).out, /^all time: 3 requests, 3 units, /);
});

test('binary input: exit 1 in both modes; plain mode still copies the bytes through', () => {
  const bin = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x01]);
  const plain = runCli(['compress', '-'], { input: bin });
  assert.equal(plain.code, 1);
  assert.ok(plain.stdout.equals(bin));
  assert.match(plain.err, /not valid UTF-8/);
  const json = runCli(['compress', '-', '--json'], { input: bin });
  assert.equal(json.code, 1);
  assert.equal(json.out, '');
  assert.match(json.err, /not valid UTF-8/);
});

/** ~70 MB of log lines, written in big chunks (no 70 MB string in the test either). */
function bigLog(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hr-big-')), 'big.log');
  const chunk = Buffer.from('2024-05-01 10:00:00 INFO GET /api/items 200 12ms "ünï"\n'.repeat(20_000));
  const fd = openSync(file, 'w');
  for (let n = 0; n <= MAX_UNIT + 2_000_000; n += chunk.length) writeSync(fd, chunk);
  closeSync(fd);
  return file;
}

test('an input over 64 MiB is passed through from its size, in both modes, from a file and from stdin', () => {
  const file = bigLog();
  const size = statSync(file).size;
  const json = runCli(['compress', file, '--json']);
  assert.equal(json.code, 0, json.err);
  const obj = JSON.parse(json.out);
  assert.equal(obj.reason, `input is ${size} bytes, over the ${MAX_UNIT} a unit can be`);
  assert.equal(obj.tokensEstimated, true);
  assert.deepEqual(Object.keys(obj).slice(0, 4), ['kind', 'originalTokens', 'compressedTokens', 'output']);
  assert.equal(Buffer.byteLength(obj.output), size);
  assert.equal(obj.originalId, undefined);

  const plain = runCli(['compress', file]);
  assert.equal(plain.code, 0);
  assert.ok(plain.stdout.equals(readFileSync(file)), 'the bytes, unchanged');
  assert.match(plain.err, /over the 67108864 a unit can be; passed through unchanged/);

  const stdin = runCli(['compress', '-', '--json'], { input: readFileSync(file) });
  assert.equal(stdin.code, 0, stdin.err);
  assert.equal(JSON.parse(stdin.out).reason, `input is over the ${MAX_UNIT} bytes a unit can be`);
});
