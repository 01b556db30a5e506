import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness } from '../helpers/proxy-harness.js';
import { startFakeProvider } from '../helpers/fake-provider.js';
import { chatJson, ollamaJson } from '../helpers/provider-replies.js';
import { headLines, toolLog } from '../helpers/line-compress.js';
import { rawRequest } from '../helpers/raw-http.js';
import { NAMED_UPSTREAMS_FILE, removeNamedUpstream, setNamedUpstream } from '../../core/config/named-upstreams.js';
import { namedUpstreamLookup } from '../../core/config/named-upstream-lookup.js';

const log = toolLog(3);
const body = JSON.stringify({
  model: 'openrouter/some-model',
  messages: [
    { role: 'user', content: 'what ran?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'shell', arguments: '{}' } }],
    },
    { role: 'tool', tool_call_id: 'c1', content: log },
  ],
});

test(
  '/u/<name>/…: routed as usual to the named base (compressed), the default upstream untouched; unknown names ' + '404',
  async () => {
    const home = mkdtempSync(join(tmpdir(), 'hr-named-'));
    const named = await startFakeProvider(() => ({ body: chatJson({ text: 'ok' }) }));
    const h = await startHarness(() => ({ body: chatJson({ text: 'default' }) }), { home, retrieveTool: false });
    try {
      const send = (path: string) =>
        rawRequest(h.proxy.url + path, {
          headers: { 'content-type': 'application/json', authorization: 'Bearer or-key' },
          body,
        });
      const unknown = await send('/u/openrouter/v1/chat/completions');
      assert.equal(unknown.status, 404);
      assert.match(JSON.parse(unknown.text).error.message, /no upstream named "openrouter"/);

      // written by `headroom configure` while the proxy runs: picked up without a restart
      setNamedUpstream(home, 'openrouter', { family: 'openai', base: `${named.url}/api/v1`, owner: 'continue' });
      const r = await send('/u/openrouter/v1/chat/completions');
      assert.equal(r.status, 200);
      assert.equal(named.received.length, 1);
      const [got] = named.received;
      assert.equal(got.url, '/api/v1/chat/completions');
      assert.equal(got.headers.authorization, 'Bearer or-key');
      assert.equal(got.text, body.replace(JSON.stringify(log), JSON.stringify(headLines(log).output)));
      assert.equal(h.provider.received.length, 0, 'the default upstream got nothing');

      const plain = await send('/v1/chat/completions');
      assert.equal(plain.status, 200);
      assert.equal(h.provider.received.length, 1, 'the unprefixed route still goes to the default upstream');

      removeNamedUpstream(home, 'openrouter');
      assert.equal((await send('/u/openrouter/v1/chat/completions')).status, 404);
      assert.equal(named.received.length, 1, 'nothing forwarded once the route is removed');
    } finally {
      await h.close();
      await named.close();
      rmSync(home, { recursive: true, force: true });
    }
  },
);

test('a damaged upstreams.json is a clear error naming the file, not a silent fall-back to another upstream', () => {
  const home = mkdtempSync(join(tmpdir(), 'hr-named-'));
  try {
    const lookup = namedUpstreamLookup(home);
    assert.equal(lookup('x'), undefined, 'no file: no routes');
    writeFileSync(join(home, NAMED_UPSTREAMS_FILE), '{"x": {"family": "openai", ');
    assert.throws(() => lookup('x'), /upstreams\.json cannot be read .*Configure Agents/);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test(`an Ollama route /u/<name>/ serves both of Continue's clients: the extension's api/chat and cn's \
OpenAI-compatible v1/, each compressed, to the same server`, async () => {
  const home = mkdtempSync(join(tmpdir(), 'hr-named-'));
  const ollama = await startFakeProvider((req) =>
    req.url === '/api/chat'
      ? { body: ollamaJson({ text: 'ok' }) }
      : req.url === '/api/tags'
        ? { body: { models: [{ name: 'llama3' }] } }
        : { body: chatJson({ text: 'ok' }) },
  );
  const h = await startHarness(() => ({ body: chatJson({ text: 'default' }) }), { home, retrieveTool: false });
  try {
    // what `headroom configure continue` writes for an ollama model (core/agents/continue.ts)
    setNamedUpstream(home, 'continue-ollama', { family: 'ollama', base: `${ollama.url}/api`, owner: 'continue' });
    const base = `${h.proxy.url}/u/continue-ollama/`;
    const native = JSON.stringify({
      model: 'llama3',
      stream: false,
      messages: [
        { role: 'user', content: 'what ran?' },
        { role: 'assistant', content: '', tool_calls: [{ function: { name: 'shell', arguments: {} } }] },
        { role: 'tool', content: log },
      ],
    });
    const post = (url: string, text: string) =>
      rawRequest(url, { headers: { 'content-type': 'application/json' }, body: text });
    assert.equal((await post(new URL('api/chat', base).href, native)).status, 200);
    assert.equal((await post(new URL('v1/chat/completions', base).href, body)).status, 200);
    const tags = await rawRequest(new URL('api/tags', base).href, { method: 'GET' });
    assert.equal(tags.status, 200);
    assert.deepEqual(
      ollama.received.map((r) => r.url),
      ['/api/chat', '/v1/chat/completions', '/api/tags'],
    );
    const compressed = JSON.stringify(headLines(log).output);
    assert.equal(ollama.received[0].text, native.replace(JSON.stringify(log), compressed));
    assert.equal(ollama.received[1].text, body.replace(JSON.stringify(log), compressed));
    assert.equal(h.provider.received.length, 0, "nothing went to the proxy's default OpenAI upstream");
  } finally {
    await h.close();
    await ollama.close();
    rmSync(home, { recursive: true, force: true });
  }
});
