import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffLines, splitLines, type Run } from '../../webview/line-diff.js';
import { compress } from '../../core/compress.js';

/** Rebuilds both sides from the runs: every line of each side appears exactly once, in order. */
function check(a: string[], b: string[], runs: Run[]): void {
  const ra: string[] = [];
  const rb: string[] = [];
  let ia = 0;
  let ib = 0;
  for (const r of runs) {
    assert.equal(r.aStart, ia, 'runs are contiguous on the left');
    assert.equal(r.bStart, ib, 'runs are contiguous on the right');
    if (r.kind === 'eq') {
      assert.equal(r.aEnd - r.aStart, r.bEnd - r.bStart);
      for (let k = 0; k < r.aEnd - r.aStart; k++) assert.equal(a[r.aStart + k], b[r.bStart + k], 'eq lines are equal');
    }
    if (r.kind === 'del') assert.equal(r.bEnd, r.bStart);
    if (r.kind === 'ins') assert.equal(r.aEnd, r.aStart);
    ra.push(...a.slice(r.aStart, r.aEnd));
    rb.push(...b.slice(r.bStart, r.bEnd));
    ia = r.aEnd;
    ib = r.bEnd;
  }
  assert.deepEqual(ra, a);
  assert.deepEqual(rb, b);
}

test('small cases: identical, empty sides, a replaced middle', () => {
  const a = ['x', 'y', 'z'];
  assert.deepEqual(diffLines(a, a), [{ kind: 'eq', aStart: 0, aEnd: 3, bStart: 0, bEnd: 3 }]);
  assert.deepEqual(diffLines([], ['n']), [{ kind: 'ins', aStart: 0, aEnd: 0, bStart: 0, bEnd: 1 }]);
  assert.deepEqual(diffLines(['o'], []), [{ kind: 'del', aStart: 0, aEnd: 1, bStart: 0, bEnd: 0 }]);
  const runs = diffLines(['a', 'b', 'c', 'd'], ['a', '[… 2 lines omitted · retrieve hr_0000000000000001]', 'd']);
  assert.deepEqual(
    runs.map((r) => r.kind),
    ['eq', 'del', 'ins', 'eq'],
  );
  assert.deepEqual(splitLines(''), []);
});

test('a real compressed log: kept lines line up, elided lines are deletions, each marker an insertion', () => {
  const log = readFileSync(join(__dirname, '..', 'fixtures', 'extension', 'dpkg-chromium-install.log'), 'utf8');
  const r = compress(log, { query: 'What happened to libkrb5?' });
  assert.ok(r.compressed);
  const a = splitLines(log);
  const b = splitLines(r.output);
  const runs = diffLines(a, b);
  check(a, b, runs);
  const inserted = runs.filter((x) => x.kind === 'ins').flatMap((x) => b.slice(x.bStart, x.bEnd));
  assert.ok(inserted.length > 0);
  for (const line of inserted) assert.match(line, /hr_[0-9a-f]{16}/, 'only marker lines are new');
  const kept = runs.filter((x) => x.kind === 'eq').reduce((n, x) => n + x.aEnd - x.aStart, 0);
  assert.equal(kept, b.length - inserted.length, 'every other sent line is an original line, aligned');
  const libkrb = a.filter((l) => l.includes('libkrb5'));
  for (const l of libkrb) assert.ok(b.includes(l), 'lines answering the question were kept, and show as unchanged');
});

test(`a megabyte: 20,000 lines against a compressed form align correctly (its time is in npm run bench: \
limits)`, () => {
  const a: string[] = [];
  for (let i = 0; i < 20_000; i++)
    a.push(
      `2026-01-01T00:00:${String(i % 60).padStart(2, '0')} INFO request ${i} GET /api/items/${i * 7} 200 ${i % 97}ms`,
    );
  const b: string[] = [];
  for (let i = 0; i < a.length; i += 50)
    b.push(a[i], `[… 49 lines omitted · retrieve hr_${i.toString(16).padStart(16, '0')}]`);
  assert.ok(a.join('\n').length > 1_000_000);
  check(a, b, diffLines(a, b));
});

test('no unique anchors (every line the same): bounded, still a correct alignment', () => {
  const a = Array.from({ length: 5000 }, () => '}');
  const b = Array.from({ length: 3000 }, () => '}');
  check(a, b, diffLines(a, b));
  const c = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'x' : 'y'));
  const d = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 'x' : 'y'));
  check(c, d, diffLines(c, d));
});
