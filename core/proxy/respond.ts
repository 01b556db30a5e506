import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { clientResponseHeaders } from './headers.js';

/**
 * An error the proxy itself produces, in the envelope both SDK families read: Anthropic's `{type:"error", error:{type,
 * message}}` also satisfies OpenAI clients, which read `error.message`.
 */
export function sendError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ type: 'error', error: { type, message: `headroom proxy: ${message}` } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

/**
 * Sends the provider's response back as it arrives: status, headers (content-encoding included) and body bytes
 * untouched, with backpressure. If the provider cuts the stream, the client's is cut too; if the client leaves, the
 * upstream response is destroyed, which closes the upstream connection.
 */
export async function pipeResponse(upstream: IncomingMessage, res: ServerResponse): Promise<void> {
  res.writeHead(upstream.statusCode ?? 502, upstream.statusMessage, clientResponseHeaders(upstream.headers, true));
  res.flushHeaders(); // a stream's headers reach the client when the provider sent them, not with the first event
  try {
    await pipeline(upstream, res);
  } catch {
    // pipeline already destroyed both sides; nothing else to undo
  }
}
