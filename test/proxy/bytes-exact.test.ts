import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { startHarness } from '../helpers/proxy-harness.js';
import { anthropicJson } from '../helpers/provider-replies.js';
import { headLines, toolLog } from '../helpers/line-compress.js';
import { rawRequest } from '../helpers/raw-http.js';
import { until } from '../helpers/wait.js';
import { RETRIEVE_TOOL_JSON } from '../../core/proxy/retrieve-tool.js';
import type { MemoryStore } from '../helpers/memory-store.js';

const log = toolLog(7);

/** A body no JSON serializer would write: odd whitespace, number spellings, escapes, key order, unknown fields. */
const oddBody =
  `{
  "zzz_unknown" : {"n": 1.0e2, "neg": -0, "big": 12345678901234567890, "esc": "caf\\u00e9 \\ud83d\\ude00 \\/"},
  "model":"claude-test",   "max_tokens" : 100,
  "tools" : [ {"name":"Bash","input_schema":{"type":"object"}} ],
  "messages":[ {"role":"user","content":"why \\u0022slow\\u0022?"},
    {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"cat log"}}]},
    {"role":"user","content":[ {"cache_control":{"type":"ephemeral"}, "type":"tool_result","tool_use_id":"t1",` +
  `"content": ${JSON.stringify(log)} } ]}
  ],
  "stream" : false
}
`;
const oddExpected = oddBody
  .replace(JSON.stringify(log), JSON.stringify(headLines(log).output))
  .replace('{"type":"object"}} ]', `{"type":"object"}},${RETRIEVE_TOOL_JSON.anthropic} ]`);

const reply = () => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) });

test('odd formatting survives: only the unit span changes and the tool is appended', async () => {
  const h = await startHarness(reply);
  try {
    const r = await rawRequest(`${h.proxy.url}/v1/messages?beta=true`, {
      headers: { 'content-type': 'application/json', host: `localhost:${h.proxy.port}` },
      body: oddBody,
    });
    assert.equal(r.status, 200);
    assert.equal(h.provider.received[0].url, '/v1/messages?beta=true');
    assert.equal(h.provider.received[0].text, oddExpected);
  } finally {
    await h.close();
  }
});

test('gzip and br request bodies are decoded, compressed, and sent without content-encoding', async () => {
  const h = await startHarness(reply);
  try {
    for (const [enc, bytes] of [
      ['gzip', gzipSync(oddBody)],
      ['br', brotliCompressSync(oddBody)],
    ] as const) {
      const r = await rawRequest(`${h.proxy.url}/v1/messages`, {
        headers: { 'content-type': 'application/json', 'content-encoding': enc },
        body: bytes,
      });
      assert.equal(r.status, 200, enc);
      const got = h.provider.received.at(-1)!;
      assert.equal(got.headers['content-encoding'], undefined, enc);
      assert.equal(got.text, oddExpected, enc);
    }
  } finally {
    await h.close();
  }
});

test('a gzip body with nothing to compress is forwarded as the same gzip bytes', async () => {
  const h = await startHarness(reply);
  try {
    const body = gzipSync(
      JSON.stringify({ model: 'claude-test', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
    );
    await rawRequest(`${h.proxy.url}/v1/messages`, {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body,
    });
    assert.equal(h.provider.received[0].headers['content-encoding'], 'gzip');
    assert.ok(h.provider.received[0].body.equals(body));
  } finally {
    await h.close();
  }
});

test(
  'zstd on Node 20 (no decoder) and malformed JSON and a wrong content-type: original bytes forwarded, reason ' +
    'recorded',
  async () => {
    const h = await startHarness(reply);
    try {
      const zstd = spawnSync('zstd', ['-q', '-c'], { input: oddBody });
      const zbytes = zstd.status === 0 ? zstd.stdout : Buffer.from('not really zstd');
      const cases: [string, Record<string, string>, Buffer | string, RegExp][] = [
        ['zstd', { 'content-type': 'application/json', 'content-encoding': 'zstd' }, zbytes, /zstd/],
        ['malformed', { 'content-type': 'application/json' }, oddBody.slice(0, -10), /malformed JSON/],
        ['text/plain', { 'content-type': 'text/plain' }, oddBody, /content-type "text\/plain"/],
      ];
      for (const [name, headers, body] of cases) {
        const r = await rawRequest(`${h.proxy.url}/v1/messages`, { headers, body });
        assert.equal(r.status, 200, name);
        const got = h.provider.received.at(-1)!;
        assert.ok(got.body.equals(Buffer.from(body)), `${name}: bytes unchanged`);
        assert.equal(got.headers['content-encoding'], headers['content-encoding'], name);
        assert.equal(got.headers['content-type'], headers['content-type'], name);
      }
      await until(h.proxy.events, 'request', () => (h.store as MemoryStore).requests.length >= cases.length);
      const reasons = (h.store as MemoryStore).requests.map((r) => r.passthroughReason ?? '');
      const nodeHasZstd = typeof (zlib as Record<string, unknown>).zstdDecompress === 'function';
      cases.forEach(([name, , , re], i) => {
        if (name === 'zstd' && nodeHasZstd) return; // Node ≥ 22.15 decodes it, and it is compressed like any other body
        assert.match(reasons[i], re, name);
      });
    } finally {
      await h.close();
    }
  },
);

test(
  'Gemini generateContent: functionResponse strings compressed; streamGenerateContent keeps ?alt=sse and ' + 'streams',
  async () => {
    const h = await startHarness((req) =>
      req.url.includes('stream')
        ? {
            chunks: [
              'data: {"candidates":[{"content":{"parts":[{"text":"a"}]}}]}\r\n\r\n',
              'data: {"candidates":[{"content":{"parts":[{"text":"b"}]}}]}\r\n\r\n',
            ],
            delayMs: 10,
          }
        : { body: { candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] } }] } },
    );
    try {
      const body = JSON.stringify({
        contents: [
          { role: 'user', parts: [{ text: 'why?' }] },
          { role: 'model', parts: [{ functionCall: { name: 'run_shell_command', args: { command: 'cat log' } } }] },
          { role: 'user', parts: [{ functionResponse: { name: 'run_shell_command', response: { output: log } } }] },
        ],
        tools: [{ functionDeclarations: [{ name: 'run_shell_command', parameters: { type: 'OBJECT' } }] }],
      });
      const r = await rawRequest(`${h.proxy.url}/v1beta/models/gemini-test:generateContent`, {
        headers: { 'content-type': 'application/json', 'x-goog-api-key': 'g-secret' },
        body,
      });
      assert.equal(r.status, 200);
      const got = h.provider.received[0];
      assert.equal(got.url, '/v1beta/models/gemini-test:generateContent');
      assert.equal(got.headers['x-goog-api-key'], 'g-secret');
      assert.equal(
        got.text,
        body
          .replace(JSON.stringify(log), JSON.stringify(headLines(log).output))
          .replace('"parameters":{"type":"OBJECT"}}]', `"parameters":{"type":"OBJECT"}},${RETRIEVE_TOOL_JSON.gemini}]`),
        "only the unit changed, and the retrieve declaration joined the client's own",
      );

      const s = await rawRequest(`${h.proxy.url}/v1beta/models/gemini-test:streamGenerateContent?alt=sse`, {
        headers: { 'content-type': 'application/json' },
        body,
      });
      assert.equal(h.provider.received[1].url, '/v1beta/models/gemini-test:streamGenerateContent?alt=sse');
      assert.match(s.text, /"text":"a"[\s\S]*"text":"b"/);
      await until(h.proxy.events, 'request', () => (h.store as MemoryStore).requests.length >= 1);
      assert.equal((h.store as MemoryStore).requests[0].model, 'gemini-test');
    } finally {
      await h.close();
    }
  },
);

test(
  'other paths pass through untouched and unbuffered (no size limit), to the family their prefix and headers ' + 'name',
  async () => {
    const h = await startHarness((req) => ({ body: { path: req.url, method: req.method, bytes: req.body.length } }), {
      maxBodyBytes: 10_000,
    });
    try {
      const m = await rawRequest(`${h.proxy.url}/v1/models?limit=5`, {
        method: 'GET',
        headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      });
      assert.deepEqual(JSON.parse(m.text), { path: '/v1/models?limit=5', method: 'GET', bytes: 0 });
      const emb = '{"model":"text-embedding-3-small",   "input":["a","b"]}';
      await rawRequest(`${h.proxy.url}/v1/embeddings`, {
        headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
        body: emb,
      });
      assert.equal(h.provider.received[1].text, emb);
      assert.equal(h.provider.received[1].headers.authorization, 'Bearer x');
      const upload = Buffer.alloc(200_000, 7);
      const f = await rawRequest(`${h.proxy.url}/v1/files`, {
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(upload.length) },
        body: upload,
      });
      assert.equal(
        JSON.parse(f.text).bytes,
        upload.length,
        'a 200 KB upload passes a 10 KB limit: only conversations are buffered',
      );
      assert.ok(h.provider.received[2].body.equals(upload));
      // a conversation afterwards is recorded; by the time it is, nothing else was
      const sentinel = JSON.stringify({
        model: 'claude-sentinel',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'hi' }],
      });
      await rawRequest(`${h.proxy.url}/v1/messages`, {
        headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
        body: sentinel,
      });
      await until(h.proxy.events, 'request', () => (h.store as MemoryStore).requests.length >= 1);
      assert.deepEqual(
        (h.store as MemoryStore).requests.map((r) => r.model),
        ['claude-sentinel'],
        'passthrough paths are not counted as LLM requests',
      );
    } finally {
      await h.close();
    }
  },
);

test("the provider's compressed response reaches the client as the same bytes, content-encoding kept", async () => {
  const answer = gzipSync(JSON.stringify(anthropicJson([{ type: 'text', text: 'zipped answer' }])));
  const h = await startHarness(() => ({ body: answer, headers: { 'content-encoding': 'gzip' } }));
  try {
    for (const body of [
      oddBody,
      JSON.stringify({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] }),
    ]) {
      const r = await rawRequest(`${h.proxy.url}/v1/messages`, {
        headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
        body,
      });
      assert.equal(r.headers['content-encoding'], 'gzip');
      assert.ok(r.body.equals(answer), 'byte for byte, not decoded');
    }
    assert.equal(
      h.provider.received[0].headers['accept-encoding'],
      'identity',
      'a watched response is asked for uncompressed',
    );
    assert.equal(
      h.provider.received[1].headers['accept-encoding'],
      'gzip',
      "an unwatched one keeps the client's accept-encoding",
    );
  } finally {
    await h.close();
  }
});

test('invalid UTF-8 elsewhere in the body survives byte for byte while the unit is compressed', async () => {
  const h = await startHarness(reply);
  try {
    const [head, tail] = oddBody.split('"zzz_unknown" : {');
    const body = Buffer.concat([
      Buffer.from(head + '"zzz_unknown" : {"raw": "'),
      Buffer.from([0xff, 0xfe, 0x41]),
      Buffer.from('", ' + tail),
    ]);
    await rawRequest(`${h.proxy.url}/v1/messages`, { headers: { 'content-type': 'application/json' }, body });
    const got = h.provider.received[0].body;
    const expected = Buffer.concat([
      Buffer.from(head + '"zzz_unknown" : {"raw": "'),
      Buffer.from([0xff, 0xfe, 0x41]),
      Buffer.from('", ' + oddExpected.split('"zzz_unknown" : {')[1]),
    ]);
    assert.ok(got.equals(expected));
  } finally {
    await h.close();
  }
});
