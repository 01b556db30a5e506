import { test } from 'node:test';
import assert from 'node:assert/strict';
import { restoreRoo, routeRoo } from '../../extension/agents-ui/roo-settings.js';

const PROXY = 'http://127.0.0.1:8787';

test('Roo Code: the active provider decides the field; restore puts back exactly what was there', () => {
  const settings = { apiProvider: 'openai', openAiBaseUrl: 'https://llm.example.org/v1', openAiApiKey: 'sk-secret' };
  const r = routeRoo(settings, PROXY);
  assert.ok(r && !('error' in r));
  assert.deepEqual(r.update, { openAiBaseUrl: `${PROXY}/v1` });
  assert.deepEqual(r.upstreams, [{ protocol: 'openai', url: 'https://llm.example.org/v1', where: 'Roo Code openAiBaseUrl' }]);
  const routed = { ...settings, ...r.update };
  assert.equal(routeRoo(routed, PROXY), null, 'routing twice changes nothing');
  assert.deepEqual(restoreRoo(routed, r.record).update, { openAiBaseUrl: 'https://llm.example.org/v1' });
});

test('Roo Code: an empty Anthropic base goes back to empty; a value the user changed since is left alone', () => {
  const r = routeRoo({ apiProvider: 'anthropic' }, PROXY);
  assert.ok(r && !('error' in r));
  assert.deepEqual(r.update, { anthropicBaseUrl: PROXY });
  assert.deepEqual(r.upstreams, []);
  assert.deepEqual(restoreRoo({ apiProvider: 'anthropic', anthropicBaseUrl: PROXY }, r.record).update, { anthropicBaseUrl: undefined });
  assert.deepEqual(restoreRoo({ apiProvider: 'anthropic', anthropicBaseUrl: 'https://mine' }, r.record).update, {});
});

test('Roo Code: a provider the proxy cannot speak for is refused in plain words', () => {
  const r = routeRoo({ apiProvider: 'bedrock' }, PROXY);
  assert.ok(r && 'error' in r);
  assert.match(r.error, /"bedrock" cannot be routed/);
});
