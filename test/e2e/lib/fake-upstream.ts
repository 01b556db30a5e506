// A scripted Anthropic-style provider on 127.0.0.1 for the e2e tests: answers POST …/v1/messages with a short
// assistant message and remembers every body it received, so a test can see exactly what the proxy sent upstream.
// Two scripted turns: `dropNext()` cuts the next request's connection (the proxy must answer 502), and a question
// starting "RETRIEVE hr_…" is answered with a headroom_retrieve call for that id, as a model would ask for it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The parts of an Anthropic Messages body the tests build and read back. */
export interface MessagesBody {
  model: string;
  max_tokens: number;
  tools?: { name: string; description: string; input_schema: object }[];
  messages: { role: 'user' | 'assistant'; content: string | ContentBlock[] }[];
}
export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; content: string };

/** One request as the fake provider received it. */
export interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: MessagesBody | undefined;
}

export interface FakeUpstream {
  port: number;
  /** The base URL to configure as `headroom.upstream.anthropic`. */
  base: string;
  received: Received[];
  /** Cuts the next request's connection without an answer. */
  dropNext(): void;
  /** Resolves with the next request received (after it was recorded). */
  nextRequest(): Promise<Received>;
  close(): Promise<void>;
}

/** The tool result text of the request's third message (what `messagesBody`/`readFileBody` put there). */
export function toolResultOf(r: Received | undefined): string {
  const block = r?.body?.messages[2]?.content;
  const first = Array.isArray(block) ? block[0] : undefined;
  if (first?.type !== 'tool_result') throw new Error(`no tool_result in what the provider received: ${r?.text}`);
  return first.content;
}

/** The retrieve call a model makes, as Anthropic's JSON answer; the proxy answers it and asks again. */
function retrieveCall(id: string, model: string) {
  return {
    id: 'msg_retrieve',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'tool_use', id: 'toolu_retrieve', name: 'headroom_retrieve', input: { id } }],
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5 },
  };
}

export function startFakeUpstream(): Promise<FakeUpstream> {
  const received: Received[] = [];
  const waiting: ((r: Received) => void)[] = [];
  let drop = 0;
  const server = http.createServer((req, res) => {
    if (drop > 0) {
      drop--;
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: MessagesBody | undefined;
      try {
        body = JSON.parse(text) as MessagesBody;
      } catch {
        body = undefined;
      }
      const r: Received = { method: req.method, url: req.url, headers: req.headers, text, body };
      received.push(r);
      for (const w of waiting.splice(0)) w(r);
      if (req.method !== 'POST' || !/\/v1\/messages$/.test((req.url || '').split('?')[0])) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `no route ${req.url}` } }));
        return;
      }
      const messages = body?.messages ?? [];
      const question = typeof messages[0]?.content === 'string' ? messages[0].content : '';
      const asked = /^RETRIEVE (hr_[0-9a-f]{16})/.exec(question);
      const answered = JSON.stringify(messages[messages.length - 1] || {}).includes('toolu_retrieve');
      res.writeHead(200, { 'content-type': 'application/json' });
      if (asked && !answered) {
        res.end(JSON.stringify(retrieveCall(asked[1], body?.model || 'claude-test')));
        return;
      }
      res.end(
        JSON.stringify({
          id: `msg_${received.length}`,
          type: 'message',
          role: 'assistant',
          model: body?.model || 'claude-test',
          content: [{ type: 'text', text: 'ok' }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 1 },
        }),
      );
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        base: `http://127.0.0.1:${port}/v1`,
        received,
        dropNext: () => {
          drop++;
        },
        nextRequest: () => new Promise((r) => waiting.push(r)),
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

/** An Anthropic Messages body whose last turn is a tool_result holding `toolOutput` (what an agent sends). */
export function messagesBody(
  question: string,
  command: string,
  toolOutput: string,
  model = 'claude-test',
): MessagesBody {
  return {
    model,
    max_tokens: 256,
    tools: [
      {
        name: 'Bash',
        description: 'Run a shell command',
        input_schema: { type: 'object', properties: { command: { type: 'string' } } },
      },
    ],
    messages: [
      { role: 'user', content: question },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: toolOutput }] },
    ],
  };
}

/** The same, for a file read (`Read` with `file_path`: the engine takes the language from the file name). */
export function readFileBody(question: string, filePath: string, content: string, model = 'claude-test'): MessagesBody {
  return {
    model,
    max_tokens: 256,
    messages: [
      { role: 'user', content: question },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_2', name: 'Read', input: { file_path: filePath } }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_2', content }] },
    ],
  };
}

/** Sends a body through the proxy as Claude Code would; resolves with the HTTP status and text. */
export async function sendThroughProxy(
  proxyUrl: string,
  body: MessagesBody,
  agent = 'claude-cli/1.0.0 (e2e)',
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${proxyUrl}/v1/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': 'sk-test',
      'anthropic-version': '2023-06-01',
      'user-agent': agent,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}
