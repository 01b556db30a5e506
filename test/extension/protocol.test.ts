import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWebviewMessage } from '../../extension/protocol.js';

test('well-formed webview messages pass the guard', () => {
  for (const m of [
    { type: 'ready' },
    { type: 'loadMore', before: 1732800000000 },
    { type: 'select', requestId: 'a1b2' },
    { type: 'loadUnit', requestId: 'a1b2', index: 0 },
    { type: 'openDiff', requestId: 'a1b2', index: 3 },
    { type: 'retrieve', id: 'hr_0123456789abcdef' },
  ])
    assert.ok(isWebviewMessage(m), JSON.stringify(m));
});

test('anything else is dropped: wrong shapes, wrong types, unknown types, absurd values', () => {
  for (const m of [
    null,
    'ready',
    [],
    { type: 'nope' },
    { type: 'loadMore' },
    { type: 'loadMore', before: Infinity },
    { type: 'select' },
    { type: 'select', requestId: '' },
    { type: 'select', requestId: 'x'.repeat(201) },
    { type: 'loadUnit', requestId: 'a', index: -1 },
    { type: 'loadUnit', requestId: 'a', index: 1.5 },
    { type: 'openDiff', requestId: 'a', index: '0' },
    { type: 'openDiff', requestId: 'a', index: 1e9 },
    { type: 'retrieve', id: 42 },
  ])
    assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
});
