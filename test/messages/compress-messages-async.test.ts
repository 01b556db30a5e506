import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { compressMessages } from '../../core/messages/compress-messages.js';
import { compressMessagesAsync } from '../../core/messages/compress-messages-async.js';
import { compressAsync } from '../../core/prose-model/compress-async.js';
import { ProseModel } from '../../core/prose-model/service.js';
import { recordOutcome } from '../../core/ccr/record-outcome.js';
import type { MessagesResult } from '../../core/messages/types.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { DEFAULT_MANIFEST, ROOT, fixture } from '../prose-model/helpers.js';

const model = new ProseModel({ manifestPath: DEFAULT_MANIFEST, budgetMs: 20_000 });
test.after(() => model.close());

const question = 'Is zlib thread-safe?';

/** An OpenAI chat body whose tool results are the given texts. */
function chat(...results: string[]) {
  const messages: unknown[] = [{ role: 'user', content: question }];
  results.forEach((content, i) => {
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: `c${i}`, type: 'function', function: { name: 'WebFetch', arguments: '{}' } }],
    });
    messages.push({ role: 'tool', tool_call_id: `c${i}`, content });
  });
  return { model: 'gpt-x', messages };
}

const toolText = (body: { messages: unknown[] }, i: number): string =>
  (body.messages[2 + 2 * i] as { content: string }).content;

test('without a model it is compressMessages', async () => {
  const body = chat(fixture('gdb-readme.txt'));
  assert.deepEqual(await compressMessagesAsync(body, 'openai-chat', {}), compressMessages(body, 'openai-chat', {}));
});

test(`new prose units go through the model; a unit repeated in the request gets the same bytes; the next request is a \
memo hit`, async () => {
  const faq = fixture('zlib-faq.txt');
  const m = new MemoryStore();
  const r = await compressMessagesAsync(chat(faq, faq), 'openai-chat', { prose: model, memo: m });
  await recordOutcome(m, r);
  const expected = await compressAsync(faq, { prose: model, query: question, budgetMs: 20_000 });
  assert.equal(toolText(r.body, 0), expected.output);
  assert.equal(toolText(r.body, 1), expected.output);
  assert.match(r.units[0].prose?.engine ?? '', /^model$/);
  assert.equal(r.units[1].memoHit, true, "the repeat is the first one's bytes");
  assert.ok(
    r.records.some((x) => x.content === faq),
    'the original is among the records',
  );

  const again = await compressMessagesAsync(chat(faq, faq), 'openai-chat', { prose: model, memo: m });
  assert.deepEqual(
    again.units.map((u) => u.memoHit),
    [true, true],
  );
  assert.equal(toolText(again.body, 0), expected.output);
  assert.deepEqual(again.records, [], 'memo hits add no records');
});

test(`two concurrent requests bringing the same new unit send it in one form, whichever engine finished \
first`, async () => {
  const slow = new ProseModel({
    manifestPath: DEFAULT_MANIFEST,
    workerFile: join(ROOT, 'test/fixtures/prose/slow-worker.ts'),
  });
  try {
    const doc = fixture('valgrind-faq.txt');
    const m = new MemoryStore();
    // each request records its outcome as soon as it is decided, as the proxy does
    const sent = <T>(r: MessagesResult<T>) => recordOutcome(m, r).then(() => r);
    const [a, b] = await Promise.all([
      // the slow worker never answers, so this request waits its whole budget: long enough (not a bound on anything)
      // for the warm real model to answer the other request first even on a loaded machine, where 300 ms was not
      compressMessagesAsync(chat(doc), 'openai-chat', { prose: slow, budgetMs: 3000, memo: m }).then(sent),
      compressMessagesAsync(chat(doc), 'openai-chat', { prose: model, memo: m }).then(sent),
    ]);
    assert.equal(toolText(a.body, 0), toolText(b.body, 0));
    assert.equal(b.units[0].prose?.engine, 'model', 'the real model answered first');
    assert.equal(a.units[0].memoHit, true, 'the slow request took the bytes the other one recorded');
  } finally {
    await slow.close();
  }
});
