import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startHarness } from '../helpers/proxy-harness.js';
import {
  chatJson,
  chatSse,
  responsesJson,
  responsesSse,
  type ResponsesItem,
  type ToolCall,
} from '../helpers/provider-replies.js';
import { toolLog } from '../helpers/line-compress.js';
import { until } from '../helpers/wait.js';
import type { Received } from '../helpers/fake-provider.js';
import type { MemoryStore } from '../helpers/memory-store.js';

const log = toolLog(9);
const rest = log.split('\n').slice(3).join('\n');
const markerId = (r: Received) => /lines omitted · retrieve (hr_[0-9a-f]{16})/.exec(r.text)![1];

const chatParams = {
  model: 'gpt-test',
  tools: [{ type: 'function' as const, function: { name: 'shell', parameters: { type: 'object' } } }],
  messages: [
    { role: 'user' as const, content: 'what did job 9040 do?' },
    {
      role: 'assistant' as const,
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function' as const, function: { name: 'shell', arguments: '{}' } }],
    },
    { role: 'tool' as const, tool_call_id: 'call_1', content: log },
  ],
};
type ChatMsg = {
  role: string;
  content: string | null;
  tool_call_id?: string;
  tool_calls?: { id: string; function: { name: string } }[];
};

for (const stream of [true, false]) {
  test(`OpenAI chat ${stream ? 'stream' : 'JSON'}: retrieve answered in between, one coherent completion`, async () => {
    let n = 0;
    const h = await startHarness((req) => {
      n++;
      const first = {
        text: 'Looking. ',
        calls: [{ id: 'call_r', name: 'headroom_retrieve', args: JSON.stringify({ id: markerId(req) }) }],
      };
      const opts = n === 1 ? first : { id: 'chatcmpl-2', text: 'Job 9040 took 33ms.' };
      return stream ? { chunks: chatSse({ ...opts, usage: true }), delayMs: 5 } : { body: chatJson(opts) };
    });
    try {
      const client = new OpenAI({ apiKey: 'k', baseURL: h.proxy.url + '/v1' });
      let message: OpenAI.ChatCompletionMessage;
      let finish: string | null;
      if (stream) {
        const s = client.chat.completions.stream({ ...chatParams, stream_options: { include_usage: true } });
        const ids = new Set<string>();
        s.on('chunk', (c) => ids.add(c.id));
        const done = await s.finalChatCompletion();
        [message, finish] = [done.choices[0].message, done.choices[0].finish_reason];
        assert.deepEqual([...ids], ['chatcmpl-1'], 'every chunk carries the first id');
      } else {
        const done = await client.chat.completions.create(chatParams);
        [message, finish] = [done.choices[0].message, done.choices[0].finish_reason];
      }
      assert.equal(message.content, 'Looking. Job 9040 took 33ms.');
      assert.ok(!message.tool_calls?.length, 'no retrieve call reaches the client');
      assert.equal(finish, 'stop');
      assert.equal(h.provider.received.length, 2);
      const msgs = h.provider.received[1].json<{ messages: ChatMsg[] }>().messages;
      const [assistant, tool] = msgs.slice(-2);
      assert.equal(assistant.tool_calls?.[0].function.name, 'headroom_retrieve');
      assert.equal(assistant.content, 'Looking. ');
      assert.deepEqual([tool.role, tool.tool_call_id, tool.content], ['tool', 'call_r', rest]);
      await until(h.proxy.events, 'retrieval', () => (h.store as MemoryStore).retrievals.length >= 1);
      assert.equal((h.store as MemoryStore).retrievals[0]?.found, true);
    } finally {
      await h.close();
    }
  });
}

test(
  'OpenAI chat stream: a retrieve beside a real call is dropped and the real call renumbered to index ' + '0',
  async () => {
    const calls: ToolCall[] = [
      { id: 'call_r', name: 'headroom_retrieve', args: '{"id":"hr_0000000000000000"}' },
      { id: 'call_s', name: 'shell', args: '{"cmd":"ls"}' },
    ];
    const h = await startHarness(() => ({ chunks: chatSse({ calls }), delayMs: 2 }));
    try {
      const client = new OpenAI({ apiKey: 'k', baseURL: h.proxy.url + '/v1' });
      const done = await client.chat.completions.stream(chatParams).finalChatCompletion();
      const tc = done.choices[0].message.tool_calls ?? [];
      assert.equal(tc.length, 1);
      assert.equal(tc[0].id, 'call_s');
      assert.equal(tc[0].type === 'function' && tc[0].function.arguments, '{"cmd":"ls"}');
      assert.equal(done.choices[0].finish_reason, 'tool_calls');
      assert.equal(h.provider.received.length, 1);
    } finally {
      await h.close();
    }
  },
);

const respParams = (store: boolean) => ({
  model: 'gpt-test',
  instructions: 'Be brief.',
  store,
  tools: [{ type: 'function' as const, name: 'shell', parameters: { type: 'object' }, strict: false }],
  input: [
    { role: 'user' as const, content: 'what did job 9040 do?' },
    { type: 'function_call' as const, call_id: 'call_1', name: 'shell', arguments: '{}' },
    { type: 'function_call_output' as const, call_id: 'call_1', output: log },
  ],
});
type RespBody = {
  input: { type?: string; call_id?: string; output?: string; name?: string }[];
  previous_response_id?: string;
};

for (const stream of [true, false]) {
  for (const store of [false, true]) {
    test(
      `OpenAI Responses ${stream ? 'stream' : 'JSON'} (store: ${store}): retrieve answered, output items and ` +
        `sequence numbers stay coherent`,
      async () => {
        let n = 0;
        const h = await startHarness((req) => {
          n++;
          const items: ResponsesItem[] =
            n === 1
              ? [
                  { type: 'message', id: 'msg_a', text: 'Looking.' },
                  {
                    type: 'function_call',
                    id: 'fc_r',
                    call_id: 'call_r',
                    name: 'headroom_retrieve',
                    arguments: JSON.stringify({ id: markerId(req) }),
                  },
                ]
              : [{ type: 'message', id: 'msg_b', text: 'Job 9040 took 33ms.' }];
          return stream
            ? { chunks: responsesSse({ id: `resp_${n}`, items }), delayMs: 3 }
            : { body: responsesJson({ id: `resp_${n}`, items }) };
        });
        try {
          const client = new OpenAI({ apiKey: 'k', baseURL: h.proxy.url + '/v1' });
          let response: OpenAI.Responses.Response;
          if (stream) {
            const s = await client.responses.create({ ...respParams(store), stream: true });
            const seqs: number[] = [];
            const indexes: number[] = [];
            let final: OpenAI.Responses.Response | undefined;
            for await (const ev of s) {
              seqs.push(ev.sequence_number);
              if (ev.type === 'response.output_item.added') indexes.push(ev.output_index);
              if (ev.type === 'response.completed') final = ev.response;
              assert.ok(
                !('item' in ev) || (ev.item as { name?: string }).name !== 'headroom_retrieve',
                'no retrieve item reaches the client',
              );
            }
            assert.deepEqual(
              seqs,
              seqs.map((_, i) => i),
              'sequence numbers continue without gaps',
            );
            assert.deepEqual(indexes, [0, 1], 'output indexes continue across the rounds');
            response = final!;
          } else response = await client.responses.create(respParams(store));
          assert.deepEqual(
            response.output.map((i) => i.type),
            ['message', 'message'],
          );
          assert.equal(response.output_text ?? '', stream ? '' : 'Looking.Job 9040 took 33ms.');
          assert.equal(h.provider.received.length, 2);
          const second = h.provider.received[1].json<RespBody>();
          const out = second.input.at(-1)!;
          assert.deepEqual([out.type, out.call_id, out.output], ['function_call_output', 'call_r', rest]);
          if (store) {
            assert.equal(second.previous_response_id, 'resp_1', 'a stored conversation continues by id');
            assert.equal(second.input.length, 1);
          } else {
            assert.equal(second.input.length, 3 + 2 + 1, 'a stateless one resends input + round items + output');
            assert.equal(second.input[4].name, 'headroom_retrieve');
          }
        } finally {
          await h.close();
        }
      },
    );
  }
}
