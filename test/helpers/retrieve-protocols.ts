import type { Received, Reply } from './fake-provider.js';
import { toolLog } from './line-compress.js';
import {
  anthropicJson,
  anthropicSse,
  chatJson,
  chatSse,
  geminiResponse,
  geminiSse,
  responsesJson,
  responsesSse,
} from './provider-replies.js';

/**
 * The four protocols whose responses the proxy answers `headroom_retrieve` calls in, as a table: a request carrying a
 * compressible tool result, the provider's retrieve-only turn, and an error body in the family's own shape.
 */
export interface RetrieveProtocol {
  name: string;
  path(stream: boolean): string;
  headers: Record<string, string>;
  body(stream: boolean): string;
  /** A turn holding nothing but one `headroom_retrieve` call for the marker in `req`. */
  retrieveTurn(req: Received, stream: boolean, n: number): Reply;
  /** The provider's error body for a status and message. */
  errorBody(status: number, type: string, message: string): object;
}

const log = toolLog(9);
export const markerId = (r: Received): string =>
  /lines omitted · retrieve (hr_[0-9a-f]{16})/.exec(r.text)?.[1] ?? 'hr_0000000000000000';
const json = { 'content-type': 'application/json' };

export const PROTOCOLS: RetrieveProtocol[] = [
  {
    name: 'Anthropic',
    path: () => '/v1/messages',
    headers: { ...json, 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
    body: (stream) =>
      JSON.stringify({
        model: 'claude-test',
        max_tokens: 100,
        stream,
        tools: [{ name: 'Bash', input_schema: { type: 'object' } }],
        messages: [
          { role: 'user', content: 'what did job 9040 do?' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: log }] },
        ],
      }),
    retrieveTurn: (req, stream, n) => {
      const blocks = [
        { type: 'tool_use' as const, id: `toolu_r${n}`, name: 'headroom_retrieve', input: { id: markerId(req) } },
      ];
      return stream
        ? { chunks: anthropicSse(blocks, { id: `msg_${n}` }), delayMs: 2 }
        : { body: anthropicJson(blocks, { id: `msg_${n}` }) };
    },
    errorBody: (_status, type, message) => ({ type: 'error', error: { type, message } }),
  },
  {
    name: 'OpenAI chat',
    path: () => '/v1/chat/completions',
    headers: { ...json, authorization: 'Bearer k' },
    body: (stream) =>
      JSON.stringify({
        model: 'gpt-test',
        stream,
        tools: [{ type: 'function', function: { name: 'shell', parameters: { type: 'object' } } }],
        messages: [
          { role: 'user', content: 'what did job 9040 do?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'shell', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'call_1', content: log },
        ],
      }),
    retrieveTurn: (req, stream, n) => {
      const calls = [{ id: `call_r${n}`, name: 'headroom_retrieve', args: JSON.stringify({ id: markerId(req) }) }];
      return stream
        ? { chunks: chatSse({ id: `chatcmpl-${n}`, calls }), delayMs: 2 }
        : { body: chatJson({ id: `chatcmpl-${n}`, calls }) };
    },
    errorBody: (_status, type, message) => ({ error: { message, type, param: null, code: type } }),
  },
  {
    name: 'OpenAI Responses',
    path: () => '/v1/responses',
    headers: { ...json, authorization: 'Bearer k' },
    body: (stream) =>
      JSON.stringify({
        model: 'gpt-test',
        stream,
        store: false,
        tools: [{ type: 'function', name: 'shell', parameters: { type: 'object' }, strict: false }],
        input: [
          { role: 'user', content: 'what did job 9040 do?' },
          { type: 'function_call', call_id: 'call_1', name: 'shell', arguments: '{}' },
          { type: 'function_call_output', call_id: 'call_1', output: log },
        ],
      }),
    retrieveTurn: (req, stream, n) => {
      const items = [
        {
          type: 'function_call' as const,
          id: `fc_${n}`,
          call_id: `call_r${n}`,
          name: 'headroom_retrieve',
          arguments: JSON.stringify({ id: markerId(req) }),
        },
      ];
      return stream
        ? { chunks: responsesSse({ id: `resp_${n}`, items }), delayMs: 2 }
        : { body: responsesJson({ id: `resp_${n}`, items }) };
    },
    errorBody: (_status, type, message) => ({ error: { message, type, param: null, code: type } }),
  },
  {
    name: 'Gemini',
    path: (stream) =>
      stream
        ? '/v1beta/models/gemini-test:streamGenerateContent?alt=sse'
        : '/v1beta/models/gemini-test:generateContent',
    headers: { ...json, 'x-goog-api-key': 'k' },
    body: () =>
      JSON.stringify({
        contents: [
          { role: 'user', parts: [{ text: 'what did job 9040 do?' }] },
          { role: 'model', parts: [{ functionCall: { id: 'shell_1', name: 'run_shell_command', args: {} } }] },
          {
            role: 'user',
            parts: [{ functionResponse: { id: 'shell_1', name: 'run_shell_command', response: { output: log } } }],
          },
        ],
        tools: [{ functionDeclarations: [{ name: 'run_shell_command', parametersJsonSchema: { type: 'object' } }] }],
      }),
    retrieveTurn: (req, stream, n) => {
      const r = geminiResponse([{ functionCall: { name: 'headroom_retrieve', args: { id: markerId(req) } } }], {
        id: `resp-${n}`,
        final: true,
      });
      return stream ? { chunks: geminiSse([r]), delayMs: 2 } : { body: r };
    },
    errorBody: (status, type, message) => ({ error: { code: status, message, status: type } }),
  },
];

/** The `data:` payloads of an SSE body, with their event names. */
export function sseEvents(text: string): { event?: string; data: string }[] {
  return text
    .split(/\r?\n\r?\n/)
    .filter((e) => e.trim())
    .map((e) => {
      const lines = e.split(/\r?\n/);
      return {
        event: lines.find((l) => l.startsWith('event: '))?.slice(7),
        data: lines
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n'),
      };
    });
}
