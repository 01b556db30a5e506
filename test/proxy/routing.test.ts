import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeBase, normalizeBases, upstreamUrl } from '../../core/providers/upstream-url.js';
import { routeFor } from '../../core/proxy/routes.js';
import { refusal } from '../../core/proxy/security.js';
import { upstreamRequestHeaders, clientResponseHeaders } from '../../core/proxy/headers.js';

test('base URLs follow the CLI contract: a base stands for /v1 (Gemini /v1beta); a bare origin gets the prefix', () => {
  assert.equal(normalizeBase('https://api.anthropic.com', 'anthropic'), 'https://api.anthropic.com/v1');
  assert.equal(normalizeBase('https://api.openai.com/v1/', 'openai'), 'https://api.openai.com/v1');
  assert.equal(normalizeBase('http://127.0.0.1:9000', 'gemini'), 'http://127.0.0.1:9000/v1beta');
  assert.throws(() => normalizeBase('ftp://x', 'openai'), /http\(s\)/);
  const bases = normalizeBases({
    openai: 'https://my.azure.example/openai/v1',
    anthropic: 'https://api.anthropic.com',
  });
  assert.equal(
    upstreamUrl(bases, 'openai', '/v1/chat/completions').href,
    'https://my.azure.example/openai/v1/chat/completions',
  );
  assert.equal(
    upstreamUrl(bases, 'anthropic', '/v1/messages?beta=true').href,
    'https://api.anthropic.com/v1/messages?beta=true',
  );
  assert.equal(
    upstreamUrl(bases, 'gemini', '/v1beta/models/g:streamGenerateContent?alt=sse').href,
    'https://generativelanguage.googleapis.com/v1beta/models/g:streamGenerateContent?alt=sse',
  );
  assert.equal(
    upstreamUrl(bases, 'gemini', '/v1/models/g:generateContent').href,
    'https://generativelanguage.googleapis.com/v1/models/g:generateContent',
  );
  // never another origin, never out of the base's path (issue 16.8; the handlers refuse these targets before)
  for (const target of ['http://127.0.0.1:9/x', '//127.0.0.1:9/x', '/\\127.0.0.1:9/x', '/v1/../../x', '/v1/%2e%2e/x'])
    assert.throws(
      () => upstreamUrl(bases, 'openai', target),
      /does not map into the openai upstream https:\/\/my\.azure\.example\/openai\/v1/,
      target,
    );
});

test(
  'routes: compressible conversations by path, everything else passes through to the family its prefix or headers ' +
    'name',
  () => {
    const r = (m: string, p: string, h = {}) => routeFor(m, p, h);
    assert.deepEqual(r('POST', '/v1/messages'), {
      family: 'anthropic',
      provider: 'anthropic',
      name: 'anthropic.messages',
    });
    assert.equal(r('POST', '/v1/chat/completions').provider, 'openai-chat');
    assert.equal(r('POST', '/v1/responses').provider, 'openai-responses');
    assert.equal(r('POST', '/v1beta/models/gemini-2.5-pro:streamGenerateContent').provider, 'gemini');
    assert.deepEqual(r('POST', '/v1/messages/count_tokens'), {
      family: 'anthropic',
      provider: 'anthropic',
      name: 'anthropic.count_tokens',
      countOnly: true,
    });
    assert.deepEqual(r('POST', '/v1/responses/input_tokens'), {
      family: 'openai',
      provider: 'openai-responses',
      name: 'openai.input_tokens',
      countOnly: true,
    });
    assert.deepEqual(r('POST', '/v1beta/models/gemini-2.5-pro:countTokens'), {
      family: 'gemini',
      provider: 'gemini',
      name: 'gemini.count_tokens',
      countOnly: true,
    });
    assert.equal(r('GET', '/v1/messages').provider, undefined);
    assert.equal(r('GET', '/v1/models').family, 'openai');
    assert.equal(r('GET', '/v1/models', { 'anthropic-version': '2023-06-01' }).family, 'anthropic');
    assert.equal(r('POST', '/v1/embeddings').family, 'openai');
  },
);

test('Host and Origin checks', () => {
  const none = new Set<string>();
  assert.equal(refusal({ host: 'localhost:8787' }, none), undefined);
  assert.equal(refusal({ host: '127.0.0.1' }, none), undefined);
  assert.equal(refusal({ host: '[::1]:8787' }, none), undefined);
  assert.match(refusal({ host: 'localhost.evil.com:8787' }, none)!, /not local/);
  assert.match(refusal({}, none)!, /missing Host/);
  assert.match(refusal({ host: 'localhost', origin: 'null' }, none)!, /Origin/);
  assert.equal(refusal({ host: 'localhost', origin: 'vscode-webview://abc' }, none), undefined);
  assert.match(refusal({ host: 'localhost', origin: 'chrome-extension://abc' }, none)!, /Origin/);
  assert.equal(refusal({ host: 'localhost', origin: 'http://127.0.0.1:3000' }, none), undefined);
  assert.equal(refusal({ host: 'devbox.lan:8787' }, new Set(['devbox.lan'])), undefined);
});

test('headers: hop-by-hop and framing dropped, auth kept, encodings handled', () => {
  const incoming = {
    host: 'localhost:8787',
    connection: 'keep-alive, x-hop',
    'x-hop': '1',
    'keep-alive': 'timeout=5',
    'transfer-encoding': 'chunked',
    'content-length': '10',
    'content-encoding': 'gzip',
    'accept-encoding': 'gzip, br, zstd',
    authorization: 'Bearer s',
    'x-api-key': 'k',
    'anthropic-beta': 'b',
    'proxy-authorization': 'Basic p',
  };
  const up = upstreamRequestHeaders(incoming, { decoded: true, identityResponse: false });
  assert.deepEqual(up, {
    'accept-encoding': 'gzip, br, zstd',
    authorization: 'Bearer s',
    'x-api-key': 'k',
    'anthropic-beta': 'b',
  });
  const raw = upstreamRequestHeaders(incoming, { decoded: false, identityResponse: true });
  assert.equal(raw['content-encoding'], 'gzip');
  assert.equal(raw['accept-encoding'], 'identity');
  const back = clientResponseHeaders(
    {
      'content-encoding': 'br',
      'content-length': '5',
      'transfer-encoding': 'chunked',
      connection: 'close',
      'request-id': 'r',
    },
    true,
  );
  assert.deepEqual(back, { 'content-encoding': 'br', 'content-length': '5', 'request-id': 'r' });
});
