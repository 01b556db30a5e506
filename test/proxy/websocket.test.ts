import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { startProxy } from '../../core/proxy/start-proxy.js';
import { MemoryStore } from '../helpers/memory-store.js';

/** An upstream that accepts any upgrade with 101 and echoes bytes back upper-cased (stands in for a WebSocket peer). */
async function echoUpstream() {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((_req, res) => res.end('no'));
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => sockets.add(s));
  server.on('upgrade', (req, socket: net.Socket, head: Buffer) => {
    seen.push(req.headers);
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ' +
        'fake\r\n\r\n',
    );
    if (head.length) socket.write(head.toString().toUpperCase());
    socket.on('data', (d) => socket.write(d.toString().toUpperCase()));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => (server.close(() => r()), sockets.forEach((s) => s.destroy()))),
  };
}

/**
 * Sends an upgrade request on a raw socket, then `send` once the response head arrived. Resolves with everything read
 * when the exchange is complete: a refusal's head, or after a 101 the peer's echo of `send`, or the socket closing.
 */
async function upgrade(port: number, path: string, send: string, host = `127.0.0.1:${port}`): Promise<string> {
  const s = net.connect(port, '127.0.0.1');
  await once(s, 'connect');
  let got = '';
  const echo = send.toUpperCase();
  let complete!: () => void;
  const completed = new Promise<void>((r) => (complete = r));
  s.once('close', () => complete());
  s.on('data', (d) => {
    got += d.toString();
    const headDone = got.includes('\r\n\r\n');
    if (headDone && send) {
      s.write(send);
      send = '';
    }
    if (headDone && (!/^HTTP\/1\.1 101 /.test(got) || got.endsWith(echo))) complete();
  });
  s.write(
    `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ` +
      `dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer ws-secret\r\n\r\n`,
  );
  await completed;
  s.destroy();
  return got;
}

test(
  'WebSocket on /v1/responses: 426 by default (clients fall back to HTTP, which is compressed); tunnel mode and ' +
    'other paths tunnel',
  async () => {
    const up = await echoUpstream();
    const store = new MemoryStore();
    const fallback = await startProxy({ store, port: 0, bases: { openai: up.url } });
    const tunnel = await startProxy({ store, port: 0, bases: { openai: up.url }, responsesWebSocket: 'tunnel' });
    try {
      const refused = await upgrade(fallback.port, '/v1/responses', '');
      assert.match(refused, /^HTTP\/1\.1 426 Upgrade Required/);
      assert.equal(up.seen.length, 0);

      const realtime = await upgrade(fallback.port, '/v1/realtime?model=x', 'hello frames');
      assert.match(realtime, /^HTTP\/1\.1 101 Switching Protocols/);
      assert.ok(realtime.endsWith('HELLO FRAMES'), realtime);

      const tunnelled = await upgrade(tunnel.port, '/v1/responses', 'ping');
      assert.match(tunnelled, /101 Switching Protocols[\s\S]*PING$/);
      assert.equal(up.seen.at(-1)!.authorization, 'Bearer ws-secret');
      assert.equal(up.seen.at(-1)!.host, new URL(up.url).host);

      const rebound = await upgrade(tunnel.port, '/v1/responses', '', 'evil.example');
      assert.match(rebound, /^HTTP\/1\.1 403 Forbidden/);
    } finally {
      await fallback.close();
      await tunnel.close();
      await up.close();
    }
  },
);

test('a WebSocket client that stops reading is let go after the slow-reader timeout, and the upstream socket with it', {
  timeout: 30_000,
}, async () => {
  // a peer that sends frames without end, each only once its socket drained (what it wrote is what was taken)
  let written = 0;
  let upstreamClosed!: () => void;
  const closed = new Promise<void>((r) => (upstreamClosed = r));
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const server = http.createServer((_req, res) => res.end('no'));
  server.on('upgrade', async (_req, socket: net.Socket) => {
    socket.once('close', upstreamClosed);
    socket.on('error', () => undefined);
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    while (!socket.destroyed) {
      written += chunk.length;
      if (!socket.write(chunk)) await new Promise((r) => (socket.once('drain', r), socket.once('close', r)));
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const proxy = await startProxy({
    store: new MemoryStore(),
    port: 0,
    bases: { openai: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
    slowReaderTimeoutMs: 300,
  });
  const client = net.connect(proxy.port, '127.0.0.1');
  client.on('error', () => undefined); // the proxy resets it, with bytes unread
  try {
    const warned = once(proxy.events, 'warning');
    await once(client, 'connect');
    client.pause(); // reads nothing, ever
    client.write(
      `GET /v1/realtime HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    const [warning] = (await warned) as [{ message: string }];
    assert.match(
      warning.message,
      new RegExp(
        /^WebSocket \/v1\/realtime: the client took nothing of what the provider sent for 300 ms /.source +
          /\(\d+ bytes waiting\); closed it and the upstream socket$/.source,
      ),
    );
    await closed; // the proxy closed its socket to the provider
    assert.ok(written < 64 * 1024 * 1024, `backpressure held the provider back (it wrote ${written} bytes)`);
  } finally {
    client.destroy();
    await proxy.close();
    server.closeAllConnections();
    server.close();
  }
});
