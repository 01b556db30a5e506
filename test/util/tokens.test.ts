import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens } from '../../core/util/tokens.js';

test('a special-token spelling in tool output is counted as ordinary text, never refused', () => {
  const text = 'tokenizer.eos_token = "<|endoftext|>"\nprint("<|im_start|>user")';
  const n = countTokens(text);
  assert.ok(n > 10, `counted ${n}`);
  assert.equal(countTokens('<|endoftext|>'), countTokens('<|endoftext|'.concat('>')));
  assert.ok(countTokens('<|endoftext|>') > 1, 'spelled out, not one special token');
});
