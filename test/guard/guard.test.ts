import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingAnswerBearing } from '../../core/guard.js';

test('an error line missing from the output is reported', () => {
  const original = 'INFO ok\nERROR disk full on /dev/sda1\nINFO ok';
  assert.equal(missingAnswerBearing(original, 'INFO ok\n[… 2 lines omitted]', 'log'), 'ERROR disk full on /dev/sda1');
  assert.equal(missingAnswerBearing(original, 'ERROR disk full on /dev/sda1\n[…]', 'log'), undefined);
});

test('coloured error lines count as kept when the output has them without colour codes', () => {
  const original = 'step 1\n\u001b[31merror\u001b[39m: build failed in src/a.ts\nstep 3';
  assert.equal(missingAnswerBearing(original, 'error: build failed in src/a.ts', 'log'), undefined);
  assert.ok(missingAnswerBearing(original, 'step 1', 'log'));
});

test('JSON: error-valued strings must survive as values', () => {
  const original = JSON.stringify([
    { id: 1, status: 'ok' },
    { id: 2, status: 'failed', msg: 'connection refused' },
  ]);
  assert.equal(missingAnswerBearing(original, 'id | status\n1 | ok', 'json'), 'failed');
  assert.equal(missingAnswerBearing(original, 'id | status | msg\n2 | failed | connection refused', 'json'), undefined);
});

test('search results and diffs are not policed line by line (error is a word in code there)', () => {
  assert.equal(missingAnswerBearing('src/a.ts:1:throw new Error("x")', '', 'search'), undefined);
});
