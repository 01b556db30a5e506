#!/usr/bin/env node
// Records what a provider sends back, chunk by chunk as the socket delivered it, for the splicer tests
// (test/providers/*-splicers.test.ts). The provider is the scripted fake of ../shared/agents/fake-provider.js, run as
// its own process on loopback; it is told to call `headroom_retrieve` (BOGUS_TOOL) so the retrieve-turn recordings
// hold a real retrieve call as that server streams one.
//
// usage: node scripts/capture-provider-fixtures.mjs [path/to/fake-provider.js]
// writes test/fixtures/providers/<provider>.<case>.chunks.txt (one line per chunk: a JSON string of its bytes read
// as latin1, so any byte survives) and <provider>.<case>.json (the non-streamed answer), plus <provider>.request.json.
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fake = resolve(process.argv[2] ?? join(root, '..', 'shared', 'agents', 'fake-provider.js'));
const out = join(root, 'test', 'fixtures', 'providers');
const LOG = 'worker-1 started job 9040\nworker-1 job 9040 done in 412 ms\n';

const freePort = () =>
  new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/** Each provider's request: one with a tool result (the fake answers with text), one without (it calls the tool). */
const PROVIDERS = {
  anthropic: {
    path: () => '/v1/messages',
    body: (stream, done) => ({
      model: 'claude-test',
      max_tokens: 100,
      stream,
      tools: [
        {
          name: 'headroom_retrieve',
          input_schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        },
      ],
      messages: [
        { role: 'user', content: 'what did job 9040 do?' },
        ...(done
          ? [
              {
                role: 'assistant',
                content: [
                  { type: 'tool_use', id: 'toolu_1', name: 'headroom_retrieve', input: { id: 'hr_0123456789abcdef' } },
                ],
              },
              { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: LOG }] },
            ]
          : []),
      ],
    }),
  },
  'openai-chat': {
    path: () => '/v1/chat/completions',
    body: (stream, done) => ({
      model: 'gpt-test',
      stream,
      ...(stream ? { stream_options: { include_usage: true } } : {}),
      tools: [
        {
          type: 'function',
          function: {
            name: 'headroom_retrieve',
            parameters: { type: 'object', properties: { id: { type: 'string' } } },
          },
        },
      ],
      messages: [
        { role: 'user', content: 'what did job 9040 do?' },
        ...(done
          ? [
              {
                role: 'assistant',
                content: null,
                tool_calls: [
                  {
                    id: 'call_1',
                    type: 'function',
                    function: { name: 'headroom_retrieve', arguments: '{"id":"hr_0123456789abcdef"}' },
                  },
                ],
              },
              { role: 'tool', tool_call_id: 'call_1', content: LOG },
            ]
          : []),
      ],
    }),
  },
  'openai-responses': {
    path: () => '/v1/responses',
    body: (stream, done) => ({
      model: 'gpt-test',
      stream,
      store: false,
      tools: [
        {
          type: 'function',
          name: 'headroom_retrieve',
          parameters: { type: 'object', properties: { id: { type: 'string' } } },
          strict: false,
        },
      ],
      input: [
        { role: 'user', content: 'what did job 9040 do?' },
        ...(done
          ? [
              {
                type: 'function_call',
                call_id: 'call_1',
                name: 'headroom_retrieve',
                arguments: '{"id":"hr_0123456789abcdef"}',
              },
              { type: 'function_call_output', call_id: 'call_1', output: LOG },
            ]
          : []),
      ],
    }),
  },
  gemini: {
    path: (stream) =>
      stream
        ? '/v1beta/models/gemini-test:streamGenerateContent?alt=sse'
        : '/v1beta/models/gemini-test:generateContent',
    body: (_stream, done) => ({
      contents: [
        { role: 'user', parts: [{ text: 'what did job 9040 do?' }] },
        ...(done
          ? [
              {
                role: 'model',
                parts: [{ functionCall: { name: 'headroom_retrieve', args: { id: 'hr_0123456789abcdef' } } }],
              },
              { role: 'user', parts: [{ functionResponse: { name: 'headroom_retrieve', response: { output: LOG } } }] },
            ]
          : []),
      ],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'headroom_retrieve',
              parametersJsonSchema: { type: 'object', properties: { id: { type: 'string' } } },
            },
          ],
        },
      ],
    }),
  },
};

function post(port, path, text) {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'k', authorization: 'Bearer k' },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode, type: res.headers['content-type'], chunks }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(text);
  });
}

const port = await freePort();
const child = spawn(process.execPath, [fake], {
  env: {
    PATH: process.env.PATH,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG: '/dev/null',
    BOGUS_TOOL: 'headroom_retrieve',
    CMD: 'hr_0123456789abcdef',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((ok) => child.stdout.once('data', ok)); // it prints one line once listening
try {
  mkdirSync(out, { recursive: true });
  for (const [name, p] of Object.entries(PROVIDERS)) {
    // the request bodies the recordings answer (the streamed retrieve turn's is what a splicer continues)
    writeFileSync(join(out, `${name}.request.json`), JSON.stringify(p.body(true, false)) + '\n');
    for (const [kase, done] of [
      ['retrieve', false],
      ['final', true],
    ]) {
      const s = await post(port, p.path(true), JSON.stringify(p.body(true, done)));
      if (s.status !== 200 || !String(s.type).includes('event-stream'))
        throw new Error(`${name} ${kase}: ${s.status} ${s.type}`);
      writeFileSync(
        join(out, `${name}.${kase}.chunks.txt`),
        s.chunks.map((c) => JSON.stringify(c.toString('latin1'))).join('\n') + '\n',
      );
      const j = await post(port, p.path(false), JSON.stringify(p.body(false, done)));
      if (j.status !== 200) throw new Error(`${name} ${kase} json: ${j.status}`);
      writeFileSync(join(out, `${name}.${kase}.json`), Buffer.concat(j.chunks).toString('utf8') + '\n');
      console.log(`${name}.${kase}: ${s.chunks.length} chunks, ${s.chunks.reduce((n, c) => n + c.length, 0)} bytes`);
    }
  }
} finally {
  child.kill();
}
