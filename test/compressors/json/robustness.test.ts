import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressJson, crushJsonValue } from '../../../core/compressors/json/index.js';
import { MAX_ERROR_ROWS } from '../../../core/compressors/json/limits.js';
import { median } from '../../../core/compressors/json/stats.js';
import { decode } from './decode.js';
import { markers, stashCtx } from './helpers.js';

/** Seeded documents full of awkward strings, keys and shapes: every one must decode back exactly. */
function randomDocs(seed: number, count: number, maxRows: number): unknown[] {
  let s = seed >>> 0;
  const rnd = (): number => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const strs = [
    '',
    ' x',
    'x ',
    'true',
    'null',
    '12',
    '1.5',
    '007',
    '-3',
    '1e5',
    '@u1',
    '↓',
    '[x',
    '{x',
    '"q"',
    'a|b',
    'a | b',
    'line\nbreak',
    'tab\tx',
    'ünï',
    '-',
    '- x',
    'key: v',
    '(key)',
    '(more)',
    'all rows: x',
    'x = y',
    '[… 3 rows omitted',
    'https://x.io/a/12',
    'plain',
    'error: boom',
    'ok',
    'ok',
    '{/name}',
    '{id}',
  ];
  const keys = [
    'id',
    'name',
    'a.b',
    'a b',
    'x:y',
    '@k',
    '-k',
    '(more)',
    '(key)',
    '[0]',
    '',
    'url',
    'status',
    'user',
    'items',
    'q"uote',
    'n',
  ];
  const val = (d: number): unknown => {
    const r = rnd();
    if (d > 3 || r < 0.35) return pick(strs);
    if (r < 0.5) return pick([0, 1, -1, 12, 1.5, 1e21, 123456789, -0.25]);
    if (r < 0.58) return pick([true, false, null]);
    if (r < 0.8) return obj(d + 1);
    return Array.from({ length: Math.floor(rnd() * 4) }, () => val(d + 1));
  };
  const obj = (d: number): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(rnd() * 5); i > 0; i--) o[pick(keys)] = val(d);
    return o;
  };
  const docs: unknown[] = [];
  while (docs.length < count) {
    const n = Math.floor(rnd() * maxRows) + 1;
    const shared = obj(1);
    const rows = Array.from({ length: n }, (_, i) => {
      const o: Record<string, unknown> = rnd() < 0.7 ? { ...shared } : {};
      Object.assign(o, obj(1));
      if (rnd() < 0.5) Object.assign(o, { id: i, url: `https://x.io/a/${i}` });
      return o;
    });
    const r = rnd();
    const doc =
      r < 0.5
        ? rows
        : r < 0.7
          ? { total: n, items: rows }
          : r < 0.85
            ? Object.fromEntries(rows.map((x, i) => [pick(keys) + i, x]))
            : val(0);
    if (doc !== null && typeof doc === 'object') docs.push(doc);
  }
  return docs;
}

test('awkward documents: the lossless stage always decodes back exactly, and the lossy one with its stash', () => {
  for (const [seed, count, rows] of [
    [1, 150, 30],
    [2, 150, 30],
    [3, 20, 400],
  ] as const) {
    for (const doc of randomDocs(seed, count, rows)) {
      const { ctx, stash } = stashCtx('ok x');
      const out = crushJsonValue(doc, ctx, { lossy: false })!;
      assert.deepEqual(decode(out), doc, out);
      const lossy = compressJson(JSON.stringify(doc, null, 2), ctx);
      if (lossy !== null) assert.deepEqual(decode(lossy, stash), doc, lossy);
    }
  }
});

test('an error flood keeps every distinct failure and enough of the repeated one', () => {
  const same = Array.from({ length: 2000 }, (_, i) => ({
    id: i,
    status: i % 2 ? 'ok' : 'error',
    msg: i % 2 ? 'served' : 'upstream connect refused',
  }));
  const { ctx } = stashCtx();
  const out = compressJson(JSON.stringify(same, null, 1), ctx)!;
  const errorRows = out.split('\n').filter((l) => l.endsWith('| error | upstream connect refused'));
  assert.ok(errorRows.length >= MAX_ERROR_ROWS && errorRows.length < 1000, `${errorRows.length} error rows`);
  // 300 failures, each with its own message: all of them stay, past the flood cap
  const distinct = Array.from({ length: 900 }, (_, i) => ({
    id: i,
    state: i % 3 ? 'done' : 'failed',
    detail: i % 3 ? 'ok' : `job ${i} failed`,
  }));
  const out2 = compressJson(JSON.stringify(distinct, null, 1), stashCtx().ctx)!;
  for (let i = 0; i < 900; i += 3)
    assert.match(out2, new RegExp(`^${i} \\| failed \\| job ${i} failed$`, 'm'), `failed job ${i}`);
});

test('failure statuses are kept by meaning, not only by error words', () => {
  const rows = Array.from({ length: 400 }, (_, i) => ({
    run: i,
    conclusion: 'success',
    http: { status: 200 },
    ok: true,
    exit_code: 0,
  }));
  rows[50] = { ...rows[50], conclusion: 'timed_out' };
  rows[150] = { ...rows[150], http: { status: 503 } };
  rows[250] = { ...rows[250], ok: false };
  rows[350] = { ...rows[350], exit_code: 137 };
  const { ctx, stash } = stashCtx();
  const out = compressJson(JSON.stringify(rows, null, 2), ctx)!;
  for (const run of [50, 150, 250, 350]) assert.match(out, new RegExp(`^${run} \\| `, 'm'), `run ${run}`);
  assert.equal(out.split('\n').filter((l) => /^\d+ \| /.test(l)).length < 80, true);
  assert.deepEqual(decode(out, stash), rows);
});

test('numbers in the query match whole values, not digits inside timestamps', () => {
  const rows = Array.from({ length: 300 }, (_, i) => ({
    number: 1000 + i,
    title: `task ${i}`,
    at: `2024-01-12T10:${String(i % 60).padStart(2, '0')}:00Z`,
  }));
  const { ctx } = stashCtx('what happened to 1150');
  const out = compressJson(JSON.stringify(rows, null, 2), ctx)!;
  assert.match(out, /^1150 \| task 150 \| /m);
  const { ctx: ctx12 } = stashCtx('issue 12');
  const shown = Number(/^\[300 rows, (\d+) shown\]/.exec(compressJson(JSON.stringify(rows, null, 2), ctx12)!)![1]);
  assert.ok(shown < 60, `"12" in every timestamp must not select every row (${shown} shown)`);
});

test('nothing clearly shorter → null; a flat minified object has nothing to crush', () => {
  const flat = JSON.stringify(
    Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`key${i}`, `value number ${i * 7919}`])),
  );
  assert.equal(compressJson(flat, stashCtx().ctx), null);
});

test('crushJsonValue without the lossy stage never stashes and never drops', () => {
  let stashed = 0;
  const ctx = {
    query: '',
    queryTerms: [],
    stash: (c: string) => `hr_${String(++stashed + c.length).padStart(16, '0')}`,
  };
  const rows = Array.from({ length: 3000 }, (_, i) => ({ id: i, v: i % 7 }));
  const out = crushJsonValue(rows, ctx, { lossy: false })!;
  assert.equal(stashed, 0);
  assert.equal(markers(out).length, 0);
  assert.equal(out.split('\n').length, 3002);
  assert.equal(crushJsonValue('a string', ctx), null);
});

test('median (quickselect) agrees with sorting', () => {
  let s = 7;
  const rnd = (): number => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296;
  for (let n = 1; n < 60; n++) {
    const xs = Float64Array.from({ length: n }, () => Math.floor(rnd() * 10));
    const sorted = Float64Array.from(xs).sort();
    const want = n % 2 ? sorted[n >> 1] : (sorted[(n >> 1) - 1] + sorted[n >> 1]) / 2;
    assert.equal(median(xs), want, `n=${n}`);
  }
});
