// The e2e suites' wait helper (test/e2e/lib/until.ts): a check re-run on events, never on a clock.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { onNode, until } from '../e2e/lib/until.js';

test('until resolves at once with what the check returns when it already holds', async () => {
  const e = new EventEmitter();
  assert.deepEqual(await until('a value', [onNode(e, 'x')], () => ({ v: 1 })), { v: 1 });
  assert.equal(e.listenerCount('x'), 0, 'no listener left behind');
});

test('until re-checks on each event and resolves on the first truthy value', async () => {
  const e = new EventEmitter();
  let n = 0;
  let checks = 0;
  const done = until('n to reach 3', [onNode(e, 'tick')], () => {
    checks++;
    return n >= 3 && n;
  });
  for (let i = 0; i < 3; i++) {
    n++;
    e.emit('tick');
  }
  assert.equal(await done, 3);
  // the events came while the first check was still settling: they collapse into one more check
  assert.equal(checks, 2, 'once at the start, once for the events');
  assert.equal(e.listenerCount('tick'), 0);
});

test('an event that arrives while an async check runs is not lost', async () => {
  const e = new EventEmitter();
  let ready = false;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let calls = 0;
  const done = until('ready', [onNode(e, 'change')], async () => {
    calls++;
    const seen = ready;
    if (calls === 1) await gate; // the first check is still running when the change happens
    return seen;
  });
  ready = true;
  e.emit('change');
  release();
  assert.equal(await done, true);
  assert.equal(calls, 2);
});

test('until listens on several sources (vscode.Event-shaped subscriptions too)', async () => {
  const a = new EventEmitter();
  const listeners = new Set<() => void>();
  const vscodeStyle = (l: () => void) => {
    listeners.add(l);
    return { dispose: () => listeners.delete(l) };
  };
  let hit = false;
  const done = until('the hit', [onNode(a, 'x'), vscodeStyle], () => hit);
  hit = true;
  for (const l of [...listeners]) l();
  assert.equal(await done, true);
  assert.equal(listeners.size, 0, 'disposed');
});

test('a check that throws rejects with its error, and a condition never met names what was awaited', async () => {
  const e = new EventEmitter();
  await assert.rejects(
    until('x', [onNode(e, 'x')], () => {
      throw new Error('broken check');
    }),
    /broken check/,
  );
  await assert.rejects(
    until('the moon', [onNode(e, 'x')], () => 0, 1),
    /waiting for the moon \(last: 0\)/,
  );
  assert.equal(e.listenerCount('x'), 0);
});
