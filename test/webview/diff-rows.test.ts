import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffLines } from '../../webview/line-diff.js';
import { diffRows, type DiffRow } from '../../webview/diff-rows.js';

const a = Array.from({ length: 100 }, (_, i) => `line ${i}`);
// kept 0..9, elided 10..89 (one marker), kept 90..99
const b = [...a.slice(0, 10), '[… 80 lines omitted · retrieve hr_0000000000000001]', ...a.slice(90)];
const runs = diffLines(a, b);

const count = (rows: DiffRow[]): number => rows.reduce((n, r) => n + (r.t === 'fold' ? count(r.rows) : 1), 0);

test(`side by side: the marker sits next to the first elided line; the long elided rest is folded, head and tail \
kept`, () => {
  const rows = diffRows(runs, { split: true });
  const chg = rows.filter((r) => r.t === 'chg');
  assert.deepEqual(chg[0], { t: 'chg', a: 10, b: 10 });
  const folds = rows.filter((r): r is Extract<DiffRow, { t: 'fold' }> => r.t === 'fold');
  assert.deepEqual(
    folds.map((f) => [f.kind, f.count]),
    [
      ['eq', 7],
      ['del', 73],
      ['eq', 7],
    ],
  );
  assert.equal(count(rows), 100, 'nothing is lost: folded rows expand to every line');
});

test('inline: deletions then the insertion, folded the same way; short runs are never folded', () => {
  const rows = diffRows(runs, { split: false });
  const flat = rows.flatMap((r) => (r.t === 'fold' ? r.rows : [r]));
  assert.equal(flat.length, 101, '100 original lines + 1 marker');
  assert.deepEqual(
    flat.find((r) => r.t === 'chg' && r.b !== undefined),
    { t: 'chg', b: 10 },
  );
  const small = diffRows(diffLines(['a', 'b', 'c'], ['a', 'X', 'c']), { split: false });
  assert.ok(small.every((r) => r.t !== 'fold'));
});
