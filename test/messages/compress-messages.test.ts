import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressMessages } from '../../core/messages/compress-messages.js';
import { recordOutcome } from '../../core/ccr/record-outcome.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { contentId } from '../../core/util/hash.js';

/** A tool result the engine will compress: 400 near-identical log lines with one error. */
function bigLog(seed: number): string {
  const out: string[] = [];
  for (let i = 0; i < 400; i++)
    out.push(
      `2024-05-01T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z INFO GET ` +
        `/api/items/${i * seed} 200 in ${(i * 7) % 90}ms`,
    );
  out.splice(200, 0, '2024-05-01T10:03:20Z ERROR payment gateway refused connection: ECONNREFUSED 10.0.0.7:443');
  return out.join('\n');
}

test('Anthropic: tool_result strings and text blocks compressed; everything else is the same object', () => {
  const system = [{ type: 'text', text: 'You are a coding agent.', cache_control: { type: 'ephemeral' } }];
  const tools = [{ name: 'Bash', description: 'run', input_schema: { type: 'object' } }];
  const thinking = { type: 'thinking', thinking: 'hmm', signature: 'sig' };
  const body = {
    model: 'claude-x',
    system,
    tools,
    unknown_field: { keep: true },
    messages: [
      { role: 'user', content: 'why does checkout fail?' },
      {
        role: 'assistant',
        content: [thinking, { type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'cat app.log' } }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: bigLog(1) }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't2', name: 'Bash', input: { command: 'cat b.log' } }] },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 't2',
            content: [{ type: 'text', text: bigLog(3) }],
            cache_control: { type: 'ephemeral' },
          },
        ],
      },
    ],
  };
  const r = compressMessages(body, 'anthropic');
  assert.equal(r.query, 'why does checkout fail?');
  assert.equal(r.units.length, 2);
  assert.ok(
    r.units.every((u) => u.compressed),
    JSON.stringify(r.units.map((u) => u.reason)),
  );
  const m = r.body.messages;
  assert.equal(r.body.system, system);
  assert.equal(r.body.tools, tools);
  assert.equal(r.body.unknown_field, body.unknown_field);
  assert.equal(m[0], body.messages[0]);
  assert.equal(m[1], body.messages[1]);
  assert.deepEqual(Object.keys(r.body), Object.keys(body));
  const first = (m[2].content as { content: string }[])[0].content;
  assert.ok(first.length < bigLog(1).length / 3);
  assert.ok(first.includes('ECONNREFUSED 10.0.0.7:443'));
  const block = (m[4].content as { content: { text: string }[]; cache_control: unknown }[])[0];
  assert.deepEqual(block.cache_control, { type: 'ephemeral' });
  assert.ok(block.content[0].text.length < bigLog(3).length / 3);
  // the input was not mutated
  assert.equal((body.messages[2].content as { content: string }[])[0].content, bigLog(1));
  // every record is exact: the original of each unit is stored under originalId
  for (const u of r.units) assert.equal(r.records.find((x) => x.id === u.originalId)?.content, u.original);
});

test('OpenAI chat role:tool and Responses function_call_output', () => {
  const chat = {
    model: 'gpt-x',
    messages: [
      { role: 'system', content: 'sys' },
      { role: 'user', content: [{ type: 'text', text: 'find the error' }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"logs/app.log"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: bigLog(2) },
    ],
  };
  const rc = compressMessages(chat, 'openai-chat');
  assert.equal(rc.query, 'find the error');
  assert.equal(rc.units[0].toolName, 'read_file');
  assert.ok(rc.units[0].compressed);
  assert.notEqual(rc.body.messages[3].content, bigLog(2));

  const resp = {
    model: 'gpt-x',
    instructions: 'sys',
    input: [
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'what failed' }] },
      { type: 'function_call', call_id: 'c1', name: 'shell', arguments: '{"command":["cat","x.log"]}' },
      { type: 'function_call_output', call_id: 'c1', output: bigLog(5) },
    ],
  };
  const rr = compressMessages(resp, 'openai-responses');
  assert.equal(rr.query, 'what failed');
  assert.ok(rr.units[0].compressed);
  assert.equal(rr.body.input[0], resp.input[0]);
  assert.ok((rr.body.input[2] as { output: string }).output.includes('ECONNREFUSED'));
});

test('Gemini functionResponse string fields', () => {
  const body = {
    contents: [
      { role: 'user', parts: [{ text: 'check the log' }] },
      { role: 'model', parts: [{ functionCall: { name: 'run_shell_command', args: { command: 'cat x' } } }] },
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'run_shell_command', response: { output: bigLog(4), exitCode: 0 } } }],
      },
    ],
  };
  const r = compressMessages(body, 'gemini');
  assert.equal(r.units.length, 1);
  assert.ok(r.units[0].compressed);
  const resp = (r.body.contents[2].parts[0] as { functionResponse: { response: { output: string; exitCode: number } } })
    .functionResponse.response;
  assert.equal(resp.exitCode, 0);
  assert.ok(resp.output.length < bigLog(4).length);
});

test('memo: a unit gets the same bytes in every later request, even when the query changes', async () => {
  const mk = (q: string, n: number) => ({
    messages: [
      { role: 'user', content: q },
      ...Array.from({ length: n }, (_, i) => [
        { role: 'assistant', content: [{ type: 'tool_use', id: 't' + i, name: 'Bash', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't' + i, content: bigLog(i + 1) }] },
      ]).flat(),
    ],
  });
  const mem = new MemoryStore();
  const r1 = compressMessages(mk('why slow', 1), 'anthropic', { memo: mem });
  await recordOutcome(mem, r1);
  const r2 = compressMessages(mk('items 37 and 99 please', 2), 'anthropic', {
    memo: mem,
    query: 'items 37 and 99 please',
  });
  assert.equal(r2.units[0].memoHit, true);
  assert.equal(r2.units[0].output, r1.units[0].output);
  assert.equal(r2.units[1].memoHit, false);
  assert.equal(
    r2.records.some((x) => x.id === r1.units[0].originalId),
    false,
    'memo hits add no records',
  );
});

test('memo: a unit first sent uncompressed stays uncompressed', async () => {
  const mem = new MemoryStore();
  const text = 'plain words here. '.repeat(60); // long enough, but nothing worth dropping
  const body = { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x', content: text }] }] };
  const r1 = compressMessages(body, 'anthropic', { memo: mem });
  assert.equal(r1.units[0].compressed, false);
  assert.equal(mem.memo.size, 0, 'the engine writes nothing; the caller records what it sent');
  await recordOutcome(mem, r1);
  assert.equal(mem.memo.size, 1);
  const r2 = compressMessages(body, 'anthropic', { memo: mem });
  assert.equal(r2.units[0].memoHit, true);
  assert.equal(r2.body, body);
});

test('results of headroom_retrieve are never compressed again', () => {
  const body = {
    messages: [
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'r1', name: 'headroom_retrieve', input: { id: 'hr_0123456789abcdef' } }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'r1', content: bigLog(1) }] },
    ],
  };
  const r = compressMessages(body, 'anthropic');
  assert.equal(r.units[0].compressed, false);
  assert.equal(r.body, body);
});

test('odd shapes pass through without throwing', () => {
  for (const b of [
    null,
    42,
    'x',
    [],
    { messages: 'nope' },
    { messages: [null, 1, { role: 'tool' }, { content: [null] }] },
    { input: 'just a string' },
    { contents: [{ parts: [{ functionResponse: { response: null } }] }] },
  ])
    for (const p of ['anthropic', 'openai-chat', 'openai-responses', 'gemini'] as const) {
      const r = compressMessages(b, p);
      assert.equal(r.body, b);
    }
});

test('each unit carries the content id of its text (textId), compressed or not, memo hit or not', () => {
  const incompressible = Array.from(
    { length: 40 },
    (_, i) => `${(i * 7919) % 104729} ${String.fromCharCode(65 + (i % 26))}`,
  )
    .join(' ')
    .repeat(3);
  const body = {
    messages: [
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'a', content: bigLog(3) }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'b', content: incompressible }] },
    ],
  };
  const memo = new MemoryStore();
  const first = compressMessages(body, 'anthropic', { memo });
  for (const m of first.memo) memo.putMemo(m.key, m.entry);
  const again = compressMessages(body, 'anthropic', { memo });
  for (const r of [first, again])
    for (const u of r.units) {
      assert.equal(u.textId, contentId(u.original));
      if (u.compressed) assert.equal(u.originalId, u.textId);
    }
  assert.deepEqual(
    first.units.map((u) => u.compressed),
    [true, false],
  );
  assert.ok(again.units.every((u) => u.memoHit));
});
