import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planUpstreams } from '../../extension/agents-ui/upstreams.js';

const current = { openai: 'https://api.openai.com/v1', anthropic: 'https://api.anthropic.com/v1' };

test('a custom endpoint becomes the proxy upstream for its protocol; the same URL twice is one update', () => {
  const r = planUpstreams(
    [
      { protocol: 'openai', url: 'http://127.0.0.1:18080/v1/', where: 'models[a].apiBase' },
      { protocol: 'openai', url: 'http://127.0.0.1:18080/v1', where: 'models[b].apiBase' },
    ],
    current,
  );
  assert.deepEqual(r, { updates: [{ family: 'openai', url: 'http://127.0.0.1:18080/v1' }], warnings: [] });
});

test('nothing to do when the proxy already forwards there; a warning when entries disagree', () => {
  assert.deepEqual(planUpstreams([{ protocol: 'anthropic', url: 'https://api.anthropic.com/v1', where: 'x' }], current), { updates: [], warnings: [] });
  const r = planUpstreams(
    [
      { protocol: 'openai', url: 'https://openrouter.ai/api/v1', where: 'a' },
      { protocol: 'openai', url: 'http://localhost:11434/v1', where: 'b' },
    ],
    current,
  );
  assert.deepEqual(r.updates, [{ family: 'openai', url: 'https://openrouter.ai/api/v1' }]);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0], /openrouter\.ai.*localhost:11434/);
});
