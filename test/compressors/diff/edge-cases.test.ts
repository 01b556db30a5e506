import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compressDiff } from '../../../core/compressors/diff/index.js';
import { parseDiff } from '../../../core/compressors/diff/parse.js';
import { generatedKind } from '../../../core/compressors/diff/generated.js';
import { lockChanges } from '../../../core/compressors/diff/lock-summary.js';
import { compress } from '../../../core/compress.js';
import { markerIds } from '../../../core/ccr/marker.js';
import { stashCtx } from '../../helpers/recording-context.js';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', '..', 'fixtures', 'diff', name), 'utf8');
const FIXTURES = ['git-diff-edits-and-lock.diff', 'git-diff-U8.diff', 'git-log-p.diff', 'diff-u-view.diff'];

function fileDiff(path: string, hunks: string[][]): string {
  const out = [`diff --git a/${path} b/${path}`, 'index 1111111..2222222 100644', `--- a/${path}`, `+++ b/${path}`];
  let at = 1;
  for (const body of hunks) {
    const olds = body.filter((l) => l[0] !== '+').length;
    const news = body.filter((l) => l[0] !== '-').length;
    out.push(`@@ -${at},${olds} +${at},${news} @@`, ...body);
    at += 100;
  }
  return out.join('\n');
}

test('a removed line that reads like a header stays inside its hunk (bodies are read by their line counts)', () => {
  const body = [' a', '--- not a header', '-diff --git a/x b/x', '+++ still a change', ' b'];
  const blocks = parseDiff(fileDiff('src/a.ts', [body]).split('\n'));
  const hunks = blocks.filter((b) => b.kind === 'hunk');
  assert.equal(hunks.length, 1);
  assert.deepEqual(hunks[0].kind === 'hunk' && hunks[0].hunk.body, body);
});

test('small lock-file changes stay readable; big ones and generated bundles are summarised', () => {
  const bump = fileDiff('package-lock.json', [
    [
      '     "node_modules/ms": {',
      '-      "version": "2.1.2",',
      '+      "version": "2.1.3",',
      '       "license": "MIT"',
    ],
  ]);
  const src = fileDiff('src/app.ts', [
    Array.from({ length: 30 }, (_, i) => `+export const value${i} = compute(${i}, 'some text to make it long');`),
  ]);
  const { ctx } = stashCtx();
  const small = compressDiff(bump + '\n' + src, ctx) ?? bump + '\n' + src;
  assert.ok(small.includes('+      "version": "2.1.3",') && !small.includes('lock file,'));

  const bundle = fileDiff('dist/app.min.js', [
    Array.from({ length: 40 }, (_, i) => `+!function(){var a${i}=${i};console.log(a${i})}();`),
  ]);
  const { ctx: c2, stash } = stashCtx();
  const out = compressDiff(bundle + '\n' + src, c2)!;
  const marker = out.split('\n').find((l) => l.includes('generated file'))!;
  assert.match(marker, /^\[… 41 lines omitted: generated file, \+40 −0 in 1 hunk · retrieve hr_[0-9a-f]{16}\]$/);
  assert.ok(bundle.includes(stash.get(markerIds(marker)[0])!));
  for (let i = 0; i < 30; i++) assert.ok(out.includes(`+export const value${i} = compute(`), 'source lines kept');
});

test('lock summaries name the packages: added, removed, updated', () => {
  const yarn = lockChanges('yarn.lock', [
    {
      header: '@@',
      body: [
        '-lodash@^4.17.20:',
        '-  version "4.17.20"',
        '+lodash@^4.17.21:',
        '+  version "4.17.21"',
        '+"@babel/core@^7.0.0":',
        '+  version "7.1.0"',
      ],
    },
  ]);
  assert.deepEqual(yarn, { added: ['@babel/core'], removed: [], updated: ['lodash'] });
  const npm = lockChanges('package-lock.json', [
    {
      header: '@@',
      body: [
        '     "node_modules/debug": {',
        '-      "version": "4.3.4",',
        '+      "version": "4.3.5",',
        '+    "node_modules/@scope/pkg": {',
        '+      "version": "1.0.0",',
        '-    "node_modules/ms": {',
      ],
    },
  ]);
  assert.deepEqual(npm, { added: ['@scope/pkg'], removed: ['ms'], updated: ['debug@4.3.5'] });
  const cargo = lockChanges('Cargo.lock', [{ header: '@@', body: ['+name = "serde"', '-name = "rand"'] }]);
  assert.deepEqual(cargo, { added: ['serde'], removed: ['rand'], updated: [] });
});

test('generated and lock paths', () => {
  for (const p of ['package-lock.json', 'web/yarn.lock', 'pnpm-lock.yaml', 'Cargo.lock', 'go.sum'])
    assert.equal(generatedKind(p), 'lock file', p);
  for (const p of [
    'static/app.min.js',
    'dist/index.js',
    'pkg/dist/x.d.ts',
    'test/__snapshots__/a.test.ts.snap',
    'icons/logo.svg',
  ])
    assert.equal(generatedKind(p), 'generated file', p);
  for (const p of ['src/index.ts', 'distance.ts', 'lib/lockfile.js', 'README.md'])
    assert.equal(generatedKind(p), undefined, p);
});

test('deterministic: same bytes and same stash for the same input and query', () => {
  for (const name of FIXTURES) {
    const a = stashCtx('status code');
    const b = stashCtx('status code');
    assert.equal(compressDiff(fixture(name), a.ctx), compressDiff(fixture(name), b.ctx), name);
    assert.deepEqual([...a.stash.entries()], [...b.stash.entries()]);
  }
});

test('input without hunks gives null; broken diffs never throw', () => {
  const { ctx } = stashCtx('x');
  const log = 'commit 0123456789abcdef0123456789abcdef01234567\nAuthor: A <a@b>\nDate:   Mon\n\n    message\n'.repeat(
    20,
  );
  for (const g of ['', 'hello\nworld', log, '@@ not a hunk @@\n+x', ' lib/a.js | 3 ++-\n 1 file changed'.repeat(30)])
    assert.equal(compressDiff(g, ctx), null);
  const real = fixture('git-log-p.diff');
  const hostile = [
    real.slice(0, real.length / 2), // cut mid-hunk
    real.replace(/@@ -(\d+),(\d+) \+(\d+),(\d+) @@/g, '@@ -$1,999999 +$3,999999 @@'), // counts that lie
    real.replace(/@@ -(\d+),(\d+) \+(\d+),(\d+) @@/g, '@@ -$1,0 +$3,0 @@'),
    '@@ -1,3 +1,3 @@\n' + '+'.repeat(1_000_000),
    '@@ -1 +1 @@\n-a\n+b\n'.repeat(50_000),
    '\r\n'.repeat(10_000) + real.replace(/\n/g, '\r\n'),
  ];
  for (const h of hostile) {
    assert.doesNotThrow(() => compressDiff(h, ctx));
  }
});

test('through the pipeline: detected as a diff, compressed, every marker redeemable', () => {
  for (const name of ['git-diff-edits-and-lock.diff', 'git-log-p.diff', 'git-diff-U8.diff']) {
    const text = fixture(name);
    const r = compress(text, { query: 'status' });
    assert.equal(r.kind, 'diff', name);
    assert.ok(r.compressed, `${name}: ${r.reason}`);
    const ids = new Set(r.records.map((x) => x.id));
    for (const id of markerIds(r.output)) assert.ok(ids.has(id), `${name}: ${id}`);
  }
});
