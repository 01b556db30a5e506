import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROVIDERS, providerAdapter } from '../../core/providers/index.js';
import { routeFor } from '../../core/providers/route.js';
import { normalizeBase, normalizeBases, upstreamUrl } from '../../core/providers/upstream-url.js';
import { NdjsonParser } from '../../core/wire/ndjson.js';
import { feed, twoPieceSplits } from '../helpers/recorded-stream.js';

const ollama = providerAdapter('ollama-chat');

test('Ollama units: each tool message, named by tool_name, by call id, or by its place after the calls', () => {
  const body = {
    model: 'qwen',
    messages: [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'look' },
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          { function: { name: 'read_file', arguments: { path: 'src/a.py' } } },
          { id: 'call_2', function: { name: 'shell', arguments: { command: 'cat lib/b.rs' } } },
        ],
      },
      { role: 'tool', content: 'A' },
      { role: 'tool', content: 'B', tool_call_id: 'call_2' },
      { role: 'TOOL', content: 'C', tool_name: 'grep' },
      { role: 'tool', content: ['not', 'a', 'string'] },
      { role: 'user', content: 'and now?' },
    ],
  };
  assert.deepEqual(ollama.findUnits(body), [
    { path: ['messages', 3, 'content'], text: 'A', toolName: 'read_file', fileName: 'src/a.py' },
    { path: ['messages', 4, 'content'], text: 'B', toolName: 'shell', fileName: 'lib/b.rs' },
    { path: ['messages', 5, 'content'], text: 'C', toolName: 'grep', fileName: undefined },
  ]);
  assert.equal(ollama.latestUserText(body), 'and now?');
  assert.deepEqual(ollama.sessionParts(body), {
    system: undefined,
    leading: [{ role: 'system', content: 'be brief' }],
    firstUser: { role: 'user', content: 'look' },
  });
  assert.equal(ollama.modelOf('/api/chat', body), 'qwen');
  assert.deepEqual(ollama.findUnits({ messages: 'no' }), []);
  assert.equal(ollama.sessionParts({ model: 'x' }), undefined);
});

test('POST /api/chat is Ollama chat; the rest of /api/ passes through to the Ollama base; no route moved', () => {
  assert.deepEqual(routeFor('POST', '/api/chat', {}), {
    family: 'ollama',
    provider: 'ollama-chat',
    name: 'ollama.chat',
  });
  assert.deepEqual(
    PROVIDERS.filter((a) => a.routes.some((r) => r.match('/api/chat'))).map((a) => a.id),
    ['ollama-chat'],
  );
  for (const [method, path] of [
    ['POST', '/api/generate'],
    ['GET', '/api/tags'],
    ['POST', '/api/show'],
    ['GET', '/api/chat'],
    ['HEAD', '/api/blobs/sha256:2a3b'],
  ])
    assert.deepEqual(routeFor(method, path, {}), { family: 'ollama', name: 'passthrough' }, `${method} ${path}`);
  assert.equal(routeFor('GET', '/api/tags', { 'x-api-key': 'k' }).family, 'ollama', 'its path, whatever the headers');
  // Ollama's OpenAI-compatible endpoint stays Chat Completions, and the other families keep their paths
  assert.equal(routeFor('POST', '/v1/chat/completions', {}).provider, 'openai-chat');
  assert.equal(routeFor('GET', '/v1/models', {}).family, 'openai');
  assert.equal(routeFor('GET', '/v1beta/models', {}).family, 'gemini');
  assert.equal(ollama.servesUrlPath('/ollama/api/chat'), true);
  assert.equal(ollama.servesUrlPath('/v1/chat/completions'), false);
});

test("Ollama's base stands for the incoming /api; a bare origin gets /api added", () => {
  const bases = normalizeBases();
  assert.equal(bases.ollama, 'http://127.0.0.1:11434/api');
  assert.equal(upstreamUrl(bases, 'ollama', '/api/chat').href, 'http://127.0.0.1:11434/api/chat');
  assert.equal(normalizeBase('http://gpu-box:11434/', 'ollama'), 'http://gpu-box:11434/api');
  const gw = normalizeBases({ ollama: 'https://gw.example/ollama/api' });
  assert.equal(upstreamUrl(gw, 'ollama', '/api/tags?x=1').href, 'https://gw.example/ollama/api/tags?x=1');
  assert.throws(() => normalizeBase('ftp://x', 'ollama'), /must be http/);
});

test('NDJSON lines: the same lines however the bytes are cut, the last one without its newline too', () => {
  const text = '{"a":"é—x"}\n{"b":2}\r\n\n{"c":3}';
  const whole = Buffer.from(text, 'utf8');
  const read = (chunks: Buffer[]) => {
    const p = new NdjsonParser();
    return [...chunks.flatMap((c) => p.push(c)), ...p.end()];
  };
  const expected = read([whole]);
  assert.deepEqual(
    expected.map((l) => l.raw),
    ['{"a":"é—x"}\n', '{"b":2}\r\n', '\n', '{"c":3}'],
  );
  assert.deepEqual(
    expected.map((l) => l.data),
    ['{"a":"é—x"}', '{"b":2}', '', '{"c":3}'],
  );
  for (const pieces of twoPieceSplits(whole)) assert.deepEqual(read(pieces), expected, `cut at ${pieces[0].length}`);
  assert.deepEqual(read([...whole].map((b) => Buffer.from([b]))), expected, 'one byte at a time');
});

const line = (o: object) => JSON.stringify(o) + '\n';
const call = (id: string, name: string, args: object) => ({ id, function: { index: 0, name, arguments: args } });
/** A stream line whose message is only a `headroom_retrieve` call (id `c`) for `hr`. */
const retrieveOnly = (hr: string) =>
  line({
    model: 'm',
    created_at: 't',
    message: { role: 'assistant', content: '', tool_calls: [call('c', 'headroom_retrieve', { id: hr })] },
    done: false,
  });

test('Ollama stream splicer: a retrieve call beside a real one is taken out, the real one and the end go on', () => {
  const s = ollama.streamSplicer('{"model":"m","messages":[]}', {});
  const lines = [
    line({ model: 'm', created_at: 't', message: { role: 'assistant', content: 'Let me look.' }, done: false }),
    line({
      model: 'm',
      created_at: 't',
      message: {
        role: 'assistant',
        content: '',
        tool_calls: [call('call_1', 'headroom_retrieve', { id: 'hr_0123456789abcdef' }), call('call_2', 'shell', {})],
      },
      done: false,
      extra: { kept: true },
    }),
    '{"error":"not JSON we know"}\n',
    'garbage that is not JSON\n',
    line({ model: 'm', created_at: 't', message: { role: 'assistant', content: '' }, done: true, eval_count: 3 }),
  ];
  const out = feed(s, [Buffer.from(lines.join(''))], 'ndjson').split('\n');
  assert.equal(out[0] + '\n', lines[0], 'a line without calls is forwarded byte for byte');
  assert.deepEqual(JSON.parse(out[1]), {
    model: 'm',
    created_at: 't',
    message: { role: 'assistant', content: '', tool_calls: [call('call_2', 'shell', {})] },
    done: false,
    extra: { kept: true },
  });
  assert.deepEqual(out.slice(2), [lines[2].trim(), lines[3].trim(), lines[4].trim(), '']);
  assert.equal(s.pendingRetrieves(), undefined, 'a turn with a real call is the client’s to answer');
});

test('Ollama stream splicer: a line that held only the retrieve is dropped; the end is held for the next round', () => {
  const s = ollama.streamSplicer('{"model":"m","messages":[]}', {});
  const out = feed(
    s,
    [
      Buffer.from(
        retrieveOnly(' hr_1 ') +
          line({ model: 'm', created_at: 't', message: { role: 'assistant', content: '' }, done: true, eval_count: 4 }),
      ),
    ],
    'ndjson',
  );
  assert.equal(out, '');
  assert.deepEqual(s.pendingRetrieves(), [{ callId: 'c', id: 'hr_1' }]);
  const next = JSON.parse(s.continuation([{ callId: 'c', content: 'ORIGINAL', found: true }]));
  assert.deepEqual(next.messages, [
    { role: 'assistant', content: '', tool_calls: [call('c', 'headroom_retrieve', { id: ' hr_1 ' })] },
    { role: 'tool', content: 'ORIGINAL', tool_name: 'headroom_retrieve', tool_call_id: 'c' },
  ]);
});

test('Ollama stream splicer: text on the end line of a retrieve-only turn reaches the client, the end is held', () => {
  const s = ollama.streamSplicer('{"model":"m","messages":[]}', {});
  const out = feed(
    s,
    [
      Buffer.from(
        retrieveOnly('hr_1') +
          line({ model: 'm', created_at: 't2', message: { role: 'assistant', content: 'Checking.' }, done: true }),
      ),
    ],
    'ndjson',
  );
  assert.deepEqual(JSON.parse(out), {
    model: 'm',
    created_at: 't2',
    message: { role: 'assistant', content: 'Checking.' },
    done: false,
  });
  assert.deepEqual(s.pendingRetrieves(), [{ callId: 'c', id: 'hr_1' }]);
  const end = JSON.parse(s.finish());
  assert.equal(end.done, true);
  assert.equal(end.message.content, '', 'the text is not said twice');
  const next = JSON.parse(s.continuation([{ callId: 'c', content: 'X', found: true }]));
  assert.equal(next.messages[0].content, 'Checking.', "the model's own turn keeps its text");
});
