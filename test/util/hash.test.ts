import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentId } from '../../core/util/hash.js';

test('content ids: stable, prefixed, 16 hex', () => {
  assert.equal(contentId('hello'), contentId('hello'));
  assert.match(contentId('hello'), /^hr_[0-9a-f]{16}$/);
  assert.notEqual(contentId('hello'), contentId('hello '));
});

test('a lone surrogate does not collide with its U+FFFD replacement', () => {
  const lone = 'emoji half: \ud83d end';
  const replaced = 'emoji half: \ufffd end';
  assert.notEqual(contentId(lone), contentId(replaced));
});
