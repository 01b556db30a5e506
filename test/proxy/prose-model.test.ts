import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startHarness } from '../helpers/proxy-harness.js';
import { chatJson } from '../helpers/provider-replies.js';
import { until } from '../helpers/wait.js';
import { ProseModel } from '../../core/prose-model/service.js';
import { compressAsync } from '../../core/prose-model/compress-async.js';
import { compress } from '../../core/compress.js';
import type { MemoryStore } from '../helpers/memory-store.js';
import { DEFAULT_MANIFEST, ROOT, fixture } from '../prose-model/helpers.js';

const question = 'Is zlib thread-safe?';

/** A chat conversation whose one tool result is a fetched documentation page (real prose). */
function messages(page: string, extraTurn = false): OpenAI.ChatCompletionMessageParam[] {
  const m: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You are a coding agent.' },
    { role: 'user', content: question },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: { name: 'WebFetch', arguments: '{"url":"https://zlib.net/zlib_faq.html"}' },
        },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: page },
  ];
  if (extraTurn)
    m.push({ role: 'assistant', content: 'It is, with caveats.' }, { role: 'user', content: 'Which caveats?' });
  return m;
}

const sentTool = (text: string): string => {
  const body = JSON.parse(text) as { messages: Array<{ role: string; content: string }> };
  return body.messages.find((x) => x.role === 'tool')!.content;
};

test(
  'proxy with the prose model: a fetched page is pruned by the model, recorded as such, and sent identically on ' +
    'the next turn',
  async () => {
    const model = new ProseModel({ manifestPath: DEFAULT_MANIFEST });
    const h = await startHarness(() => ({ body: chatJson({ text: 'Yes.' }) }), {
      compressBody: undefined,
      prose: { model, budgetMs: 20_000 },
    });
    try {
      const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${h.proxy.url}/v1` });
      const page = fixture('zlib-faq.txt');
      await client.chat.completions.create({ model: 'gpt-test', messages: messages(page) });
      await until(h.proxy.events, 'request', () => (h.store as MemoryStore).requests.length >= 1);
      const first = sentTool(h.provider.received[0].text);
      const expected = await compressAsync(page, { prose: model, query: question, budgetMs: 20_000 });
      assert.equal(expected.prose?.engine, 'model', expected.prose?.fallbackReason);
      assert.equal(first, expected.output, "the model's output went upstream");
      assert.notEqual(first, compress(page, { query: question }).output, 'not the extractive one');
      assert.ok(first.includes('thread-safe'));

      const rec = (h.store as MemoryStore).requests[0];
      assert.match(rec.units[0].prose ?? '', /^prose model headroom-prose-v1/);
      assert.equal(h.store.get(rec.units[0].originalId!), page);

      // next turn: the same tool result is a memo hit and goes upstream byte-identical (the provider's cache prefix)
      await client.chat.completions.create({ model: 'gpt-test', messages: messages(page, true) });
      await until(h.proxy.events, 'request', () => (h.store as MemoryStore).requests.length >= 2);
      assert.equal(sentTool(h.provider.received[1].text), first);
      const rec2 = (h.store as MemoryStore).requests[1];
      assert.equal(rec2.units[0].memoHit, true);
      assert.equal(rec2.units[0].prose, undefined, 'memo hits carry no engine: nothing ran');
    } finally {
      await h.close();
      await model.close();
    }
  },
);

test(
  'proxy with a model that never answers: the request waits at most its budget and goes out extractively ' +
    'compressed',
  async () => {
    const slow = new ProseModel({
      manifestPath: DEFAULT_MANIFEST,
      workerFile: join(ROOT, 'test/fixtures/prose/slow-worker.ts'),
    });
    const h = await startHarness(() => ({ body: chatJson({ text: 'Yes.' }) }), {
      compressBody: undefined,
      prose: { model: slow, budgetMs: 150 },
    });
    try {
      const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${h.proxy.url}/v1` });
      const page = fixture('zlib-faq.txt');
      const docs = fixture('gdb-readme.txt');
      // two prose units in one request share the one budget
      const m = messages(page);
      m.push({
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_2', type: 'function', function: { name: 'Read', arguments: '{"file_path":"README"}' } },
        ],
      });
      m.push({ role: 'tool', tool_call_id: 'call_2', content: docs });
      await client.chat.completions.create({ model: 'gpt-test', messages: m });
      await until(h.proxy.events, 'request', () => (h.store as MemoryStore).requests.length >= 1);
      const body = JSON.parse(h.provider.received[0].text) as { messages: Array<{ role: string; content: string }> };
      const tools = body.messages.filter((x) => x.role === 'tool').map((x) => x.content);
      assert.equal(tools[0], compress(page, { query: question }).output);
      assert.equal(tools[1], compress(docs, { query: question, fileName: 'README' }).output);
      const rec = (h.store as MemoryStore).requests[0];
      for (const u of rec.units) {
        // each unit's wait is what was left of the request's one budget, never a budget of its own
        const waited = Number(/^extractive \(the model did not answer within (\d+) ms\b/.exec(u.prose ?? '')?.[1]);
        assert.ok(waited > 0 && waited <= 150, u.prose);
      }
    } finally {
      await h.close();
      await slow.close();
    }
  },
);
