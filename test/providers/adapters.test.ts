import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROVIDERS, providerAdapter, providerOfUrlPath } from '../../core/providers/index.js';
import { adapterFor, routeFor } from '../../core/providers/route.js';
import { startHarness } from '../helpers/proxy-harness.js';
import { anthropicJson } from '../helpers/provider-replies.js';
import { rawRequest } from '../helpers/raw-http.js';
import { resolveTarget } from '../../core/proxy/resolve-target.js';
import { normalizeBases } from '../../core/providers/upstream-url.js';
import { toolLog } from '../helpers/line-compress.js';

test('every adapter serves its own routes, and the registry finds each route once', () => {
  const names = new Set<string>();
  for (const a of PROVIDERS) for (const r of a.routes) names.add(`${a.id} ${r.name}`);
  assert.ok(names.size >= 7);
  const samples: [string, string, string][] = [
    ['/v1/messages', 'anthropic', 'anthropic.messages'],
    ['/messages', 'anthropic', 'anthropic.messages'],
    ['/messages/count_tokens', 'anthropic', 'anthropic.count_tokens'],
    ['/v1/chat/completions', 'openai-chat', 'openai.chat'],
    ['/v1/responses/input_tokens', 'openai-responses', 'openai.input_tokens'],
    ['/v1alpha/tunedModels/t1:generateContent', 'gemini', 'gemini.generate'],
  ];
  for (const [path, provider, name] of samples) {
    const serving = PROVIDERS.filter((a) => a.routes.some((r) => r.match(path)));
    assert.deepEqual(
      serving.map((a) => a.id),
      [provider],
      path,
    );
    assert.equal(routeFor('POST', path, {}).name, name, path);
  }
});

test(`POST /messages (Cline with a bare-origin Anthropic base) is Messages, forwarded under the base as \
/v1/messages`, () => {
  assert.deepEqual(routeFor('POST', '/messages', {}), {
    family: 'anthropic',
    provider: 'anthropic',
    name: 'anthropic.messages',
    upstreamPath: '/v1/messages',
  });
  assert.equal(routeFor('GET', '/messages', {}).provider, undefined);
  assert.equal(routeFor('POST', '/v2/messages', {}).provider, undefined);
});

test('POST /messages under a named route goes to that upstream as /v1/messages too', () => {
  const cfg = {
    bases: normalizeBases(),
    namedUpstream: () => ({ family: 'anthropic' as const, base: 'https://gw.example/anthropic', owner: 'cline' }),
  };
  const named = resolveTarget('POST', '/u/cline/messages?beta=true', {}, cfg);
  assert.ok(named.ok);
  assert.equal(
    named.target.url.href,
    'https://gw.example/anthropic/messages?beta=true',
    'a base with a path stands for /v1',
  );
  assert.equal(named.target.route.provider, 'anthropic');
  const plain = resolveTarget('POST', '/messages', {}, cfg);
  assert.ok(plain.ok);
  assert.equal(plain.target.url.href, 'https://api.anthropic.com/v1/messages');
});

test(`routing is a pure function of method, path and headers (a prefixed route can ask with the rest of its \
path)`, () => {
  const a = routeFor('POST', '/v1/responses', { authorization: 'Bearer x' });
  const b = routeFor('POST', '/v1/responses', { authorization: 'Bearer y' });
  assert.deepEqual(a, b);
  assert.equal(adapterFor('POST', '/v1/responses', {}), providerAdapter('openai-responses'));
  assert.equal(adapterFor('POST', '/messages', {}), providerAdapter('anthropic'));
  assert.equal(adapterFor('GET', '/v1/models', {}), undefined);
  assert.equal(routeFor('GET', '/v1beta/models', {}).family, 'gemini');
  assert.equal(routeFor('GET', '/v1/models', { 'x-goog-api-key': 'k' }).family, 'gemini');
  assert.equal(routeFor('GET', '/v1/models', { 'x-api-key': 'k' }).family, 'anthropic');
  assert.equal(routeFor('GET', '/v1/files', {}).family, 'openai');
});

test('model, watchability and URL shape per adapter', () => {
  const gemini = providerAdapter('gemini');
  assert.equal(gemini.modelOf('/v1beta/models/gemini-2.5-pro:streamGenerateContent', {}), 'gemini-2.5-pro');
  assert.equal(gemini.modelOf('/v1beta/models/g:generateContent', { model: 'named' }), 'named');
  assert.equal(gemini.watchable('/v1beta/models/g:streamGenerateContent?alt=sse'), true);
  assert.equal(gemini.watchable('/v1beta/models/g:streamGenerateContent'), false, 'a JSON-array stream is not watched');
  assert.equal(gemini.watchable('/v1beta/models/g:streamGenerateContent?key=1&alt=sse&x=2'), true);
  assert.equal(gemini.watchable('/v1beta/models/g:generateContent'), true);
  assert.equal(providerAdapter('anthropic').modelOf('/v1/messages', { model: 'claude-x' }), 'claude-x');
  assert.equal(providerAdapter('openai-chat').modelOf('/v1/chat/completions', undefined), undefined);
  assert.equal(providerOfUrlPath('/openai/v1/chat/completions'), 'openai-chat');
  assert.equal(providerOfUrlPath('/gateway/v1/messages'), 'anthropic');
  assert.equal(providerOfUrlPath('/v1beta/models/g:streamGenerateContent'), 'gemini');
  assert.equal(providerOfUrlPath('/v1/embeddings'), undefined);
  assert.throws(() => providerAdapter('cohere' as never), /unknown provider "cohere"/);
});

test('the retrieve tool goes where each adapter says, and its bytes are the same in every request', () => {
  for (const a of PROVIDERS) {
    const at = a.retrieveToolInsertion([]);
    assert.deepEqual(at.path, ['tools']);
    assert.ok(at.itemJson.includes('headroom_retrieve'));
    assert.equal(
      a.retrieveToolInsertion([{ x: 1 }]).itemJson,
      at.itemJson.includes('functionDeclarations') ? at.itemJson : a.retrieveToolJson,
    );
  }
  const g = providerAdapter('gemini').retrieveToolInsertion([{ googleSearch: {} }, { functionDeclarations: [] }]);
  assert.deepEqual(g.path, ['tools', 1, 'functionDeclarations']);
  assert.equal(g.itemJson, providerAdapter('gemini').retrieveToolJson);
});

test('the proxy compresses POST /messages and the provider receives it at its base + /messages', async () => {
  const h = await startHarness(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }));
  try {
    const log = toolLog(3);
    const body = JSON.stringify({
      model: 'claude-test',
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'what failed?' },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'cat x.log' } }],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: log }] },
      ],
    });
    const res = await rawRequest(`${h.proxy.url}/messages?beta=true`, {
      headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      body,
    });
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.text).content[0].text, 'ok');
    const got = h.provider.received[0];
    assert.equal(got.url, '/v1/messages?beta=true', 'the base stands for /v1');
    assert.ok(got.text.length < body.length, 'the tool result was compressed');
    assert.ok(!got.text.includes(JSON.stringify(log)));
  } finally {
    await h.close();
  }
});
