/**
 * Builders for the replies a scripted provider sends, shaped like the real APIs' streams and bodies: each event's and
 * body's envelope (ids aside) is the recorded one (test/fixtures/providers/), only the content is this reply's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordedChunks } from './recorded-stream.js';

const FIXTURES = join(__dirname, '..', 'fixtures', 'providers');

type Json = Record<string, any>;
/** The data of each event of a recorded stream (test/fixtures/providers/, scripts/capture-provider-fixtures.mjs). */
function recordedData(name: string): Json[] {
  return recordedChunks(name)
    .map((c) => /^data: (.*)$/m.exec(c.toString('utf8'))?.[1] ?? '')
    .filter((d) => d.startsWith('{'))
    .map((d) => JSON.parse(d) as Json);
}
const recordedBody = (name: string): Json => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Json;
/** A recorded event of a type (Anthropic's and Responses' `type` field). */
const recordedEvent = (name: string, type: string): Json => recordedData(name).find((d) => d.type === type)!;

export type AnthropicBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'thinking'; thinking: string; signature: string };

const ev = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const halves = (s: string) =>
  [s.slice(0, Math.ceil(s.length / 2)), s.slice(Math.ceil(s.length / 2))].filter((x) => x.length);

export function anthropicSse(blocks: AnthropicBlock[], opts: { id?: string; stop?: string } = {}): string[] {
  const stop = opts.stop ?? (blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
  // the message the recorded stream starts with (its usage fields included), under this reply's id
  const start = recordedEvent('anthropic.final', 'message_start').message as Json;
  const out = [ev('message_start', { message: { ...start, id: opts.id ?? 'msg_1' } }), ev('ping', {})];
  blocks.forEach((b, index) => {
    if (b.type === 'text') {
      out.push(ev('content_block_start', { index, content_block: { type: 'text', text: '' } }));
      for (const t of halves(b.text))
        out.push(ev('content_block_delta', { index, delta: { type: 'text_delta', text: t } }));
    } else if (b.type === 'thinking') {
      out.push(ev('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
      out.push(ev('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: b.thinking } }));
      out.push(ev('content_block_delta', { index, delta: { type: 'signature_delta', signature: b.signature } }));
    } else {
      out.push(
        ev('content_block_start', { index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } }),
      );
      for (const p of halves(JSON.stringify(b.input)))
        out.push(ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: p } }));
    }
    out.push(ev('content_block_stop', { index }));
  });
  const { usage } = recordedEvent('anthropic.final', 'message_delta');
  out.push(ev('message_delta', { delta: { stop_reason: stop, stop_sequence: null }, usage }));
  out.push(ev('message_stop', {}));
  return out;
}

export function anthropicJson(blocks: AnthropicBlock[], opts: { id?: string; stop?: string } = {}): object {
  const stop = opts.stop ?? (blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
  return { ...recordedBody('anthropic.final.json'), id: opts.id ?? 'msg_1', content: blocks, stop_reason: stop };
}

export interface ToolCall {
  id: string;
  name: string;
  args: string;
}

const data = (o: object) => `data: ${JSON.stringify(o)}\n\n`;

/** Chat chunks in the recorded envelope (`object`, `created`, `model`; `logprobs: null` on each choice). */
export function chatSse(opts: { id?: string; text?: string; calls?: ToolCall[]; usage?: boolean }): string[] {
  const id = opts.id ?? 'chatcmpl-1';
  const recorded = recordedData('openai-chat.final');
  const { id: _id, choices: _choices, ...envelope } = recorded[0];
  const chunk = (delta: object, finish: string | null = null) =>
    data({ id, ...envelope, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
  const out = [chunk({ role: 'assistant', content: '' })];
  for (const t of halves(opts.text ?? '')) out.push(chunk({ content: t }));
  (opts.calls ?? []).forEach((c, index) => {
    out.push(chunk({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] }));
    for (const a of halves(c.args)) out.push(chunk({ tool_calls: [{ index, function: { arguments: a } }] }));
  });
  out.push(chunk({}, opts.calls?.length ? 'tool_calls' : 'stop'));
  if (opts.usage) out.push(data({ ...recorded.find((d) => d.usage)!, id }));
  out.push('data: [DONE]\n\n');
  return out;
}

export function chatJson(opts: { id?: string; text?: string; calls?: ToolCall[] }): object {
  const message: Record<string, unknown> = { role: 'assistant', content: opts.text ?? null };
  if (opts.calls?.length)
    message.tool_calls = opts.calls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.name, arguments: c.args },
    }));
  const finish_reason = opts.calls?.length ? 'tool_calls' : 'stop';
  return {
    ...recordedBody('openai-chat.final.json'),
    id: opts.id ?? 'chatcmpl-1',
    choices: [{ index: 0, message, finish_reason, logprobs: null }],
  };
}

export type ResponsesItem =
  | { type: 'message'; id: string; text: string }
  | { type: 'function_call'; id: string; call_id: string; name: string; arguments: string };

function fullItem(i: ResponsesItem): object {
  return i.type === 'message'
    ? {
        id: i.id,
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: i.text, annotations: [] }],
      }
    : {
        id: i.id,
        type: 'function_call',
        status: 'completed',
        call_id: i.call_id,
        name: i.name,
        arguments: i.arguments,
      };
}

export function responsesJson(opts: { id?: string; items: ResponsesItem[] }): object {
  return { ...recordedBody('openai-responses.final.json'), id: opts.id ?? 'resp_1', output: opts.items.map(fullItem) };
}

export function responsesSse(opts: { id?: string; items: ResponsesItem[] }): string[] {
  let seq = 0;
  const e = (type: string, d: object) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq++, ...d })}\n\n`;
  // the response object as the recorded stream announces it (its fields and their order), under this reply's id
  const base = { ...recordedEvent('openai-responses.final', 'response.created').response, id: opts.id ?? 'resp_1' };
  const done = recordedEvent('openai-responses.final', 'response.completed').response;
  const out = [
    e('response.created', { response: { ...base, status: 'in_progress' } }),
    e('response.in_progress', { response: { ...base, status: 'in_progress' } }),
  ];
  opts.items.forEach((item, output_index) => {
    if (item.type === 'message') {
      out.push(
        e('response.output_item.added', {
          output_index,
          item: { id: item.id, type: 'message', role: 'assistant', status: 'in_progress', content: [] },
        }),
      );
      out.push(
        e('response.content_part.added', {
          item_id: item.id,
          output_index,
          content_index: 0,
          part: { type: 'output_text', text: '', annotations: [] },
        }),
      );
      for (const d of halves(item.text))
        out.push(
          e('response.output_text.delta', { item_id: item.id, output_index, content_index: 0, delta: d, logprobs: [] }),
        );
      out.push(e('response.output_text.done', { item_id: item.id, output_index, content_index: 0, text: item.text }));
      out.push(
        e('response.content_part.done', {
          item_id: item.id,
          output_index,
          content_index: 0,
          part: { type: 'output_text', text: item.text, annotations: [] },
        }),
      );
    } else {
      out.push(
        e('response.output_item.added', {
          output_index,
          item: { ...fullItem(item), status: 'in_progress', arguments: '' },
        }),
      );
      for (const d of halves(item.arguments))
        out.push(e('response.function_call_arguments.delta', { item_id: item.id, output_index, delta: d }));
      out.push(
        e('response.function_call_arguments.done', { item_id: item.id, output_index, arguments: item.arguments }),
      );
    }
    out.push(e('response.output_item.done', { output_index, item: fullItem(item) }));
  });
  out.push(
    e('response.completed', {
      response: { ...base, status: 'completed', output: opts.items.map(fullItem), usage: done.usage },
    }),
  );
  return out;
}

export type GeminiPart =
  | { text: string }
  | { functionCall: { name: string; args: object; id?: string }; thoughtSignature?: string };

/** One Gemini GenerateContentResponse; `final` adds finishReason and usage. */
export function geminiResponse(
  parts: GeminiPart[],
  opts: { id?: string; final?: boolean; prompt?: number; out?: number } = {},
): object {
  const candidate: Record<string, unknown> = { content: { role: 'model', parts }, index: 0 };
  if (opts.final) candidate.finishReason = 'STOP';
  const r: Record<string, unknown> = {
    candidates: [candidate],
    modelVersion: 'gemini-test',
    responseId: opts.id ?? 'resp-1',
  };
  if (opts.final)
    r.usageMetadata = {
      promptTokenCount: opts.prompt ?? 100,
      candidatesTokenCount: opts.out ?? 10,
      totalTokenCount: (opts.prompt ?? 100) + (opts.out ?? 10),
    };
  return r;
}

/** `streamGenerateContent?alt=sse`: one `data:` event per response, CRLF-separated as Google sends them. */
export function geminiSse(responses: object[]): string[] {
  return responses.map((r) => `data: ${JSON.stringify(r)}\r\n\r\n`);
}

/** A tool call as Ollama sends it: whole, arguments an object (ollama api/types.go `ToolCall`). */
export interface OllamaCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

/**
 * Ollama's chat answer, streamed: one NDJSON line per socket write, its text in the recorded lines' pieces and
 * shape (test/fixtures/providers/ollama-chat.final.chunks.txt: `{model, created_at, message, done}`, then the `done`
 * line with `done_reason` and the metrics).
 */
export function ollamaNdjson(opts: { text?: string; calls?: OllamaCall[]; evalCount?: number }): string[] {
  const [first, ...rest] = recordedLines('ollama-chat.final');
  const done = rest.at(-1)!;
  const lines: Record<string, unknown>[] = halves(opts.text ?? '').map((t) => ({
    ...first,
    message: { role: 'assistant', content: t },
  }));
  if (opts.calls?.length)
    lines.push({ ...first, message: { role: 'assistant', content: '', tool_calls: opts.calls.map(ollamaCall) } });
  lines.push({ ...done, ...(opts.evalCount !== undefined ? { eval_count: opts.evalCount } : {}) });
  return lines.map((l) => JSON.stringify(l) + '\n');
}

/** Ollama's chat answer with `"stream": false`: the recorded final object with this message. */
export function ollamaJson(opts: { text?: string; calls?: OllamaCall[] }): object {
  const message: Record<string, unknown> = { role: 'assistant', content: opts.text ?? '' };
  if (opts.calls?.length) message.tool_calls = opts.calls.map(ollamaCall);
  return { ...recordedBody('ollama-chat.final.json'), message };
}

const ollamaCall = (c: OllamaCall, index: number) => ({
  id: c.id,
  function: { index, name: c.name, arguments: c.args },
});

function recordedLines(name: string): Record<string, unknown>[] {
  return recordedChunks(name).map((c) => JSON.parse(c.toString('utf8')) as Record<string, unknown>);
}
