import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startHarness } from '../helpers/proxy-harness.js';
import { anthropicJson, anthropicSse, type AnthropicBlock } from '../helpers/provider-replies.js';
import { toolLog } from '../helpers/line-compress.js';
import { until } from '../helpers/wait.js';
import type { Received } from '../helpers/fake-provider.js';
import type { MemoryStore } from '../helpers/memory-store.js';
import type { RetrievalRecord } from '../../core/ccr/store-types.js';

const log = toolLog(8);
const rest = log.split('\n').slice(3).join('\n'); // what the test compressor leaves out, behind its marker
const tools = [
  { name: 'Bash', input_schema: { type: 'object' as const, properties: { command: { type: 'string' } } } },
];
const params = {
  model: 'claude-test',
  max_tokens: 100,
  tools,
  messages: [
    { role: 'user' as const, content: 'what did job 8040 do?' },
    {
      role: 'assistant' as const,
      content: [{ type: 'tool_use' as const, id: 'toolu_1', name: 'Bash', input: { command: 'cat w.log' } }],
    },
    { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: 'toolu_1', content: log }] },
  ],
};

const markerId = (r: Received) => /lines omitted · retrieve (hr_[0-9a-f]{16})/.exec(r.text)![1];
const retrieveCall = (id: string, n = 1): AnthropicBlock => ({
  type: 'tool_use',
  id: `toolu_r${n}`,
  name: 'headroom_retrieve',
  input: { id },
});
type Msg = {
  role: string;
  content: { type: string; tool_use_id?: string; content?: string; is_error?: boolean; name?: string }[];
};

function scripted(stream: boolean, rounds: (req: Received, n: number) => AnthropicBlock[]) {
  let n = 0;
  return (req: Received) => {
    const blocks = rounds(req, ++n);
    return stream
      ? { chunks: anthropicSse(blocks, { id: `msg_${n}` }), delayMs: 5 }
      : { body: anthropicJson(blocks, { id: `msg_${n}` }) };
  };
}

for (const stream of [true, false]) {
  test(
    `Anthropic ${stream ? 'stream' : 'JSON'}: a retrieve call is answered from the store and the client sees one ` +
      `coherent message`,
    async () => {
      const h = await startHarness(
        scripted(stream, (req, n) =>
          n === 1
            ? [
                { type: 'thinking', thinking: 'need the rest', signature: 'sig1' },
                { type: 'text', text: 'Let me look at the omitted lines.' },
                retrieveCall(markerId(req)),
              ]
            : [{ type: 'text', text: 'Job 8040 took 28ms.' }],
        ),
      );
      const retrievals: RetrievalRecord[] = [];
      h.proxy.events.on('retrieval', (r) => retrievals.push(r));
      try {
        const client = new Anthropic({ apiKey: 'k', baseURL: h.proxy.url });
        const msg = stream ? await client.messages.stream(params).finalMessage() : await client.messages.create(params);
        assert.deepEqual(
          msg.content.map((b) => b.type),
          ['thinking', 'text', 'text'],
        );
        assert.equal((msg.content[2] as Anthropic.TextBlock).text, 'Job 8040 took 28ms.');
        assert.equal(msg.stop_reason, 'end_turn');

        assert.equal(h.provider.received.length, 2, 'the provider saw the retrieve round');
        const second = h.provider.received[1].json<{ messages: Msg[] }>();
        const [assistant, answer] = second.messages.slice(-2);
        assert.equal(assistant.role, 'assistant');
        assert.deepEqual(
          assistant.content.map((b) => b.type),
          ['thinking', 'text', 'tool_use'],
        );
        assert.equal(answer.content[0].type, 'tool_result');
        assert.equal(answer.content[0].tool_use_id, 'toolu_r1');
        assert.equal(answer.content[0].content, rest, 'the exact omitted text');
        // the continuation extends the first request: its bytes up to the end of the messages array are unchanged
        const first = h.provider.received[0].text;
        const cut = first.lastIndexOf(']}]') + 2;
        assert.equal(h.provider.received[1].text.slice(0, cut), first.slice(0, cut));

        await until(h.proxy.events, 'retrieval', () => (h.store as MemoryStore).retrievals.length >= 1);
        assert.equal(retrievals.length, 1);
        assert.equal(retrievals[0].found, true);
        assert.equal(retrievals[0].via, 'proxy');
        assert.equal((h.store as MemoryStore).retrievals.length, 1);
      } finally {
        await h.close();
      }
    },
  );

  test(
    `Anthropic ${stream ? 'stream' : 'JSON'}: a retrieve next to a real tool call is dropped, the real call ` +
      `reaches the client renumbered`,
    async () => {
      const h = await startHarness(
        scripted(stream, (req) => [
          retrieveCall(markerId(req)),
          { type: 'tool_use', id: 'toolu_bash', name: 'Bash', input: { command: 'ls' } },
        ]),
      );
      try {
        const client = new Anthropic({ apiKey: 'k', baseURL: h.proxy.url });
        const msg = stream ? await client.messages.stream(params).finalMessage() : await client.messages.create(params);
        assert.equal(msg.content.length, 1);
        assert.deepEqual(msg.content[0], {
          type: 'tool_use',
          id: 'toolu_bash',
          name: 'Bash',
          input: { command: 'ls' },
        });
        assert.equal(msg.stop_reason, 'tool_use');
        assert.equal(h.provider.received.length, 1);
      } finally {
        await h.close();
      }
    },
  );
}

test(
  'Anthropic stream: rounds are bounded (3), unknown ids get an error result, and the client gets a closed ' +
    'message saying so',
  async () => {
    const h = await startHarness(
      scripted(true, (_req, n) => [{ type: 'text', text: `try ${n}. ` }, retrieveCall('hr_00000000deadbeef', n)]),
    );
    try {
      const client = new Anthropic({ apiKey: 'k', baseURL: h.proxy.url });
      const msg = await client.messages.stream(params).finalMessage();
      assert.equal(h.provider.received.length, 4, 'first request + 3 retrieval rounds');
      assert.deepEqual(
        msg.content.map((b) => (b as Anthropic.TextBlock).text),
        [
          'try 1. ',
          'try 2. ',
          'try 3. ',
          'try 4. ',
          '[headroom: stopped after 3 headroom_retrieve rounds in one answer; hr_00000000deadbeef was not retrieved. ' +
            'Call headroom_retrieve again to get it.]',
        ],
      );
      assert.equal(msg.stop_reason, 'end_turn');
      const last = h.provider.received[3].json<{ messages: Msg[] }>().messages.at(-1)!;
      assert.equal(last.content[0].is_error, true);
      assert.match(last.content[0].content!, /no content is stored under "hr_00000000deadbeef"/);
      await until(h.proxy.events, 'retrieval', () => (h.store as MemoryStore).retrievals.length >= 3);
      assert.deepEqual(
        (h.store as MemoryStore).retrievals.map((r) => r.found),
        [false, false, false],
      );
    } finally {
      await h.close();
    }
  },
);

test('the retrieve tool stays in every later request of the session, even one with nothing to compress', async () => {
  const h = await startHarness(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }));
  try {
    const client = new Anthropic({ apiKey: 'k', baseURL: h.proxy.url });
    // first turn: nothing to compress, no tool
    await client.messages.create({ ...params, messages: [params.messages[0]] });
    await client.messages.create(params); // a compressed unit: the tool is added
    const small = [
      ...params.messages.slice(0, 2),
      { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: 'toolu_1', content: 'short' }] },
    ];
    await client.messages.create({ ...params, messages: small }); // same session, nothing compressed: the tool stays
    await client.messages.create({ ...params, messages: [{ role: 'user' as const, content: 'another session' }] });
    const hasTool = h.provider.received.map((r) => r.text.includes('"headroom_retrieve"'));
    assert.deepEqual(hasTool, [false, true, true, false]);
  } finally {
    await h.close();
  }
});

test(
  'Anthropic stream on the wire: one message_start, one message_stop, block indexes 0..n-1 in order, no retrieve ' +
    'block',
  async () => {
    const h = await startHarness(
      scripted(true, (req, n) =>
        n === 1
          ? [{ type: 'text', text: 'Checking.' }, retrieveCall(markerId(req))]
          : [
              { type: 'text', text: 'Found it.' },
              { type: 'tool_use', id: 'toolu_next', name: 'Bash', input: { command: 'ls' } },
            ],
      ),
    );
    try {
      const res = await fetch(`${h.proxy.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...params, stream: true }),
      });
      const text = await res.text();
      const events = text
        .split('\n\n')
        .filter(Boolean)
        .map(
          (e) =>
            JSON.parse(
              e
                .split('\n')
                .find((l) => l.startsWith('data: '))!
                .slice(6),
            ) as { type: string; index?: number; content_block?: { name?: string } },
        );
      const types = events.map((e) => e.type);
      assert.equal(types.filter((t) => t === 'message_start').length, 1);
      assert.equal(types.filter((t) => t === 'message_stop').length, 1);
      assert.equal(types.filter((t) => t === 'message_delta').length, 1);
      assert.equal(types.at(-1), 'message_stop');
      const starts = events.filter((e) => e.type === 'content_block_start');
      assert.deepEqual(
        starts.map((e) => e.index),
        [0, 1, 2],
      );
      assert.ok(starts.every((e) => e.content_block?.name !== 'headroom_retrieve'));
      assert.ok(!text.includes('headroom_retrieve'));
    } finally {
      await h.close();
    }
  },
);

test('Anthropic JSON: an answer naming no retrieve call goes on as is; an escaped name is still seen', async () => {
  // the first answer's bytes, as a provider could write them: odd spacing, key order, a \u-escaped tool name
  const plain =
    '{ "type":"message","id":"msg_plain", "role":"assistant","content":[{"type":"text","text":"ok"}],' +
    '"stop_reason":"end_turn","model":"claude-test","usage":{"input_tokens":3,"output_tokens":1} }';
  let n = 0;
  const h = await startHarness((req) => {
    n++;
    if (n === 1) return { body: plain, headers: { 'content-type': 'application/json' } };
    if (n === 2) {
      const call = JSON.stringify(retrieveCall(markerId(req))).replace('headroom_retrieve', '\\u0068eadroom_retrieve');
      return {
        body:
          `{"type":"message","id":"msg_esc","role":"assistant","content":[${call}],"stop_reason":"tool_use",` +
          `"model":"claude-test","usage":{"input_tokens":3,"output_tokens":1}}`,
        headers: { 'content-type': 'application/json' },
      };
    }
    return { body: anthropicJson([{ type: 'text', text: 'Job 8040 took 28ms.' }]) };
  });
  try {
    const send = () =>
      fetch(`${h.proxy.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
        body: JSON.stringify(params),
      });
    assert.equal(await (await send()).text(), plain, 'passed on exactly, without a round');
    const answered = (await (await send()).json()) as { content: { type: string; text?: string }[] };
    assert.deepEqual(answered.content, [{ type: 'text', text: 'Job 8040 took 28ms.' }]);
    assert.equal(h.provider.received.length, 3, 'the escaped retrieve call was answered in a round');
  } finally {
    await h.close();
  }
});
