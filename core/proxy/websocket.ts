import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import { resolveTarget, type PrefixConfig } from './resolve-target.js';
import { isCopilotResponsesSocket } from '../copilot/routes.js';
import { refusal } from './security.js';
import { targetRefusal } from './request-target.js';
import { guardSlowReader } from './slow-reader.js';

/**
 * `fallback-to-http`: a WebSocket upgrade on /v1/responses (Copilot's `/copilot/<secret>/responses`) is answered 426,
 * and Codex / Copilot then send the same turn over HTTP, where it is compressed (Copilot falls back to HTTP when its
 * socket fails: vscode-copilot-chat src/extension/prompt/node/chatMLFetcher.ts, "WebSocket request failed with
 * successful HTTP fallback"). `tunnel`: the upgrade is tunnelled to the provider unchanged (no compression
 * of the frames). Other paths are always tunnelled.
 */
export type ResponsesWebSocketMode = 'fallback-to-http' | 'tunnel';

export interface UpgradeContext {
  prefixes: PrefixConfig;
  allowedHosts: ReadonlySet<string>;
  responsesWebSocket: ResponsesWebSocketMode;
  /** A client that takes nothing of what the provider sends for this long is closed, and the upstream socket too. */
  slowReaderTimeoutMs: number;
  onWarning: (message: string) => void;
}

function rawResponse(status: number, reason: string, body = ''): string {
  return (
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ` +
    `${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

function headBlock(status: number | undefined, message: string | undefined, rawHeaders: string[]): string {
  let out = `HTTP/1.1 ${status ?? 502} ${message ?? ''}\r\n`;
  for (let i = 0; i < rawHeaders.length; i += 2) out += `${rawHeaders[i]}: ${rawHeaders[i + 1]}\r\n`;
  return out + '\r\n';
}

/** Handles an HTTP upgrade request on the proxy's server (see ResponsesWebSocketMode). */
export function handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer, ctx: UpgradeContext): void {
  socket.on('error', () => socket.destroy());
  const bad = targetRefusal(req.url ?? '/');
  if (bad) {
    socket.end(
      rawResponse(
        400,
        'Bad Request',
        JSON.stringify({ type: 'error', error: { type: 'invalid_request_target', message: `headroom proxy: ${bad}` } }),
      ),
    );
    return;
  }
  const refused = refusal(req.headers, ctx.allowedHosts);
  if (refused) {
    socket.end(
      rawResponse(
        403,
        'Forbidden',
        JSON.stringify({ type: 'error', error: { type: 'forbidden', message: `headroom proxy: ${refused}` } }),
      ),
    );
    return;
  }
  let resolved;
  try {
    resolved = resolveTarget('GET', req.url ?? '/', req.headers, ctx.prefixes);
  } catch (err) {
    socket.end(
      rawResponse(
        400,
        'Bad Request',
        JSON.stringify({
          type: 'error',
          error: { type: 'invalid_request_target', message: `headroom proxy: ${(err as Error).message}` },
        }),
      ),
    );
    return;
  }
  if (!resolved.ok) {
    const reason = resolved.status === 403 ? 'Forbidden' : 'Not Found';
    socket.end(
      rawResponse(
        resolved.status,
        reason,
        JSON.stringify({
          type: 'error',
          error: { type: resolved.type, message: `headroom proxy: ${resolved.message}` },
        }),
      ),
    );
    return;
  }
  const { url, rest, prefix } = resolved.target;
  const path = rest.split('?')[0];
  const responses = prefix === 'copilot' ? isCopilotResponsesSocket(path) : path === '/v1/responses';
  if (responses && ctx.responsesWebSocket === 'fallback-to-http') {
    socket.end(rawResponse(426, 'Upgrade Required'));
    return;
  }
  // the relay pipes with backpressure (a stalled client holds the provider back), and is let go after the timeout
  guardSlowReader(socket, ctx.slowReaderTimeoutMs, (waiting) =>
    ctx.onWarning(
      `WebSocket ${path}: the client took nothing of what the provider sent for ${ctx.slowReaderTimeoutMs} ms ` +
        `(${waiting} bytes waiting); closed it and the upstream socket`,
    ),
  );
  const secure = url.protocol === 'https:';
  const headers = { ...req.headers, host: url.host };
  const up = (secure ? https : http).request(url, { method: req.method, headers, agent: false });
  socket.once('close', () => up.destroy());
  up.on('upgrade', (upRes, upSocket, upHead) => {
    socket.write(headBlock(upRes.statusCode, upRes.statusMessage, upRes.rawHeaders));
    if (upHead.length) socket.write(upHead);
    if (head.length) upSocket.write(head);
    upSocket.on('error', () => socket.destroy());
    socket.once('close', () => upSocket.destroy());
    upSocket.once('close', () => socket.destroy());
    upSocket.pipe(socket);
    socket.pipe(upSocket);
  });
  up.on('response', (upRes) => {
    // the provider refused the upgrade: hand its answer back (node already de-chunked the body: close delimits it)
    const kept: string[] = [];
    for (let i = 0; i < upRes.rawHeaders.length; i += 2)
      if (!/^(transfer-encoding|connection|keep-alive)$/i.test(upRes.rawHeaders[i]))
        kept.push(upRes.rawHeaders[i], upRes.rawHeaders[i + 1]);
    socket.write(headBlock(upRes.statusCode, upRes.statusMessage, [...kept, 'Connection', 'close']));
    upRes.pipe(socket);
  });
  up.on('error', (err) => {
    if (socket.writable)
      socket.end(
        rawResponse(
          502,
          'Bad Gateway',
          JSON.stringify({
            type: 'error',
            error: { type: 'upstream_unreachable', message: `headroom proxy: ${err.message}` },
          }),
        ),
      );
  });
  up.end();
}
