import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectWords } from '../../core/prose-model/select.js';

test('protected words always stay; the rest fill `ratio` of the prunable cost, best scores first', () => {
  const probs = [0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.05, 0.95];
  const prot = [0, 0, 0, 0, 0, 0, 1, 0];
  const costs = [1, 1, 1, 1, 1, 1, 5, 1];
  // prunable cost 7, ratio 0.5 → 3.5: the three best (0.95, 0.9, 0.8) fit, the fourth would not
  assert.deepEqual([...selectWords(probs, prot, costs, 0.5)], [1, 0, 1, 0, 0, 0, 1, 1]);
  assert.deepEqual([...selectWords(probs, prot, costs, 0.05)], [0, 0, 0, 0, 0, 0, 1, 0]);
  assert.deepEqual([...selectWords(probs, prot, costs, 1)], [1, 1, 1, 1, 1, 1, 1, 1]);
});

test('a costly word that does not fit leaves room for cheaper, lower-scored ones; ties go to the earlier word', () => {
  assert.deepEqual([...selectWords([0.9, 0.8, 0.5, 0.5], [0, 0, 0, 0], [2, 6, 1, 1], 0.3)], [1, 0, 1, 0]);
});
