import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
import { startHarness } from '../helpers/proxy-harness.js';
import { PROTOCOLS, sseEvents, type RetrieveProtocol } from '../helpers/retrieve-protocols.js';
import type { Reply } from '../helpers/fake-provider.js';

// Issue 16.2: when the continuation after a retrieve round failed (429/500/401, or no answer), the client got 200 with
// an empty message — status and retry-after lost. Now: JSON gets the provider's own response; a stream already open
// ends with its protocol's error event.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire JSON read in assertions
type Obj = Record<string, any>;

/** What each protocol's stream error looks like to its clients: the error's kind and message. */
const streamError: Record<
  string,
  (ev: { event?: string; data: string }) => { kind: string; message: string } | undefined
> = {
  Anthropic: (ev) =>
    ev.event === 'error'
      ? { kind: (JSON.parse(ev.data) as Obj).error.type, message: (JSON.parse(ev.data) as Obj).error.message }
      : undefined,
  'OpenAI chat': (ev) => {
    const e = (JSON.parse(ev.data) as Obj).error;
    return e ? { kind: e.type, message: e.message } : undefined;
  },
  'OpenAI Responses': (ev) => {
    const d = JSON.parse(ev.data) as Obj;
    return d.type === 'response.failed'
      ? { kind: d.response.error.code, message: d.response.error.message }
      : undefined;
  },
  Gemini: (ev) => {
    const e = (JSON.parse(ev.data) as Obj).error;
    return e ? { kind: e.status, message: e.message } : undefined;
  },
};
/** Text that only a successfully closed answer carries. */
const SUCCESS_END: Record<string, RegExp> = {
  Anthropic: /message_stop/,
  'OpenAI chat': /\[DONE\]/,
  'OpenAI Responses': /response\.completed/,
  Gemini: /finishReason/,
};
/** The provider's own error kind for a 429 (kept as it is), and what the proxy maps a 500 / 401 / no answer to. */
const KINDS: Record<string, { 429: string; 500: string; 401: string; 504: string }> = {
  Anthropic: { 429: 'rate_limit_error', 500: 'api_error', 401: 'authentication_error', 504: 'timeout_error' },
  'OpenAI chat': { 429: 'rate_limit_exceeded', 500: 'server_error', 401: 'invalid_api_key', 504: 'server_error' },
  'OpenAI Responses': { 429: 'rate_limit_exceeded', 500: 'server_error', 401: 'invalid_api_key', 504: 'server_error' },
  Gemini: { 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 401: 'UNAUTHENTICATED', 504: 'DEADLINE_EXCEEDED' },
};

interface Failure {
  name: string;
  status: 429 | 500 | 401 | 504;
  reply(p: RetrieveProtocol): Reply;
  message: RegExp;
}
const FAILURES: Failure[] = [
  {
    name: '429 with retry-after',
    status: 429,
    reply: (p) => ({
      status: 429,
      headers: { 'retry-after': '7' },
      body: p.errorBody(429, KINDS[p.name][429], 'slow down'),
    }),
    message: /answered 429 during a headroom_retrieve round \(retry-after: 7\): slow down/,
  },
  {
    name: '500 with a plain-text body',
    status: 500,
    reply: () => ({ status: 500, headers: { 'content-type': 'text/plain' }, body: 'upstream exploded' }),
    message: /answered 500 .*: upstream exploded/,
  },
  {
    name: '401',
    status: 401,
    reply: (p) => ({
      status: 401,
      body: p.errorBody(
        401,
        p.name === 'Anthropic' ? 'authentication_error' : p.name === 'Gemini' ? 'UNAUTHENTICATED' : 'invalid_api_key',
        'bad key',
      ),
    }),
    message: /answered 401 .*: bad key/,
  },
  {
    name: 'no answer',
    status: 504,
    reply: () => ({ hang: true }),
    message: /no answer from the provider during a headroom_retrieve round: upstream sent nothing for 300 ms/,
  },
];

async function send(
  url: string,
  p: RetrieveProtocol,
  stream: boolean,
): Promise<{ status: number; headers: Headers; text: string }> {
  const r = await fetch(url + p.path(stream), { method: 'POST', headers: p.headers, body: p.body(stream) });
  return { status: r.status, headers: r.headers, text: await r.text() };
}

for (const p of PROTOCOLS) {
  for (const stream of [true, false]) {
    test(
      `${p.name} ${stream ? 'stream' : 'JSON'}: a failed retrieval round reaches the client as the provider's ` +
        `error, never as an empty answer`,
      async () => {
        for (const f of FAILURES) {
          let n = 0;
          // only the case about a silent provider runs with a short idle timeout: elsewhere a busy machine's pause
          // between two chunks must not read as the provider going silent
          const idle = f.status === 504 ? 300 : 60_000;
          const h = await startHarness((req) => (++n === 1 ? p.retrieveTurn(req, stream, n) : f.reply(p)), {
            upstreamIdleTimeoutMs: idle,
          });
          try {
            const r = await send(h.proxy.url, p, stream);
            assert.equal(h.provider.received.length, 2, `${f.name}: the continuation went upstream`);
            if (stream) {
              assert.equal(r.status, 200, 'the stream was already open');
              const events = sseEvents(r.text);
              const err = streamError[p.name](events.at(-1)!);
              assert.ok(err, `${f.name}: the stream ends with an error event, got ${JSON.stringify(events.at(-1))}`);
              assert.equal(err.kind, KINDS[p.name][f.status], f.name);
              assert.match(err.message, f.message);
              assert.doesNotMatch(r.text, SUCCESS_END[p.name], `${f.name}: no success ending`);
            } else if (f.status === 504) {
              assert.equal(r.status, 504);
              assert.match((JSON.parse(r.text) as Obj).error.message, f.message);
            } else {
              const sent = f.reply(p);
              assert.equal(r.status, f.status, f.name);
              assert.equal(
                r.text,
                typeof sent.body === 'string' ? sent.body : JSON.stringify(sent.body),
                `${f.name}: the provider's body, byte for byte`,
              );
              if (sent.headers?.['retry-after']) assert.equal(r.headers.get('retry-after'), '7');
            }
          } finally {
            await h.close();
          }
        }
      },
    );

    test(`${p.name} ${stream ? 'stream' : 'JSON'}: the round limit is said in the answer`, async () => {
      let n = 0;
      const h = await startHarness((req) => p.retrieveTurn(req, stream, ++n), { maxRetrieveRounds: 1 });
      try {
        const r = await send(h.proxy.url, p, stream);
        assert.equal(r.status, 200);
        assert.equal(h.provider.received.length, 2, 'the first request and one retrieval round');
        assert.match(
          r.text,
          new RegExp(
            /\[headroom: stopped after 1 headroom_retrieve round in one answer; /.source +
              /hr_[0-9a-f]{16} was not retrieved\. Call headroom_retrieve again to get it\.\]/.source,
          ),
        );
        if (stream) assert.match(r.text, SUCCESS_END[p.name], 'the answer is closed');
        assert.ok(!r.text.includes('"headroom_retrieve"'), 'no retrieve call reaches the client');
      } finally {
        await h.close();
      }
    });
  }
}

test('the SDKs raise the provider error of a failed retrieval round (429: status, type, retry-after)', async () => {
  const byName = Object.fromEntries(PROTOCOLS.map((p) => [p.name, p]));
  const failing = (p: RetrieveProtocol, stream: boolean) => {
    let n = 0;
    return startHarness((req) => (++n === 1 ? p.retrieveTurn(req, stream, n) : FAILURES[0].reply(p)));
  };
  const tools = [{ name: 'Bash', input_schema: { type: 'object' as const } }];
  const anthropicParams = JSON.parse(byName.Anthropic.body(false)) as Anthropic.MessageCreateParamsNonStreaming;

  let h = await failing(byName.Anthropic, false);
  try {
    const client = new Anthropic({ apiKey: 'k', baseURL: h.proxy.url, maxRetries: 0 });
    await assert.rejects(client.messages.create({ ...anthropicParams, tools }), (e: unknown) => {
      assert.ok(e instanceof Anthropic.RateLimitError, String(e));
      assert.equal(e.headers?.get('retry-after'), '7');
      return true;
    });
  } finally {
    await h.close();
  }

  h = await failing(byName.Anthropic, true);
  try {
    const client = new Anthropic({ apiKey: 'k', baseURL: h.proxy.url, maxRetries: 0 });
    await assert.rejects(client.messages.stream({ ...anthropicParams, tools }).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof Anthropic.APIError, String(e));
      assert.equal((e.error as Obj).error.type, 'rate_limit_error');
      assert.match(e.message, /answered 429 .*retry-after: 7/);
      return true;
    });
  } finally {
    await h.close();
  }

  h = await failing(byName['OpenAI chat'], true);
  try {
    const client = new OpenAI({ apiKey: 'k', baseURL: h.proxy.url + '/v1', maxRetries: 0 });
    const params = JSON.parse(byName['OpenAI chat'].body(true)) as OpenAI.ChatCompletionCreateParamsStreaming;
    await assert.rejects(client.chat.completions.stream(params).finalChatCompletion(), (e: unknown) => {
      assert.ok(e instanceof OpenAI.APIError, String(e));
      assert.match(e.message, /answered 429 .*slow down/);
      return true;
    });
  } finally {
    await h.close();
  }

  h = await failing(byName.Gemini, true);
  try {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: h.proxy.url } });
    const { contents, tools: gTools } = JSON.parse(byName.Gemini.body(true)) as { contents: []; tools: [] };
    await assert.rejects(
      (async () => {
        for await (const _ of await ai.models.generateContentStream({
          model: 'gemini-test',
          contents,
          config: { tools: gTools },
        }))
          void _;
      })(),
      (e: unknown) => {
        assert.equal((e as { status?: number }).status, 429, String(e));
        return true;
      },
    );
  } finally {
    await h.close();
  }
});
