// Shapes the real-output corpus taught the compressors (issue 12): ranking questions over listings, behaviour
// questions over code that name no definition, long source inside JSON, and long diffs folded by hunk.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { compress } from '../../core/compress.js';
import { compressCode } from '../../core/compressors/code/index.js';
import { compressDiff } from '../../core/compressors/diff/index.js';
import { markerIds } from '../../core/ccr/marker.js';
import { initAllLanguages, stashCtx } from './code/helpers.js';

before(initAllLanguages);

test("a listing keeps each size column's largest rows, more of them when the question ranks", () => {
  const rows: string[] = [];
  for (let i = 0; i < 300; i++)
    rows.push(`${((i * 37) % 90) + 4}K\t/srv/app/src/module${String(i).padStart(3, '0')}.py`);
  rows[211] = '913K\t/srv/app/src/module211.py';
  rows[17] = '877K\t/srv/app/src/module017.py';
  const text = rows.join('\n') + '\n';
  const plain = compress(text, { query: 'what is in src?' });
  const ranked = compress(text, { query: 'Which files are the largest?' });
  assert.equal(ranked.kind, 'table');
  for (const r of [plain, ranked])
    for (const big of ['913K\t/srv/app/src/module211.py', '877K\t/srv/app/src/module017.py'])
      assert.ok(r.output.includes(big), big);
  const kept = (s: string): number => s.split('\n').filter((l) => /^\d+K\t/.test(l)).length;
  assert.ok(kept(ranked.output) > kept(plain.output), 'a ranking question keeps more of the top');
});

test('code: a behaviour question naming no definition keeps the few bodies that hold its words', () => {
  const src = [
    'export class Importer {',
    '  run(rows) {',
    '    for (const r of rows) {',
    '      try { this.save(r); } catch (e) { this.failed++; log.error(`Failed to import ${r.id}`); }',
    '    }',
    '  }',
    ...Array.from({ length: 12 }, (_, i) => [
      `  helper${i}(x) {`,
      `    const y = x * ${i + 2};`,
      `    const z = y - ${i};`,
      '    if (z > 100) {',
      `      return z / ${i + 1};`,
      '    }',
      `    return y + ${i};`,
      '  }',
    ]).flat(),
    '}',
  ].join('\n');
  const { ctx } = stashCtx('Where does the importer count a record as failed?', 'importer.ts');
  const out = compressCode(src, ctx)!;
  assert.ok(out, 'bodies of the helpers are elided');
  assert.ok(out.includes('this.failed++'), 'the body holding "failed" stays whole');
  assert.ok(!out.includes('const y = x * 5;'), 'bodies without the words go');
});

test('long source inside a JSON string is compressed as code (eslint --format json), exactly retrievable', () => {
  const source = [
    "'use strict';",
    ...Array.from({ length: 40 }, (_, i) =>
      [
        `function step${i}(input) {`,
        `  const value = input + ${i};`,
        '  const parts = String(value).split("");',
        '  let total = 0;',
        '  for (const p of parts) {',
        '    total += Number(p) * 3;',
        '    if (total > 1000) break;',
        '  }',
        '  if (value > 1000) {',
        `    return value - total - ${i};`,
        '  }',
        '  return value + total;',
        '}',
        '',
      ].join('\n'),
    ),
    'function shadowing(buff) {',
    '  const buff2 = buff;',
    '  return buff2;',
    '}',
  ].join('\n');
  const report = [
    {
      filePath: '/repo/lib/file.js',
      messages: [{ ruleId: 'no-shadow', line: 322, message: "'buff' is already declared in the upper scope." }],
      errorCount: 1,
      source,
    },
  ];
  const text = JSON.stringify(report, null, 2);
  const r = compress(text, { query: 'Where does shadowing happen in file.js?' });
  assert.equal(r.kind, 'json');
  assert.ok(r.compressed && r.output.length < text.length * 0.5, r.reason);
  assert.ok(r.output.includes("'buff' is already declared in the upper scope."));
  assert.ok(r.output.includes('function shadowing(buff)'));
  const records = new Map(r.records.map((x) => [x.id, x.content]));
  for (const id of markerIds(r.output)) assert.ok(records.has(id), id);
  assert.equal(records.get(r.originalId!), text);
});

test(`a diff past 300 changed lines folds the hunks the question does not name; each marker holds its exact \
hunk`, () => {
  const parts: string[] = [];
  for (let f = 0; f < 12; f++) {
    parts.push(
      `diff --git a/src/f${f}.js b/src/f${f}.js`,
      `index 111111${f}..222222${f} 100644`,
      `--- a/src/f${f}.js`,
      `+++ b/src/f${f}.js`,
      `@@ -1,30 +1,30 @@ function f${f}()`,
    );
    for (let i = 0; i < 30; i++)
      parts.push(
        `-  old line ${i} of file ${f}`,
        `+  new line ${i} of file ${f}${f === 7 && i === 3 ? ' parseCookieHeader(req)' : ''}`,
      );
  }
  const text = parts.join('\n') + '\n';
  const { ctx, stash } = stashCtx('where is parseCookieHeader called?');
  const out = compressDiff(text, ctx)!;
  assert.ok(out.length < text.length * 0.4);
  assert.ok(out.includes('+  new line 3 of file 7 parseCookieHeader(req)'));
  for (let f = 0; f < 12; f++) assert.ok(out.includes(`@@ -1,30 +1,30 @@ function f${f}()`), `hunk header ${f} kept`);
  for (const l of out.split('\n')) {
    for (const id of markerIds(l))
      if (/whole hunk/.test(l))
        assert.match(
          stash.get(id)!,
          /^@@ -1,30 \+1,30 @@ function f\d+\(\)\n(?:[-+] {2}(?:old|new) line \d+ of file \d+\n?){60}$/,
        );
  }
});
