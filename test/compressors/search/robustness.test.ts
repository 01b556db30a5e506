import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compressSearch } from '../../../core/compressors/search/index.js';
import { compress } from '../../../core/compress.js';
import { stashCtx } from '../../helpers/recording-context.js';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', '..', 'fixtures', 'search', name), 'utf8');
const ALL = [
  'rg-setPrototypeOf.txt',
  'rg-context-deprecate.txt',
  'rg-heading-normalize.txt',
  'rg-json-deprecate.ndjson',
  'grep-createServer.txt',
  'grep-no-n-isArray.txt',
  'git-grep-next.txt',
  'rg-isArray-large.txt',
];

test('deterministic: same input and query give the same bytes and the same stash', () => {
  for (const name of ALL) {
    const text = fixture(name);
    const a = stashCtx('where is the handler defined');
    const b = stashCtx('where is the handler defined');
    assert.equal(compressSearch(text, a.ctx), compressSearch(text, b.ctx), name);
    assert.deepEqual([...a.stash.entries()], [...b.stash.entries()], name);
  }
});

test('input that is not search output gives null', () => {
  const { ctx } = stashCtx('foo');
  const prose = Array.from(
    { length: 50 },
    (_, i) => `This is sentence number ${i} about nothing in particular, with a colon: here.`,
  ).join('\n');
  for (const garbage of [
    '',
    '\n\n\n',
    prose,
    'src/app.ts:12:only one match',
    '{"not":"rg json"}\n{"type":"other"}\n',
    '{broken json\n{"type":"match"',
    Array.from({ length: 30 }, (_, i) => `${i}`).join('\n'),
    '\u0000\u0001\u0002'.repeat(500),
  ])
    assert.equal(compressSearch(garbage, ctx), null, JSON.stringify(garbage.slice(0, 40)));
});

test('hostile lines do not throw (their time is in npm run bench: limits)', () => {
  const { ctx } = stashCtx('function parse');
  const hostile = [
    Array.from({ length: 2000 }, (_, i) => `a:${i}:` + ':1:'.repeat(2000)).join('\n'),
    Array.from({ length: 2000 }, (_, i) => `f${i % 7}.js-${i}-` + '-1-'.repeat(2000)).join('\n'),
    Array.from({ length: 200 }, (_, i) => `f.js:${i}:` + 'function parse('.repeat(3000)).join('\n'),
    Array.from({ length: 200 }, (_, i) => `f.js:${i}:` + ' '.repeat(20000) + 'parse(' + 'x,'.repeat(5000)).join('\n'),
    Array.from({ length: 2000 }, (_, i) => `12:` + 'a'.repeat(i)).join('\n'),
    (
      '{"type":"match","data":{"path":{"text":1},"lines":{"bytes":"!!!"},' +
      '"submatches":[{"start":-5,"end":1e12}]}}\n'
    ).repeat(1000),
  ];
  for (const h of hostile) {
    assert.doesNotThrow(() => compressSearch(h, ctx));
  }
});

test('a 4 MB rg -n result compresses to under 1% (its speed is in npm run bench: limits)', () => {
  const text = fixture('rg-isArray-large.txt').repeat(20);
  const { ctx } = stashCtx('isArray');
  compressSearch(text.slice(0, 200_000), ctx);
  const out = compressSearch(text, ctx);
  assert.ok(out && out.length < text.length / 100);
});

test('through the pipeline: detected as search, markers redeemable, original retrievable', () => {
  for (const name of ['rg-setPrototypeOf.txt', 'rg-json-deprecate.ndjson', 'rg-heading-normalize.txt']) {
    const text = fixture(name);
    const r = compress(text, { query: 'setPrototypeOf' });
    assert.equal(r.kind, 'search', name);
    assert.ok(r.compressed, r.reason);
    const byId = new Map(r.records.map((x) => [x.id, x.content]));
    assert.equal(byId.get(r.originalId!), text);
    assert.ok(r.ccr.length > 0);
    for (const id of r.ccr) assert.ok(byId.has(id));
  }
});
