import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

function run(args: string[], input?: string | Buffer, home = mkdtempSync(join(tmpdir(), 'hr-cli-'))) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    input,
    env: { ...process.env, HEADROOM_HOME: home },
    maxBuffer: 512 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8'), home };
}

function accessLog(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    lines.push(
      `10.0.${i % 7}.${i % 250} - - [01/May/2024:10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:` +
        `${String(i % 60).padStart(2, '0')} +0000] "GET /api/items/${i} HTTP/1.1" 200 ${500 + (i % 300)}`,
    );
  lines[n >> 1] =
    `10.0.0.9 - - [01/May/2024:10:20:00 +0000] "POST /api/checkout HTTP/1.1" 500 31 error="upstream timed out"`;
  return lines.join('\n') + '\n';
}

before(() => {
  assert.ok(existsSync(cli), 'dist/cli.js is built (npm run build)');
});

test('compress --json then retrieve gives back the exact original bytes', () => {
  const input = accessLog(2000).replace(/\n/g, '\r\n') + 'ünïcødé ✓ 😀\r\n';
  const c = run(['compress', '-', '--json', '--query', 'checkout'], input);
  assert.equal(c.code, 0, c.err);
  const obj = JSON.parse(c.out);
  assert.deepEqual(Object.keys(obj).slice(0, 6), [
    'kind',
    'originalTokens',
    'compressedTokens',
    'output',
    'originalId',
    'ccr',
  ]);
  assert.equal(obj.kind, 'log');
  assert.ok(obj.compressedTokens < obj.originalTokens / 5, `${obj.originalTokens} → ${obj.compressedTokens}`);
  assert.ok(obj.output.includes('upstream timed out'));
  const r = run(['retrieve', obj.originalId], undefined, c.home);
  assert.equal(r.code, 0, r.err);
  assert.ok(r.stdout.equals(Buffer.from(input, 'utf8')), 'bytes in = bytes out');
  for (const id of obj.ccr) {
    const f = run(['retrieve', id], undefined, c.home);
    assert.equal(f.code, 0);
    assert.ok(input.includes(f.out.split('\n')[0]), 'each fragment is a piece of the original');
  }
});

test('compress reads a FILE argument and prints plain text without --json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hr-in-'));
  const file = join(dir, 'access.log');
  writeFileSync(file, accessLog(1500));
  const c = run(['compress', file]);
  assert.equal(c.code, 0, c.err);
  assert.ok(c.out.length < 20000 && c.out.includes('POST /api/checkout'));
  assert.match(c.out, /retrieve hr_[0-9a-f]{16}/);
});

test('retrieve of an unknown id exits 1 with a clear message', () => {
  const r = run(['retrieve', 'hr_0000000000000000']);
  assert.equal(r.code, 1);
  assert.match(r.err, /no original stored under "hr_0000000000000000"/);
  assert.equal(r.out, '');
});

test('malformed and deeply nested JSON pass through with --kind json', () => {
  const bad = '{"a": [1, 2, 3,, }' + ' '.repeat(1000);
  const c = run(['compress', '-', '--kind', 'json', '--json'], bad);
  assert.equal(c.code, 0, c.err);
  assert.equal(JSON.parse(c.out).output, bad);
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const d = run(['compress', '-', '--json'], deep);
  assert.equal(d.code, 0, d.err);
  assert.equal(JSON.parse(d.out).output, deep);
});

test('usage errors: unknown command, unknown kind, missing id', () => {
  assert.equal(run(['frobnicate']).code, 2);
  const k = run(['compress', '-', '--kind', 'pdf'], 'x');
  assert.equal(k.code, 2);
  assert.match(k.err, /unknown --kind "pdf"/);
  assert.equal(run(['retrieve']).code, 2);
});

test('a 50 MB input completes without crashing', () => {
  const big = accessLog(700_000);
  assert.ok(big.length > 50_000_000);
  const c = run(['compress', '-', '--json'], big);
  assert.equal(c.code, 0, c.err.slice(0, 500));
  const obj = JSON.parse(c.out);
  assert.ok(obj.output.length < big.length / 10);
  assert.ok(obj.output.includes('upstream timed out'));
});

test('--prose-model runs the bundled ONNX prose model in the built CLI, and the original stays retrievable', () => {
  const readme = require('node:fs').readFileSync(require.resolve('express/Readme.md'), 'utf8') as string;
  const c = run(
    ['compress', '-', '--json', '--prose-model', 'headroom-prose-v1', '--query', 'which node version'],
    readme,
  );
  assert.equal(c.code, 0, c.err);
  const obj = JSON.parse(c.out);
  assert.equal(obj.prose.engine, 'model', JSON.stringify(obj.prose));
  assert.equal(obj.prose.modelId, 'headroom-prose-v1');
  assert.ok(obj.compressedTokens < obj.originalTokens);
  const r = run(['retrieve', obj.originalId], undefined, c.home);
  assert.equal(r.out, readme);
});
