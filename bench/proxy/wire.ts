// The fake provider and the request bodies bench/proxy-latency.ts sends (Anthropic Messages, one big tool result).
import * as http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

export const REPLY = JSON.stringify({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  content: [{ type: 'text', text: 'ok' }],
  stop_reason: 'end_turn',
  usage: { input_tokens: 1, output_tokens: 1 },
});
export const STREAM_EVENTS = 40;
export const STREAM_GAP_MS = 5;

export function sse(i: number): string {
  return (
    `event: content_block_delta\ndata: ` +
    `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"token ${i} "}}\n\n`
  );
}

export async function fakeProvider(): Promise<{ url: string; close(): void }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (!Buffer.concat(chunks).includes('"stream":true')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(REPLY) });
      res.end(REPLY);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('event: message_start\ndata: {"type":"message_start","message":{"id":"m","content":[]}}\n\n');
    for (let i = 0; i < STREAM_EVENTS; i++) {
      await new Promise((r) => setTimeout(r, STREAM_GAP_MS));
      res.write(sse(i));
    }
    res.end('event: message_stop\ndata: {"type":"message_stop"}\n\n');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => (server.closeAllConnections(), server.close()),
  };
}

/** ~100 KB of tool output: a JSON API listing with one anomaly (what agents read most). */
export function toolOutput(seed: number): string {
  const rows = [];
  for (let i = 0; rows.length < 760; i++)
    rows.push({
      id: seed * 10_000 + i,
      name: `service-${i % 37}`,
      region: ['eu-west-1', 'us-east-1', 'ap-south-1'][i % 3],
      status: i === 400 ? 'degraded' : 'ok',
      p99_ms: 20 + ((i * 7 + seed) % 60),
      updated: `2024-05-01T10:${String(i % 60).padStart(2, '0')}:00Z`,
    });
  return JSON.stringify(rows, null, 1);
}

/** A real ~30 KB README (Debian's gdb), made fresh per seed: prose for the extractive compressor or the model. */
export const README = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'prose', 'gdb-readme.txt'), 'utf8');
export function proseBody(seed: number): string {
  return body(seed, false, `${README}\n(copy ${seed})\n`, 'What compiler does GDB need to build?');
}

export function body(
  seed: number,
  stream = false,
  result = toolOutput(seed),
  question = 'Which service is degraded?',
): string {
  return JSON.stringify({
    model: 'claude-bench',
    max_tokens: 1024,
    system: [{ type: 'text', text: 'You are a coding agent.' }],
    tools: [
      {
        name: 'Bash',
        description: 'Run a command',
        input_schema: { type: 'object', properties: { command: { type: 'string' } } },
      },
    ],
    messages: [
      { role: 'user', content: question },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'curl /api/services' } }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: result }] },
    ],
    stream,
  });
}
