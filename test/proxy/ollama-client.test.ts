import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ollama, type Message } from 'ollama';
import { startHarness } from '../helpers/proxy-harness.js';
import { ollamaJson, ollamaNdjson } from '../helpers/provider-replies.js';
import { headLines, toolLog } from '../helpers/line-compress.js';
import { captureFetch, type Sent } from '../helpers/capture-fetch.js';
import { markerId } from '../helpers/retrieve-protocols.js';
import { until } from '../helpers/wait.js';
import { RETRIEVE_TOOL_JSON } from '../../core/providers/index.js';
import type { MemoryStore } from '../helpers/memory-store.js';

/**
 * The official Ollama client (ollama-js, as Continue's and Cline's Ollama providers speak the same `/api/chat`)
 * through the proxy to a scripted Ollama on 127.0.0.1 that answers in Ollama's own NDJSON and JSON shapes.
 */
const tools = [
  {
    type: 'function',
    function: {
      name: 'read_file',
      description: 'read a file',
      parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    },
  },
];

function messages(log: string): Message[] {
  return [
    { role: 'system', content: 'You are a coding agent.' },
    { role: 'user', content: 'why is the build slow?' },
    {
      role: 'assistant',
      content: '',
      tool_calls: [{ function: { name: 'read_file', arguments: { path: 'build.log' } } }],
    },
    { role: 'tool', content: log, tool_name: 'read_file' },
  ];
}

/** What the provider must receive: the client's bytes with the tool result compressed and the retrieve tool added. */
function expected(sent: string, original: string): string {
  const toolsJson = JSON.stringify(tools);
  assert.ok(sent.includes(JSON.stringify(original)) && sent.includes(toolsJson));
  return sent
    .replace(JSON.stringify(original), JSON.stringify(headLines(original).output))
    .replace(toolsJson, toolsJson.slice(0, -1) + ',' + RETRIEVE_TOOL_JSON['ollama-chat'] + ']');
}

const ndjson = { 'content-type': 'application/x-ndjson' };

test('ollama-js chat, streamed: the tool result compressed, the rest byte-identical, the answer intact', async () => {
  const h = await startHarness(() => ({ headers: ndjson, chunks: ollamaNdjson({ text: 'It waits on the lock.' }) }));
  try {
    const sent: Sent[] = [];
    const client = new Ollama({
      host: h.proxy.url,
      fetch: captureFetch(sent),
      headers: { authorization: 'Bearer k1' },
    });
    const log = toolLog(4);
    // fields the proxy knows nothing of (and images in a message) are forwarded as the client wrote them
    const stream = await client.chat({
      model: 'qwen-test',
      messages: [...messages(log), { role: 'user', content: 'and this?', images: ['iVBORw0KGgo='] }],
      tools,
      stream: true,
      keep_alive: '5m',
      think: false,
      options: { num_ctx: 8192, temperature: 0 },
    });
    let text = '';
    let last: { done: boolean; eval_count: number } | undefined;
    for await (const part of stream) {
      text += part.message.content;
      last = part;
    }
    assert.equal(text, 'It waits on the lock.');
    assert.equal(last?.done, true);
    assert.equal(last?.eval_count, 23, "Ollama's metrics reach the client");
    const got = h.provider.received[0];
    assert.equal(got.url, '/api/chat');
    assert.equal(got.text, expected(sent[0].body, log));
    assert.equal(got.headers.authorization, 'Bearer k1');
    await until(h.proxy.events, 'request', () => (h.store as MemoryStore).requests.length >= 1);
    const rec = (h.store as MemoryStore).requests[0];
    assert.equal(rec.provider, 'ollama-chat');
    assert.equal(rec.model, 'qwen-test');
    assert.ok(rec.tokensAfter < rec.tokensBefore, 'the record shows the saving');
  } finally {
    await h.close();
  }
});

test('ollama-js chat with stream:false: the JSON answer reaches the client as Ollama sent it', async () => {
  const reply = ollamaJson({ text: 'The lock is held by job 9040.' });
  const h = await startHarness(() => ({ body: reply }));
  try {
    const client = new Ollama({ host: h.proxy.url });
    const res = await client.chat({ model: 'qwen-test', messages: messages(toolLog(5)), stream: false });
    assert.deepEqual(JSON.parse(JSON.stringify(res)), reply);
    assert.ok(!h.provider.received[0].text.includes(JSON.stringify(toolLog(5))), 'compressed');
  } finally {
    await h.close();
  }
});

test('an Ollama error (model not pulled) reaches ollama-js as its ResponseError, status and message', async () => {
  const message = 'model "qwen-missing" not found, try pulling it first';
  const h = await startHarness(() => ({ status: 404, body: { error: message } }));
  try {
    const client = new Ollama({ host: h.proxy.url });
    await assert.rejects(
      client.chat({ model: 'qwen-missing', messages: messages(toolLog(6)), stream: true }),
      (err: Error & { status_code?: number }) => err.message === message && err.status_code === 404,
    );
  } finally {
    await h.close();
  }
});

test('a retrieve round in the stream: the model gets the original, the client one answer, no call', async () => {
  const h = await startHarness((req) =>
    req.seq === 1
      ? {
          headers: ndjson,
          chunks: ollamaNdjson({
            calls: [{ id: 'call_r1', name: 'headroom_retrieve', args: { id: markerId(req) } }],
            evalCount: 18,
          }),
        }
      : { headers: ndjson, chunks: ollamaNdjson({ text: 'FINAL: job 9040 held the lock.', evalCount: 23 }) },
  );
  try {
    const client = new Ollama({ host: h.proxy.url });
    const log = toolLog(7);
    const stream = await client.chat({ model: 'qwen-test', messages: messages(log), tools, stream: true });
    const parts = [];
    for await (const part of stream) parts.push(part);
    assert.equal(parts.map((p) => p.message.content).join(''), 'FINAL: job 9040 held the lock.');
    assert.ok(!JSON.stringify(parts).includes('headroom_retrieve'), 'the retrieve call never reaches the client');
    assert.equal(parts.filter((p) => p.done).length, 1, 'one done line, the last');
    assert.equal(parts.at(-1)?.eval_count, 18 + 23, "both rounds' tokens are counted");
    assert.equal(h.provider.received.length, 2);
    const second = h.provider.received[1].json<{ messages: Record<string, unknown>[] }>();
    const answer = second.messages.at(-1)!;
    assert.equal(answer.role, 'tool');
    assert.equal(answer.tool_name, 'headroom_retrieve');
    assert.equal(answer.tool_call_id, 'call_r1');
    assert.ok(log.endsWith(String(answer.content)), 'the omitted lines, exactly');
    const call = second.messages.at(-2)!;
    assert.equal(JSON.stringify(call.tool_calls).includes('headroom_retrieve'), true, "the model's own call");
    const first = h.provider.received[0].text;
    assert.ok(h.provider.received[1].text.startsWith(first.slice(0, first.lastIndexOf(']', first.indexOf('"tools"')))));
  } finally {
    await h.close();
  }
});

test("a retrieve round the provider refuses ends the client's stream with Ollama's error line", async () => {
  const h = await startHarness((req) =>
    req.seq === 1
      ? {
          headers: ndjson,
          chunks: ollamaNdjson({ calls: [{ id: 'call_r1', name: 'headroom_retrieve', args: { id: markerId(req) } }] }),
        }
      : { status: 500, body: { error: 'llama runner process has terminated' } },
  );
  try {
    const client = new Ollama({ host: h.proxy.url });
    const stream = await client.chat({ model: 'qwen-test', messages: messages(toolLog(8)), tools, stream: true });
    await assert.rejects(
      (async () => {
        for await (const _ of stream);
      })(),
      /llama runner process has terminated/,
    );
  } finally {
    await h.close();
  }
});

test("Ollama's other calls pass through to its base: the model list", async () => {
  const tags = { models: [{ name: 'qwen-test:latest', size: 1 }] };
  const h = await startHarness(() => ({ body: tags }));
  try {
    const client = new Ollama({ host: h.proxy.url });
    const res = await client.list();
    assert.deepEqual(JSON.parse(JSON.stringify(res)), tags);
    assert.equal(h.provider.received[0].url, '/api/tags');
  } finally {
    await h.close();
  }
});

test('a retrieve round with stream:false: one merged answer, the call gone, both rounds counted', async () => {
  const h = await startHarness((req) =>
    req.seq === 1
      ? {
          body: {
            ...ollamaJson({ calls: [{ id: 'call_r1', name: 'headroom_retrieve', args: { id: markerId(req) } }] }),
            eval_count: 18,
          },
        }
      : { body: ollamaJson({ text: 'FINAL: job 9040 held the lock.' }) },
  );
  try {
    const client = new Ollama({ host: h.proxy.url });
    const res = await client.chat({ model: 'qwen-test', messages: messages(toolLog(9)), tools, stream: false });
    assert.equal(res.message.content, 'FINAL: job 9040 held the lock.');
    assert.equal(res.message.tool_calls, undefined, 'no retrieve call reaches the client');
    assert.equal(res.eval_count, 18 + 23);
    const answer = h.provider.received[1].json<{ messages: Record<string, unknown>[] }>().messages.at(-1)!;
    assert.equal(answer.tool_name, 'headroom_retrieve');
    assert.ok(toolLog(9).endsWith(String(answer.content)));
  } finally {
    await h.close();
  }
});

test('the round limit ends the stream with a done line and says so in the answer', async () => {
  const h = await startHarness(
    (req) => ({
      headers: ndjson,
      chunks: ollamaNdjson({
        calls: [{ id: `call_r${req.seq}`, name: 'headroom_retrieve', args: { id: markerId(req) } }],
      }),
    }),
    { maxRetrieveRounds: 1 },
  );
  try {
    const client = new Ollama({ host: h.proxy.url });
    const stream = await client.chat({ model: 'qwen-test', messages: messages(toolLog(10)), tools, stream: true });
    const parts = [];
    for await (const part of stream) parts.push(part);
    assert.equal(h.provider.received.length, 2, 'one continued round, then the limit');
    assert.equal(parts.at(-1)?.done, true);
    assert.match(parts.map((p) => p.message.content).join(''), /retriev/i, 'the note says a retrieve was stopped');
    assert.ok(!JSON.stringify(parts).includes('call_r'), 'no retrieve call reaches the client');
  } finally {
    await h.close();
  }
});
