import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SavingsSeries, toRetrievalItem, toSummary, unitMetas } from '../../extension/panel/panel-data.js';
import type { RequestRecord } from '../../extension/proxy-host.js';

const rec = (time: number, before: number, after: number, extra: Partial<RequestRecord> = {}): RequestRecord => ({
  id: `r${time}`,
  time,
  provider: 'anthropic',
  tokensBefore: before,
  tokensAfter: after,
  compressMs: 1.5,
  units: [],
  ...extra,
});

test('toSummary keeps what the list shows and counts compressed units; unitMetas numbers the units', () => {
  const r = rec(1000, 900, 300, {
    model: 'claude-sonnet-4-5',
    agent: 'claude-cli',
    status: 200,
    units: [
      {
        path: 'messages.2.content.0.content',
        kind: 'log',
        tokensBefore: 800,
        tokensAfter: 200,
        originalId: 'hr_0123456789abcdef',
      },
      {
        path: 'messages.4.content.0.content',
        kind: 'text',
        tokensBefore: 100,
        tokensAfter: 100,
        reason: 'no shorter form found',
        memoHit: true,
      },
    ],
  });
  assert.deepEqual(toSummary(r), {
    id: 'r1000',
    time: 1000,
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    agent: 'claude-cli',
    status: 200,
    tokensBefore: 900,
    tokensAfter: 300,
    compressMs: 1.5,
    units: 2,
    compressedUnits: 1,
    outcome: 'compressed',
    why: '1 of 2 tool outputs compressed',
  });
  assert.deepEqual(unitMetas(r), [
    {
      index: 0,
      path: 'messages.2.content.0.content',
      label: 'tool output · message 3',
      kind: 'log',
      tokensBefore: 800,
      tokensAfter: 200,
      originalId: 'hr_0123456789abcdef',
    },
    {
      index: 1,
      path: 'messages.4.content.0.content',
      label: 'tool output · message 5',
      kind: 'text',
      tokensBefore: 100,
      tokensAfter: 100,
      reason: 'no shorter form found',
      memoHit: true,
    },
  ]);
  assert.deepEqual(toRetrievalItem({ id: 'hr_0123456789abcdef', time: 5, via: 'proxy', found: true, tokens: 40 }), {
    id: 'hr_0123456789abcdef',
    time: 5,
    via: 'proxy',
    found: true,
    user: false,
    tokens: 40,
  });
  assert.equal(
    toRetrievalItem({ id: 'hr_0123456789abcdef', time: 6, via: 'extension', found: false }).user,
    true,
    "the user's own lookup is told apart",
  );
});

test('the savings series is cumulative, ends at the totals, and never has more than maxPoints points', () => {
  const records: RequestRecord[] = [];
  // 10,000 requests over 30 days, newest first as the store returns them
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 10_000; i++) records.push(rec(start + i * 260_000, 1000 + (i % 7), 200 + (i % 3)));
  records.reverse();
  const s = SavingsSeries.from(records, 60);
  const pts = s.points();
  assert.ok(pts.length <= 60 && pts.length > 20, `${pts.length} points`);
  const before = records.reduce((n, r) => n + r.tokensBefore, 0);
  const after = records.reduce((n, r) => n + r.tokensAfter, 0);
  assert.deepEqual(pts[pts.length - 1], { time: pts[pts.length - 1].time, before, after });
  for (let i = 1; i < pts.length; i++) {
    assert.ok(pts[i].time > pts[i - 1].time);
    assert.ok(pts[i].before >= pts[i - 1].before && pts[i].after >= pts[i - 1].after);
  }
});

test('adding live requests widens the buckets instead of growing without bound', () => {
  const s = new SavingsSeries(10);
  const t0 = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 500; i++) s.add({ time: t0 + i * 60_000, tokensBefore: 10, tokensAfter: 4 });
  const pts = s.points();
  assert.ok(pts.length <= 10, `${pts.length} points`);
  assert.deepEqual([pts[pts.length - 1].before, pts[pts.length - 1].after], [5000, 2000]);
  assert.deepEqual(new SavingsSeries().points(), []);
});
