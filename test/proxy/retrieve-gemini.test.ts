import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleGenAI, type Content, type GenerateContentResponse } from '@google/genai';
import { startHarness } from '../helpers/proxy-harness.js';
import { geminiResponse, geminiSse } from '../helpers/provider-replies.js';
import { toolLog } from '../helpers/line-compress.js';
import { until } from '../helpers/wait.js';
import type { Received } from '../helpers/fake-provider.js';
import type { MemoryStore } from '../helpers/memory-store.js';

const log = toolLog(9);
const rest = log.split('\n').slice(3).join('\n');
const markerId = (r: Received) => /lines omitted · retrieve (hr_[0-9a-f]{16})/.exec(r.text)![1];

/** A Gemini CLI-shaped conversation: the shell tool ran, its output is the function response. */
const contents: Content[] = [
  { role: 'user', parts: [{ text: 'what did job 9040 do?' }] },
  {
    role: 'model',
    parts: [{ functionCall: { id: 'shell_1', name: 'run_shell_command', args: { command: 'cat worker.log' } } }],
  },
  {
    role: 'user',
    parts: [{ functionResponse: { id: 'shell_1', name: 'run_shell_command', response: { output: log } } }],
  },
];
const tools = [
  {
    functionDeclarations: [
      {
        name: 'run_shell_command',
        description: 'Run a shell command',
        parametersJsonSchema: { type: 'object', properties: { command: { type: 'string' } } },
      },
    ],
  },
];

type Sent = {
  contents: Array<{ role: string; parts: Array<Record<string, unknown>> }>;
  tools: Array<{ functionDeclarations: Array<{ name: string }> }>;
};
const textOf = (r: GenerateContentResponse) =>
  (r.candidates?.[0]?.content?.parts ?? []).map((p) => p.text ?? '').join('');
const callsOf = (r: GenerateContentResponse) =>
  (r.candidates?.[0]?.content?.parts ?? []).filter((p) => p.functionCall).map((p) => p.functionCall!.name ?? '');

for (const stream of [true, false]) {
  test(
    `Gemini ${stream ? 'stream (alt=sse)' : 'generateContent'}: the retrieve tool is declared, its call answered ` +
      `in between, one coherent answer`,
    async () => {
      let n = 0;
      const h = await startHarness((req) => {
        n++;
        const call = {
          functionCall: { name: 'headroom_retrieve', args: { id: markerId(req) } },
          thoughtSignature: 'c2lnbmF0dXJl',
        };
        if (n === 1)
          return stream
            ? {
                chunks: geminiSse([
                  geminiResponse([{ text: 'Looking. ' }]),
                  geminiResponse([call], { final: true, prompt: 100, out: 5 }),
                ]),
                delayMs: 5,
              }
            : { body: geminiResponse([{ text: 'Looking. ' }, call], { final: true, prompt: 100, out: 5 }) };
        const answer = geminiResponse([{ text: 'Job 9040 took 33ms.' }], {
          id: 'resp-2',
          final: true,
          prompt: 400,
          out: 8,
        });
        return stream ? { chunks: geminiSse([answer]), delayMs: 5 } : { body: answer };
      });
      try {
        const ai = new GoogleGenAI({ apiKey: 'g-key', httpOptions: { baseUrl: h.proxy.url } });
        const params = { model: 'gemini-test', contents, config: { tools } };
        let text = '';
        const calls: string[] = [];
        const ids = new Set<string>();
        let usage: GenerateContentResponse['usageMetadata'];
        if (stream) {
          for await (const chunk of await ai.models.generateContentStream(params)) {
            text += textOf(chunk);
            calls.push(...callsOf(chunk));
            if (chunk.responseId) ids.add(chunk.responseId);
            usage = chunk.usageMetadata ?? usage;
          }
          assert.deepEqual([...ids], ['resp-1'], 'every chunk carries the first response id');
        } else {
          const r = await ai.models.generateContent(params);
          [text, usage] = [textOf(r), r.usageMetadata];
          calls.push(...callsOf(r));
          assert.equal(r.candidates?.[0]?.finishReason, 'STOP');
        }
        assert.equal(text, 'Looking. Job 9040 took 33ms.');
        assert.deepEqual(calls, [], 'no retrieve call reaches the client');
        assert.equal(usage?.promptTokenCount, 500, 'usage counts both rounds');
        assert.equal(usage?.candidatesTokenCount, 13);

        assert.equal(h.provider.received.length, 2);
        const first = h.provider.received[0].json<Sent>();
        assert.deepEqual(
          first.tools[0].functionDeclarations.map((f) => f.name),
          ['run_shell_command', 'headroom_retrieve'],
          "declared beside the client's own functions",
        );
        assert.equal(first.tools.length, 1);
        const second = h.provider.received[1].json<Sent>();
        const [model, user] = second.contents.slice(-2);
        assert.equal(model.role, 'model');
        const retrieveCall = model.parts.find((p) => p.functionCall) as {
          functionCall: { name: string };
          thoughtSignature: string;
        };
        assert.equal(retrieveCall.functionCall.name, 'headroom_retrieve');
        assert.equal(retrieveCall.thoughtSignature, 'c2lnbmF0dXJl', 'the thought signature goes back as it came');
        assert.deepEqual(user, {
          role: 'user',
          parts: [{ functionResponse: { name: 'headroom_retrieve', response: { output: rest } } }],
        });
        assert.ok(h.provider.received[1].url.startsWith(h.provider.received[0].url.split('?')[0]), 'same endpoint');
        await until(h.proxy.events, 'retrieval', () => (h.store as MemoryStore).retrievals.length >= 1);
        assert.equal((h.store as MemoryStore).retrievals[0]?.found, true);
      } finally {
        await h.close();
      }
    },
  );
}

test('Gemini stream: a retrieve beside a real call is dropped, the real call passes, no second round', async () => {
  const h = await startHarness(() => ({
    chunks: geminiSse([
      geminiResponse(
        [
          { functionCall: { name: 'headroom_retrieve', args: { id: 'hr_0000000000000000' } } },
          { functionCall: { name: 'run_shell_command', args: { command: 'ls' } } },
        ],
        { final: true },
      ),
    ]),
  }));
  try {
    const ai = new GoogleGenAI({ apiKey: 'g-key', httpOptions: { baseUrl: h.proxy.url } });
    const calls: string[] = [];
    for await (const chunk of await ai.models.generateContentStream({
      model: 'gemini-test',
      contents,
      config: { tools },
    }))
      calls.push(...callsOf(chunk));
    assert.deepEqual(calls, ['run_shell_command']);
    assert.equal(h.provider.received.length, 1);
  } finally {
    await h.close();
  }
});

test(
  'Gemini streamGenerateContent without alt=sse (a JSON array stream) gets no retrieve tool: nothing could answer ' +
    'it',
  async () => {
    const h = await startHarness(() => ({ body: [geminiResponse([{ text: 'ok' }], { final: true })] }));
    try {
      const body = JSON.stringify({ contents, tools });
      const r = await fetch(`${h.proxy.url}/v1beta/models/gemini-test:streamGenerateContent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': 'k' },
        body,
      });
      assert.equal(r.status, 200);
      await r.text();
      const sent = h.provider.received[0].json<Sent>();
      assert.deepEqual(
        sent.tools[0].functionDeclarations.map((f) => f.name),
        ['run_shell_command'],
      );
      assert.ok(h.provider.received[0].text.includes('lines omitted'), 'the unit is still compressed');
    } finally {
      await h.close();
    }
  },
);
