// The lossy stage's general rules, each on a real-shaped payload, each proven lossless through the decoder:
// rows ranked by rare query terms (exact identifiers over look-alikes, ruled-out words and test/bundle paths ranked
// down), dropped rows named by their identifiers, opaque and repeated columns left out, long metric series
// summarised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { compressJson } from '../../../core/compressors/json/index.js';
import { identifierColumns, identifierNote, idBudget } from '../../../core/compressors/json/identifiers.js';
import { isOpaque } from '../../../core/compressors/json/opaque.js';
import type { Column } from '../../../core/compressors/json/columns.js';
import { decode } from './decode.js';
import { fixture, stashCtx } from './helpers.js';

type Obj = Record<string, unknown>;

test(`code search JSON (real files): the definition and the source user stay; look-alikes, tests and bundles are named \
in one marker`, () => {
  // 98 files of node_modules that mention getProto: one defines it, few use the word itself, most say getPrototypeOf
  const text = fixture('github-code-search.json');
  const doc = JSON.parse(text) as { items: Obj[] };
  const { ctx, stash } = stashCtx('Where is getProto defined, and which non-test files use it?');
  const out = compressJson(text, ctx)!;
  assert.ok(out);
  assert.deepEqual(decode(out, stash), doc, 'kept rows, left-out columns and the marker rebuild the original');
  const rowOf = (path: string): string | undefined => out.split('\n').find((l) => l.includes(` | ${path} | `));
  assert.match(rowOf('get-proto/index.js') ?? '', /function getProto|reflectGetProto/, 'the defining file');
  assert.ok(rowOf('get-intrinsic/index.js'), 'the source file that uses getProto by name');
  for (const p of [
    'get-proto/test/index.js',
    'async-function/test/index.js',
    '@babel/runtime/helpers/getPrototypeOf.js',
  ])
    assert.ok(!rowOf(p), `${p} not shown`);
  // the shas leave the table: ids nobody reads, stashed per shown row
  assert.match(out, /^ {2}columns left out: sha \[… \d+ values omitted: /m);
  // one marker stands for all dropped rows and names them, the demoted ones last
  const marker = out.split('\n').filter((l) => l.includes('rows omitted'));
  assert.equal(marker.length, 1);
  assert.match(marker[0], /the rows not shown, by index; path: /);
  const shown = out.split('\n').filter((l) => / \| \d+(?:\.\d+)? \| /.test(l)).length;
  assert.ok(shown <= 12, `${shown} rows shown of ${doc.items.length}`);
});

test('an identifier the query names beats look-alikes that contain it', () => {
  const rows = [
    'resolveSessionToken',
    'resolveSessionTokenTtl',
    'resolveSessionTokens',
    'unresolvedSessionToken',
  ].flatMap((fn, k) =>
    Array.from({ length: 30 }, (_, i) => ({
      path: `packages/m${k}/src/area-${i}/handler.ts`,
      line: 10 + i,
      text:
        `  const token = await ${fn}(request, { cookieName: 'session_${i}', maxAgeSeconds: ${300 + i} }); // ` +
        `area ${i}`,
      owner: `team-${i % 3}`,
    })),
  );
  const text = JSON.stringify(rows, null, 2);
  const { ctx, stash } = stashCtx('who calls resolveSessionToken?');
  const out = compressJson(text, ctx)!;
  assert.deepEqual(decode(out, stash), rows);
  const shown = out.split('\n').filter((l) => / \| \d+ \| /.test(l));
  assert.ok(shown.length >= 10, out);
  for (const l of shown) assert.match(l, /await resolveSessionToken\(/, l);
});

test('kubectl events: uids, resource versions and names made of another column plus a suffix leave the table', () => {
  const pods = ['checkout-web-5c8d7b9f6-k2m8n', 'payments-api-7d9f8b6c4-x2kqp', 'cart-84b6d9c7f-2wxkq'];
  const items = Array.from({ length: 60 }, (_, i) => {
    const name = pods[i % 3];
    const hex = createHash('md5').update(String(i)).digest('hex');
    return {
      count: 1 + (i % 4),
      firstTimestamp:
        `2024-03-12T${String(13 + Math.floor(i / 60)).padStart(2, '0')}:` + `${String(i % 60).padStart(2, '0')}:00Z`,
      involvedObject: {
        kind: 'Pod',
        name,
        namespace: 'prod',
        resourceVersion: String(48212000 + ((i * 7919) % 997)),
        uid: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
      },
      message:
        i === 17 ? 'Back-off restarting failed container payments-api' : `Started container ${name.split('-')[0]}`,
      metadata: { name: `${name}.${hex.slice(0, 16)}`, namespace: 'prod' },
      reason: i === 17 ? 'BackOff' : 'Started',
      type: i === 17 ? 'Warning' : 'Normal',
    };
  });
  const text = JSON.stringify({ apiVersion: 'v1', items, kind: 'List' }, null, 2);
  const { ctx, stash } = stashCtx('why does payments-api restart?');
  const out = compressJson(text, ctx)!;
  assert.deepEqual(decode(out, stash), JSON.parse(text));
  const leftOut = /columns left out: (.*) \[… /.exec(out)?.[1].split(', ') ?? [];
  assert.deepEqual(leftOut.sort(), ['involvedObject.resourceVersion', 'involvedObject.uid', 'metadata.name'].sort());
  assert.match(out, /Back-off restarting failed container payments-api/);
  // no identifier column: the dropped events are told by their kind, how many of each (one marker: short runs)
  assert.match(
    out,
    new RegExp(
      /\[… \d+ rows omitted: the rows not shown, by index; /.source +
        /name: checkout-web-5c8d7b9f6-k2m8n ×\d+, cart-84b6d9c7f-2wxkq ×\d+/.source,
    ),
  );
});

test('a Prometheus matrix: each long series becomes one line with its span, peak and level shifts', () => {
  const t0 = 1710248400;
  const p99 = Array.from({ length: 121 }, (_, i) => [
    t0 + i * 60,
    i < 92 ? (0.16 + ((i * 13) % 9) / 100).toFixed(3) : i === 94 ? '30.412' : (29.6 + ((i * 7) % 8) / 10).toFixed(3),
  ]);
  // a flat series: deterministic noise around 570 MB
  const noise = (i: number): number => Math.round(30 * (1 + Math.sin(i * 12.9898) * Math.cos(i * 78.233)));
  const flat = Array.from({ length: 121 }, (_, i) => [t0 + i * 60, String(540000000 + noise(i) * 1048576)]);
  const flat2 = flat.map(([t, v]) => [t, String(Number(v) + 1048576)]);
  const doc = {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: [
        { metric: { __name__: 'p99', pod: 'a' }, values: p99 },
        { metric: { __name__: 'mem', pod: 'b' }, values: flat },
        { metric: { __name__: 'mem', pod: 'c' }, values: flat2 },
      ],
    },
  };
  const text = JSON.stringify(doc, null, 2);
  const { ctx, stash } = stashCtx('when did latency spike?');
  const out = compressJson(text, ctx)!;
  assert.deepEqual(decode(out, stash), doc);
  const lines = out.split('\n').filter((l) => l.includes('points omitted'));
  assert.equal(lines.length, 3);
  assert.match(
    lines[0],
    new RegExp(
      /1710248400–1710255600 every 60 \(2024-03-12 13:00–15:00 UTC\); max 30\.412 at 1710254040, /.source +
        /last \S+; \S+ until 1710253860, then \S+ from 1710253920/.source,
    ),
  );
  assert.match(lines[1], /same span; min \d+ at \d+, max \d+ at \d+, mean \d+, last \d+/);
  // Graphite puts the value first
  const graphite = ['errors', 'warnings', 'timeouts'].map((target, k) => ({
    target,
    datapoints: Array.from({ length: 200 }, (_, i) => [i === 150 ? 97 + k : 1 + (i % 3), t0 + i * 10]),
  }));
  const g = stashCtx();
  const gOut = compressJson(JSON.stringify(graphite, null, 2), g.ctx)!;
  assert.match(gOut, /max 97 at 1710249900/);
  assert.deepEqual(decode(gOut, g.stash), graphite);
});

test('identifiers: the shortest unique column names rows; numbers fold into ranges when many', () => {
  const col = (name: string, values: unknown[]): Column => ({
    name,
    leaf: name,
    values: values as Column['values'],
    depth: 0,
  });
  const numbers = Array.from({ length: 40 }, (_, i) => 2190 + i + (i > 20 ? 5 : 0));
  const ids = numbers.map((n) => 2200000000 + n * 1013);
  const titles = numbers.map((n) => `Issue title ${n}`);
  const chosen = identifierColumns([
    col('id', ids),
    col('number', numbers),
    col('title', titles),
    col(
      'state',
      numbers.map(() => 'open'),
    ),
  ]);
  assert.deepEqual(
    chosen.map((c) => c.name),
    ['number', 'title'],
  );
  const rows = numbers.map((_, i) => i);
  const note = identifierNote([chosen[0]], rows, idBudget(rows.length));
  assert.equal(note, 'number: 2190–2210, 2216–2234');
  assert.ok(
    isOpaque('I_kwDOHxY7bc6l8cmf8a') &&
      isOpaque('9b1f2e7c4d3a8b6e5f0c1d2e3f4a5b6c7d8e9f0a') &&
      !isOpaque('api-6d9f8b7c4-x2x9z') &&
      !isOpaque('checkout-web-5c8d7b9f6'),
  );
});
