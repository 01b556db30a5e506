import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness } from '../helpers/proxy-harness.js';
import { anthropicSse, chatSse, responsesSse } from '../helpers/provider-replies.js';
import { toolLog } from '../helpers/line-compress.js';
import { rawRequest } from '../helpers/raw-http.js';
import { locateValues } from '../../core/wire/json-splice.js';
import { RETRIEVE_TOOL_JSON } from '../../core/proxy/retrieve-tool.js';
import { openStore } from '../../core/ccr/store.js';
import { compressMessages } from '../../core/messages/compress-messages.js';
import type { CompressBody } from '../../core/proxy/rewrite-request.js';
import type { Provider } from '../../core/messages/types.js';

const TURNS = 30;

/**
 * Tool output of turn t: mostly big logs, sometimes small (never compressed), sometimes one long line, sometimes a
 * repeat.
 */
function toolOutput(t: number): string {
  if (t % 7 === 3) return `exit 0, ${t} files changed`;
  if (t % 9 === 5) return 'x'.repeat(3000 + t); // long but one line: the test compressor leaves it as is
  if (t % 10 === 8) return toolLog(1); // the same output as an earlier turn (memo hit)
  return toolLog(t, 40 + t);
}

/**
 * Tool output the real engine compresses (access logs with one failure, JSON API listings), for the real-engine run.
 */
function realOutput(t: number): string {
  if (t % 2 === 0) {
    const rows = Array.from({ length: 60 + t }, (_, i) => ({
      id: i,
      name: `item ${i}`,
      status: i === 30 ? 'failed' : 'ok',
      price: i * 1.5 + t,
    }));
    return JSON.stringify(rows, null, 2);
  }
  const lines: string[] = [];
  for (let i = 0; i < 200 + t; i++)
    lines.push(
      `10.0.${i % 7}.${(i * t) % 250} - - ` +
        `[01/May/2024:10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} ` +
        `+0000] "GET /api/items/${i + t} HTTP/1.1" 200 ${500 + ((i * t) % 300)}`,
    );
  lines[100] =
    `10.0.0.9 - - [01/May/2024:10:20:00 +0000] "POST /api/checkout HTTP/1.1" 500 31 error="upstream timed ` + `out"`;
  return lines.join('\n') + '\n';
}

type Obj = Record<string, unknown>;
type Output = (t: number) => string;

/**
 * Claude Code's shape: model, messages, system, tools, metadata, max_tokens, stream; cache_control on the newest user
 * block.
 */
function anthropicTurn(t: number, toolOutput: Output): string {
  const messages: Obj[] = [
    {
      role: 'user',
      content: [
        { type: 'text', text: '<system-reminder>ctx</system-reminder>' },
        { type: 'text', text: 'Find why the workers are slow.' },
      ],
    },
  ];
  for (let k = 1; k < t; k++) {
    messages.push({
      role: 'assistant',
      content: [
        { type: 'text', text: `Step ${k}.` },
        { type: 'tool_use', id: `toolu_${k}`, name: 'Bash', input: { command: `step ${k}` } },
      ],
    });
    const content: Obj[] = [
      { type: 'tool_result', tool_use_id: `toolu_${k}`, content: toolOutput(k), is_error: k % 11 === 4 },
    ];
    // the user speaks up: the query changes
    if (k === 12) content.push({ type: 'text', text: 'Also check the database pool.' });
    messages.push({ role: 'user', content });
  }
  const last = messages[messages.length - 1].content as Obj[];
  last[last.length - 1] = { ...last[last.length - 1], cache_control: { type: 'ephemeral' } };
  return JSON.stringify({
    model: 'claude-sonnet-4-5',
    messages,
    system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } }],
    tools: [
      {
        name: 'Bash',
        description: 'Run a command',
        input_schema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
      },
    ],
    metadata: { user_id: 'user_abc' },
    max_tokens: 32000,
    stream: true,
  });
}

/** OpenAI clients usually put tools before messages: then the tools array sits inside the compared prefix. */
function chatTurn(t: number, toolOutput: Output): string {
  const messages: Obj[] = [
    { role: 'system', content: 'You are a coding agent.' },
    { role: 'user', content: 'Find why the workers are slow.' },
  ];
  for (let k = 1; k < t; k++) {
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: `call_${k}`, type: 'function', function: { name: 'shell', arguments: `{"cmd":"step ${k}"}` } },
      ],
    });
    messages.push({ role: 'tool', tool_call_id: `call_${k}`, content: toolOutput(k) });
  }
  return JSON.stringify({
    model: 'gpt-test',
    tools: [{ type: 'function', function: { name: 'shell', parameters: { type: 'object' } } }],
    messages,
    stream: true,
  });
}

function responsesTurn(t: number, toolOutput: Output): string {
  const input: Obj[] = [{ role: 'user', content: [{ type: 'input_text', text: 'Find why the workers are slow.' }] }];
  for (let k = 1; k < t; k++) {
    input.push({ type: 'function_call', call_id: `call_${k}`, name: 'shell', arguments: `{"cmd":"step ${k}"}` });
    input.push({ type: 'function_call_output', call_id: `call_${k}`, output: toolOutput(k) });
  }
  return JSON.stringify({
    model: 'gpt-test',
    instructions: 'Be brief.',
    input,
    tools: [{ type: 'function', name: 'shell', parameters: { type: 'object' } }],
    store: false,
    stream: true,
  });
}

interface Variant {
  provider: Provider;
  path: string;
  listKey: string;
  turn(t: number, output: Output): string;
  reply(): { chunks: string[] };
}

const VARIANTS: Variant[] = [
  {
    provider: 'anthropic',
    path: '/v1/messages?beta=true',
    listKey: 'messages',
    turn: anthropicTurn,
    reply: () => ({ chunks: anthropicSse([{ type: 'text', text: 'ok' }]) }),
  },
  {
    provider: 'openai-chat',
    path: '/v1/chat/completions',
    listKey: 'messages',
    turn: chatTurn,
    reply: () => ({ chunks: chatSse({ text: 'ok' }) }),
  },
  {
    provider: 'openai-responses',
    path: '/v1/responses',
    listKey: 'input',
    turn: responsesTurn,
    reply: () => ({ chunks: responsesSse({ items: [{ type: 'message', id: 'm', text: 'ok' }] }) }),
  },
];

const span = (text: string, path: (string | number)[]) => {
  const s = locateValues(text, [path])[0];
  assert.ok(s, `no ${path.join('.')}`);
  return text.slice(s.start, s.end);
};
const count = (text: string, key: string) => (JSON.parse(text) as Obj)[key] as unknown[];

/**
 * Replays `TURNS` turns and checks, for each turn after the first, that what went upstream the turn before — up to the
 * start of its newest message — is a byte-identical prefix of what goes upstream now, and that system and tools do
 * not change once the session has the retrieve tool. `restartAt` restarts the proxy on the same store mid-session.
 */
async function replay(
  v: Variant,
  start: () => Promise<Harness>,
  output: Output,
  restartAt?: number,
): Promise<{ upstream: string[]; compressedTurns: number }> {
  let h = await start();
  const upstream: string[] = [];
  let compressedTurns = 0;
  try {
    for (let t = 1; t <= TURNS; t++) {
      if (t === restartAt) {
        await h.close();
        h = await start();
      }
      const sent = v.turn(t, output);
      const before = h.provider.received.length;
      const r = await rawRequest(h.proxy.url + v.path, {
        headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
        body: sent,
      });
      assert.equal(r.status, 200);
      assert.match(r.text, /message_stop|\[DONE\]|response\.completed/, 'the whole streamed answer came back');
      const got = h.provider.received[before].text;
      upstream.push(got);
      if (got.length < sent.length) compressedTurns++;
      if (t === 1) continue;
      const prev = upstream[t - 2];
      const n = count(prev, v.listKey).length;
      const newestStart = locateValues(prev, [[v.listKey, n - 1]])[0]!.start;
      const hadTool = prev.includes('"headroom_retrieve"');
      if (hadTool) {
        assert.equal(got.slice(0, newestStart), prev.slice(0, newestStart), `${v.provider} turn ${t}: prefix changed`);
        assert.equal(span(got, ['tools']), span(prev, ['tools']), `${v.provider} turn ${t}: tools changed`);
      } else {
        // the session's first compressed turn adds the tool (once); apart from it the prefix is the same
        const withoutTool = got.replace(',' + RETRIEVE_TOOL_JSON[v.provider], '');
        assert.equal(
          withoutTool.slice(0, newestStart),
          prev.slice(0, newestStart),
          `${v.provider} turn ${t}: prefix changed`,
        );
      }
      if (v.provider === 'anthropic') {
        assert.equal(span(got, ['system']), span(prev, ['system']));
        // the newest message of the turn before is the same here except for the cache_control the client moved
        const strip = (s: string) => s.replace(/,"cache_control":\{"type":"ephemeral"\}/g, '');
        assert.equal(
          strip(span(got, ['messages', n - 1])),
          strip(span(prev, ['messages', n - 1])),
          `turn ${t}: previous newest message changed`,
        );
      }
    }
  } finally {
    await h.close();
  }
  return { upstream, compressedTurns };
}

for (const v of VARIANTS) {
  test(
    `30-turn ${v.provider} session: each upstream body extends the previous one byte for byte (test ` + `compressor)`,
    async () => {
      const { upstream, compressedTurns } = await replay(v, () => startHarness(v.reply), toolOutput);
      assert.ok(compressedTurns >= TURNS - 3, `compression happened (${compressedTurns} turns)`);
      const last = upstream[TURNS - 1];
      assert.equal((last.match(/"headroom_retrieve"/g) ?? []).length, 1, 'the tool appears exactly once');
      assert.ok(last.includes(JSON.stringify('x'.repeat(3005))), 'an incompressible unit stays as sent');
      assert.ok(last.includes(JSON.stringify(toolOutput(3))), 'a small unit stays as sent');
    },
  );
}

test('30-turn Anthropic session across a proxy restart: the memo in the store keeps every byte the same', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hr-replay-'));
  const stores: { close(): Promise<void> }[] = [];
  const start = async () => {
    const store = await openStore({ dir });
    stores.push(store);
    const h = await startHarness(VARIANTS[0].reply, { store });
    return { ...h, close: async () => (await h.close(), await store.close()) };
  };
  const { compressedTurns } = await replay(VARIANTS[0], start, toolOutput, 15);
  assert.ok(compressedTurns >= TURNS - 3);
  assert.equal(stores.length, 2);
});

test(
  '30-turn sessions with the real engine (compressMessages): the prefix property holds whatever it ' + 'compresses',
  async () => {
    for (const v of VARIANTS) {
      const { compressedTurns } = await replay(
        v,
        () => startHarness(v.reply, { compressBody: compressMessages as CompressBody }),
        realOutput,
      );
      assert.ok(compressedTurns > 0, `${v.provider}: the engine compressed something`);
    }
  },
);
